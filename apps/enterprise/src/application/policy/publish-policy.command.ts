import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Department, PolicyPublished } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decidePolicy, Policy } from '../../domain/policy/policy';
import { Policies } from '../../infrastructure/aggregates';

export class PublishPolicy {
  constructor(
    readonly request: { policyId: string; title: string; department: Department; summary: string; eligibilityTags: string[]; districtId: string; zoneId: string | null },
    readonly context: CommandContext,
  ) {}
}

/** 发布惠企政策 */
@CommandHandler(PublishPolicy)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicy, Policy> {
  constructor(
    @InjectAggregate(Policies) private readonly policies: AggregateRepository<Policy>,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: PublishPolicy): Promise<Policy> {
    const known = request.zoneId
      ? (await this.membership.zone(request.zoneId))?.districtId === request.districtId
      : await this.membership.districtKnown(request.districtId);
    const { state } = await this.policies.decideAndSave(
      request.policyId,
      (loaded) => ({ definition: PolicyPublished, data: decidePolicy(loaded.state, known, request) }),
      context,
    );
    return state;
  }
}
