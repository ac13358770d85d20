import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Department, PolicyPublished } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { MembershipReference } from '@pb/membership-reference';
import { decidePolicy, Policy } from '../../domain/policy/policy';
import { PolicyRepository } from '../../infrastructure/repositories';

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
    private readonly policies: PolicyRepository,
    private readonly membership: MembershipReference,
  ) {}

  async execute({ request, context }: PublishPolicy): Promise<Policy> {
    const loaded = await this.policies.load(request.policyId);
    const known = request.zoneId
      ? (await this.membership.zone(request.zoneId))?.districtId === request.districtId
      : await this.membership.districtKnown(request.districtId);
    const data = decidePolicy(loaded.state, known, request);
    const { state } = await this.policies.save(loaded, { definition: PolicyPublished, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId ?? '' } }, context);
    return state;
  }
}
