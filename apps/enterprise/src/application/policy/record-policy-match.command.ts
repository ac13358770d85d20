import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PolicyMatched } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { decidePolicyMatch, Policy, PolicyMatch, policyMatchId } from '../../domain/policy/policy';
import { PolicyMatchRepository } from '../../infrastructure/repositories';

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
  constructor(private readonly matches: PolicyMatchRepository) {}

  async execute({ policy, enterprise, context }: RecordPolicyMatch): Promise<PolicyMatch> {
    const loaded = await this.matches.load(policyMatchId(policy.policyId, enterprise.creditCode));
    const data = decidePolicyMatch(loaded.state, policy, enterprise);
    const { state } = await this.matches.save(loaded, { definition: PolicyMatched, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, context);
    return state;
  }
}
