import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { Model } from 'mongoose';
import { MembershipReference } from '@pb/membership-reference';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { Enterprises } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN, IsCreditCode, ZoneFilterDto } from '../shared/common.dto';
import { EnterpriseView, HIDDEN, withFigures } from './enterprise-view';

export interface EnterpriseFilter {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  /** 所在楼宇: enterprises located in this registered building. */
  buildingId?: string;
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

/** Enterprises in credit-code order, `after` being the last code of the previous page. */
@QueryHandler(ListEnterprises)
export class ListEnterprisesHandler implements IQueryHandler<ListEnterprises, { items: EnterpriseView[]; next: string | null }> {
  constructor(
    @InjectSnapshots(Enterprises) private readonly enterprises: Model<Snapshot<Enterprise>>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ filter, limit, after }: ListEnterprises) {
    const query: Record<string, unknown> = {};
    for (const key of ['districtId', 'subDistrictId', 'zoneId', 'buildingId', 'industry'] as const) if (filter[key] !== undefined) query[key] = filter[key];
    if (filter.creditCode !== undefined) query._id = filter.creditCode;
    if (filter.tag !== undefined) query.tags = filter.tag;
    if (after !== undefined) query._id = filter.creditCode !== undefined ? { $eq: filter.creditCode, $gt: after } : { $gt: after };
    const rows = await this.enterprises
      .find(query, HIDDEN)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<Snapshot<Enterprise>[]>()
      .exec();
    const page = rows.slice(0, limit);
    const items = withFigures(page, await this.membership.enterprisePartyFigures(page.map((r) => r._id)));
    return { items, next: rows.length > limit ? page[page.length - 1]._id : null };
  }
}

export class EnterpriseFilterDto extends ZoneFilterDto {
  @ApiPropertyOptional({ description: '所在楼宇或综合体编号' }) @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) buildingId?: string;
  @IsOptional() @IsCreditCode() creditCode?: string;
  @IsOptional() @IsString() @Length(1, 50, { message: 'industry 长度须在 1 到 50 之间' }) industry?: string;
  @IsOptional() @IsString() @Length(1, 30, { message: 'tag 长度须在 1 到 30 之间' }) tag?: string;
}
