import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { AggregateRepository, CommandContext, InjectAggregate, InjectSnapshots, Snapshot } from '@pb/messaging';
import { DomainError } from '@pb/platform';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import { Policy, PolicyMatch, policyMatchId } from '../../domain/policy/policy';
import { Enterprises, Policies, PolicyMatches } from '../../infrastructure/aggregates';
import { RecordPolicyMatch } from './record-policy-match.command';

export class MatchPolicy {
  constructor(
    readonly policyId: string,
    readonly context: CommandContext,
  ) {}
}

export interface MatchPolicyResult {
  policyId: string;
  eligible: number;
  newlyMatched: string[];
  alreadyMatched: number;
}

/** Bounded per run; a district with more eligible enterprises is matched over several runs. */
const MAX_PER_RUN = 2000;

/**
 * 政策匹配: finds the eligible enterprises and pushes the policy to each one not
 * yet matched, one RecordPolicyMatch command (one aggregate, one event) each.
 * Running it again pushes only to enterprises that became eligible since.
 */
@CommandHandler(MatchPolicy)
export class MatchPolicyHandler implements ICommandHandler<MatchPolicy, MatchPolicyResult> {
  constructor(
    @InjectAggregate(Policies) private readonly policies: AggregateRepository<Policy>,
    @InjectSnapshots(Enterprises) private readonly enterprises: Model<Snapshot<Enterprise>>,
    @InjectSnapshots(PolicyMatches) private readonly matches: Model<Snapshot<PolicyMatch>>,
    private readonly commands: CommandBus,
  ) {}

  async execute({ policyId, context }: MatchPolicy): Promise<MatchPolicyResult> {
    const policy = (await this.policies.load(policyId)).state;
    if (!policy) throw new DomainError('not_found', 'POLICY_NOT_FOUND', `政策 ${policyId.slice(0, 64)} 不存在`, { policyId: policyId.slice(0, 64) });
    const eligible = await this.enterprises
      .find({ districtId: policy.districtId, ...(policy.zoneId ? { zoneId: policy.zoneId } : {}), tags: { $all: policy.eligibilityTags } }, { lastEventAt: 0 })
      .sort({ _id: 1 })
      .limit(MAX_PER_RUN)
      .lean<Snapshot<Enterprise>[]>()
      .exec();
    const done = new Set((await this.matches.find({ policyId }, { _id: 1 }).limit(100_000).lean<{ _id: string }[]>().exec()).map((m) => m._id));
    const result: MatchPolicyResult = { policyId, eligible: eligible.length, newlyMatched: [], alreadyMatched: 0 };
    for (const { _id, version: _v, ...enterprise } of eligible) {
      if (done.has(policyMatchId(policyId, _id))) {
        result.alreadyMatched++;
        continue;
      }
      try {
        await this.commands.execute(new RecordPolicyMatch(policy as Policy, enterprise as unknown as Enterprise, context));
        result.newlyMatched.push(_id);
      } catch (error) {
        // Matched by a concurrent run meanwhile: already pushed, nothing more to do.
        if ((error instanceof DomainError && error.code === 'ALREADY_MATCHED') || (error as Error).name === 'ConcurrencyConflictError') result.alreadyMatched++;
        else throw error;
      }
    }
    return result;
  }
}
