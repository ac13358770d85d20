import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { DeadlinePolicy, effectiveLimits, policyIdOf } from '../../domain/case/deadline-policy';
import { DeadlinePolicies } from '../../infrastructure/aggregates';

export class GetTimeLimits {
  constructor(readonly districtId: string) {}
}

@QueryHandler(GetTimeLimits)
export class GetTimeLimitsHandler implements IQueryHandler<GetTimeLimits> {
  constructor(@InjectAggregate(DeadlinePolicies) private readonly policies: AggregateRepository<DeadlinePolicy>) {}

  async execute({ districtId }: GetTimeLimits) {
    const { state } = await this.policies.load(policyIdOf(districtId));
    return { districtId, limits: effectiveLimits(state) };
  }
}
