import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { MembershipReference } from '@pb/membership-reference';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { Enterprises } from '../../infrastructure/aggregates';
import { EnterpriseView, HIDDEN, withFigures } from './enterprise-view';

export class GetEnterprise {
  constructor(readonly creditCode: string) {}
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
