import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MemberTransferApproved, MemberTransferCancelled, MemberTransferCompleted, MemberTransferResubmitted, MemberTransferReturned } from '@pb/contracts';
import { CommandContext, PendingEvent } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideTransferStep, Member, requireTransferStep } from '../../domain/member/member';
import { MemberRepository } from '../../infrastructure/member/member.repository';
import { assertMayManage } from '../member/member-access';

export type TransferStep = 'approve' | 'return' | 'resubmit' | 'complete' | 'cancel';

const DEFINITIONS = {
  approve: MemberTransferApproved,
  return: MemberTransferReturned,
  resubmit: MemberTransferResubmitted,
  complete: MemberTransferCompleted,
  cancel: MemberTransferCancelled,
} as const;

/**
 * A step of an open transfer. The receiving organization approves, returns it
 * for correction or completes it; the sending side resubmits or withdraws it.
 */
export class AdvanceTransfer {
  constructor(
    readonly memberId: string,
    readonly transferId: string,
    readonly step: TransferStep,
    readonly on: string,
    readonly text: string,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AdvanceTransfer)
export class AdvanceTransferHandler implements ICommandHandler<AdvanceTransfer, Member> {
  constructor(
    private readonly members: MemberRepository,
    private readonly clock: Clock,
  ) {}

  async execute(c: AdvanceTransfer): Promise<Member> {
    const loaded = await this.members.load(c.memberId);
    const { member, transfer } = requireTransferStep(loaded.state, c.memberId, c.transferId, c.step);
    const receiving = c.step === 'approve' || c.step === 'return' || c.step === 'complete';
    assertMayManage(
      c.actor,
      receiving
        ? { organizationId: transfer.toOrganizationId, districtId: transfer.toDistrictId, subDistrictId: transfer.toSubDistrictId, zoneId: transfer.toZoneId }
        : member,
      receiving ? '接收党组织' : '该党员所在党组织',
    );
    const data = decideTransferStep(member, c.memberId, c.transferId, c.step, c.on, chinaDate(this.clock.now()), c.text);
    // The completion belongs to where the member now is; the other steps to where they still are.
    const jurisdiction =
      c.step === 'complete' ? { districtId: transfer.toDistrictId, zoneId: transfer.toZoneId ?? '' } : { districtId: member.districtId, zoneId: member.zoneId ?? '' };
    const { state } = await this.members.save(loaded, { definition: DEFINITIONS[c.step], data, jurisdiction } as PendingEvent<never>, c.context);
    return state;
  }
}
