import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MemberTransferApproved, MemberTransferCancelled, MemberTransferCompleted, MemberTransferResubmitted, MemberTransferReturned } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate, PendingEvent } from '@pb/messaging';
import { Actor, Clock } from '@pb/platform';
import { chinaDate } from '../../domain/member/dates';
import { decideTransferStep, Member, requireTransferStep } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
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
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly clock: Clock,
  ) {}

  async execute(c: AdvanceTransfer): Promise<Member> {
    // The completion moves the member, so its event already belongs to the receiving organization's jurisdiction.
    const { state } = await this.members.decideAndSave(
      c.memberId,
      (loaded) => {
        const { member, transfer } = requireTransferStep(loaded.state, c.memberId, c.transferId, c.step);
        const receiving = c.step === 'approve' || c.step === 'return' || c.step === 'complete';
        assertMayManage(
          c.actor,
          receiving ? { organizationId: transfer.toOrganizationId, districtId: transfer.toDistrictId, subDistrictId: transfer.toSubDistrictId, zoneId: transfer.toZoneId } : member,
          receiving ? '接收党组织' : '该党员所在党组织',
        );
        const data = decideTransferStep(member, c.memberId, c.transferId, c.step, c.on, chinaDate(this.clock.now()), c.text);
        return { definition: DEFINITIONS[c.step], data } as PendingEvent<never>;
      },
      c.context,
    );
    return state;
  }
}
