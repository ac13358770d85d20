import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseKind, CasePriority, CaseTimeLimitSet } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { DeadlinePolicy, decideTimeLimit, effectiveLimits, policyIdOf } from '../../domain/case/deadline-policy';
import { DeadlinePolicies } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 办理时限: a district sets the hours for one kind and priority; later reports use it. */
export class SetTimeLimit {
  constructor(
    readonly request: { districtId: string; kind: CaseKind; priority: CasePriority; hours: number },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(SetTimeLimit)
export class SetTimeLimitHandler implements ICommandHandler<SetTimeLimit> {
  constructor(@InjectAggregate(DeadlinePolicies) private readonly policies: AggregateRepository<DeadlinePolicy>) {}

  async execute({ request, caller }: SetTimeLimit) {
    assertInScope(caller.actor, { districtId: request.districtId }, '该区县');
    const { state } = await this.policies.decideAndSave(
      policyIdOf(request.districtId),
      (loaded) => ({ definition: CaseTimeLimitSet, data: decideTimeLimit(loaded.state, request) }),
      caller.context,
    );
    return { districtId: request.districtId, limits: effectiveLimits(state) };
  }
}

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
