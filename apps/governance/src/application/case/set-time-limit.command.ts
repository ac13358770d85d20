import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseKind, CasePriority, CaseTimeLimitSet } from '@pb/contracts';
import { assertInScope } from '@pb/platform';
import { decideTimeLimit, effectiveLimits, policyIdOf } from '../../domain/case/deadline-policy';
import { DeadlinePolicyRepository } from '../../infrastructure/repositories';
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
  constructor(private readonly policies: DeadlinePolicyRepository) {}

  async execute({ request, caller }: SetTimeLimit) {
    assertInScope(caller.actor, { districtId: request.districtId }, '该区县');
    const loaded = await this.policies.load(policyIdOf(request.districtId));
    const data = decideTimeLimit(loaded.state, request);
    const { state } = await this.policies.save(loaded, { definition: CaseTimeLimitSet, data, jurisdiction: { districtId: request.districtId, zoneId: '' } }, caller.context);
    return { districtId: request.districtId, limits: effectiveLimits(state) };
  }
}

export class GetTimeLimits {
  constructor(readonly districtId: string) {}
}

@QueryHandler(GetTimeLimits)
export class GetTimeLimitsHandler implements IQueryHandler<GetTimeLimits> {
  constructor(private readonly policies: DeadlinePolicyRepository) {}

  async execute({ districtId }: GetTimeLimits) {
    const { state } = await this.policies.load(policyIdOf(districtId));
    return { districtId, limits: effectiveLimits(state) };
  }
}
