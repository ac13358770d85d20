import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { EnterprisePartyFigures, MembershipReference } from '@pb/membership-reference';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { Enterprises } from '../../infrastructure/aggregates';

export type EnterpriseView = Enterprise & { version: number } & EnterprisePartyFigures;

export interface EnterpriseFilter {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  creditCode?: string;
  industry?: string;
  tag?: string;
}

export class ListEnterprises {
  constructor(
    readonly filter: EnterpriseFilter,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

export class GetEnterprise {
  constructor(readonly creditCode: string) {}
}

const HIDDEN = { lastEventAt: 0 } as const;

function withFigures(rows: Snapshot<Enterprise>[], figures: Map<string, EnterprisePartyFigures>): EnterpriseView[] {
  return rows.map(({ _id, lastEventAt: _l, ...rest }) => ({ ...rest, ...figures.get(_id)! }));
}

/** Enterprises in credit-code order, `after` being the last code of the previous page. */
@QueryHandler(ListEnterprises)
export class ListEnterprisesHandler implements IQueryHandler<ListEnterprises, { items: EnterpriseView[]; next: string | null }> {
  constructor(
    @InjectSnapshots(Enterprises) private readonly enterprises: Model<Snapshot<Enterprise>>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ filter, limit, after }: ListEnterprises) {
    const query: Record<string, unknown> = {};
    for (const key of ['districtId', 'subDistrictId', 'zoneId', 'industry'] as const) if (filter[key] !== undefined) query[key] = filter[key];
    if (filter.creditCode !== undefined) query._id = filter.creditCode;
    if (filter.tag !== undefined) query.tags = filter.tag;
    if (after !== undefined) query._id = filter.creditCode !== undefined ? { $eq: filter.creditCode, $gt: after } : { $gt: after };
    const rows = await this.enterprises.find(query, HIDDEN).sort({ _id: 1 }).limit(limit + 1).lean<Snapshot<Enterprise>[]>().exec();
    const page = rows.slice(0, limit);
    const items = withFigures(page, await this.membership.enterprisePartyFigures(page.map((r) => r._id)));
    return { items, next: rows.length > limit ? page[page.length - 1]._id : null };
  }
}

@QueryHandler(GetEnterprise)
export class GetEnterpriseHandler implements IQueryHandler<GetEnterprise, EnterpriseView | null> {
  constructor(
    @InjectSnapshots(Enterprises) private readonly enterprises: Model<Snapshot<Enterprise>>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ creditCode }: GetEnterprise): Promise<EnterpriseView | null> {
    const found = await this.enterprises.findById(creditCode, HIDDEN).lean<Snapshot<Enterprise>>().exec();
    if (!found) return null;
    return withFigures([found], await this.membership.enterprisePartyFigures([creditCode]))[0];
  }
}
