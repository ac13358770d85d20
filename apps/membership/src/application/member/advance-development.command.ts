import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DevelopmentStageAdvanced, MemberAdmittedAsFull, MemberRegistered } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { AdvanceRequest, decideAdvance, Member, requireMember } from '../../domain/member/member';
import { MemberRepository } from '../../infrastructure/member/member.repository';
import { assertMayManage } from './member-access';

/** 发展党员: one step along the pipeline, including 接收为预备党员 and 转正. */
export class AdvanceDevelopment {
  constructor(
    readonly memberId: string,
    readonly request: AdvanceRequest,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdvanceDevelopment)
export class AdvanceDevelopmentHandler implements ICommandHandler<AdvanceDevelopment, Member> {
  constructor(
    private readonly members: MemberRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ memberId, request, expectedVersion, actor, context }: AdvanceDevelopment): Promise<Member> {
    const loaded = await this.members.load(memberId);
    assertMayManage(actor, requireMember(loaded.state, memberId), '该党员所在党组织');
    const introducers = await this.members.findMany(request.introducerMemberIds);
    const decision = decideAdvance(loaded.state, memberId, request, introducers, chinaDate(this.clock.now()));
    const member = loaded.state!;
    const jurisdiction = { districtId: member.districtId, zoneId: member.zoneId ?? '' };
    const event: PendingEvent<unknown> =
      decision.kind === 'stage'
        ? { definition: DevelopmentStageAdvanced, data: decision.data, jurisdiction }
        : decision.kind === 'registered'
          ? { definition: MemberRegistered, data: decision.data, jurisdiction }
          : { definition: MemberAdmittedAsFull, data: decision.data, jurisdiction };
    // A caller that read version N may only change version N: a stale edit is a 409.
    const base = expectedVersion === undefined ? loaded : { ...loaded, version: expectedVersion };
    const { state } = await this.members.save(base, event as PendingEvent<never>, context);
    return state;
  }
}
