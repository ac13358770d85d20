import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PolicyMatched } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decidePolicyMatch, Policy, PolicyMatch, policyMatchId } from '../../domain/policy/policy';
import { PolicyMatches } from '../../infrastructure/aggregates';

export class RecordPolicyMatch {
  constructor(
    readonly policy: Policy,
    readonly enterprise: Enterprise,
    readonly context: CommandContext,
  ) {}
}

/** 政策精准推送 to one enterprise: the match's own aggregate, so a second push is refused. */
@CommandHandler(RecordPolicyMatch)
export class RecordPolicyMatchHandler implements ICommandHandler<RecordPolicyMatch, PolicyMatch> {
  constructor(@InjectAggregate(PolicyMatches) private readonly matches: AggregateRepository<PolicyMatch>) {}

  async execute({ policy, enterprise, context }: RecordPolicyMatch): Promise<PolicyMatch> {
    const { state } = await this.matches.decideAndSave(
      policyMatchId(policy.policyId, enterprise.creditCode),
      (loaded) => ({ definition: PolicyMatched, data: decidePolicyMatch(loaded.state, policy, enterprise) }),
      context,
    );
    return state;
  }
}
