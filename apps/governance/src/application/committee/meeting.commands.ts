import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitteeMeetingHeld, CommitteeMeetingScheduled, ResolutionActionCompleted, ResolutionActionPlan, ResolutionVoted } from '@pb/contracts';
import { assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import {
  CommitteeMeeting,
  decideActionCompleted,
  decideMeeting,
  decideMeetingHeld,
  decideResolution,
  Resolution,
} from '../../domain/committee/committee';
import { CommitteeRepository, MeetingRepository, ResolutionRepository } from '../../infrastructure/repositories';
import { Caller } from '../caller';

/** 安排共治会议 */
export class ScheduleMeeting {
  constructor(
    readonly request: { meetingId: string; committeeId: string; title: string; agenda: string | null; scheduledAt: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(ScheduleMeeting)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeeting, CommitteeMeeting> {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly committees: CommitteeRepository,
  ) {}

  async execute({ request, caller }: ScheduleMeeting): Promise<CommitteeMeeting> {
    const committee = (await this.committees.load(request.committeeId)).state;
    if (committee) assertInScope(caller.actor, committee, '该共治委员会');
    const loaded = await this.meetings.load(request.meetingId);
    const data = decideMeeting(loaded.state, committee, request);
    const { state } = await this.meetings.save(loaded, { definition: CommitteeMeetingScheduled, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
    return state;
  }
}

/** 会议召开, with attendance. */
export class RecordMeetingHeld {
  constructor(
    readonly request: { meetingId: string; presentMemberIds: string[]; minutes: string | null },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(RecordMeetingHeld)
export class RecordMeetingHeldHandler implements ICommandHandler<RecordMeetingHeld, CommitteeMeeting> {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly committees: CommitteeRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: RecordMeetingHeld): Promise<CommitteeMeeting> {
    const loaded = await this.meetings.load(request.meetingId);
    if (loaded.state) assertInScope(caller.actor, loaded.state, '该会议');
    const committee = loaded.state ? (await this.committees.load(loaded.state.committeeId)).state : null;
    const data = decideMeetingHeld(loaded.state, committee, request, this.clock.now());
    const { state } = await this.meetings.save(loaded, { definition: CommitteeMeetingHeld, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } }, caller.context);
    return state;
  }
}

/** 决议表决 at a held meeting, with the follow-up actions it decides. */
export class VoteResolution {
  constructor(
    readonly request: { resolutionId: string; meetingId: string; title: string; votesFor: number; votesAgainst: number; abstentions: number; actions: ResolutionActionPlan[] },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(VoteResolution)
export class VoteResolutionHandler implements ICommandHandler<VoteResolution, Resolution> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly meetings: MeetingRepository,
  ) {}

  async execute({ request, caller }: VoteResolution): Promise<Resolution> {
    const meeting = (await this.meetings.load(request.meetingId)).state;
    if (meeting) assertInScope(caller.actor, meeting, '该会议');
    const loaded = await this.resolutions.load(request.resolutionId);
    const data = decideResolution(loaded.state, meeting, request);
    const { state } = await this.resolutions.save(loaded, { definition: ResolutionVoted, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
    return state;
  }
}

/** 跟进事项办结 */
export class CompleteResolutionAction {
  constructor(
    readonly request: { resolutionId: string; actionId: string; outcome: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(CompleteResolutionAction)
export class CompleteResolutionActionHandler implements ICommandHandler<CompleteResolutionAction, Resolution> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: CompleteResolutionAction): Promise<Resolution> {
    const loaded = await this.resolutions.load(request.resolutionId);
    if (!loaded.state) throw new DomainError('not_found', 'RESOLUTION_NOT_FOUND', `决议 ${request.resolutionId} 不存在`, { resolutionId: request.resolutionId });
    assertInScope(caller.actor, loaded.state, '该决议');
    const data = decideActionCompleted(loaded.state, request, this.clock.now());
    const { state } = await this.resolutions.save(loaded, { definition: ResolutionActionCompleted, data, jurisdiction: { districtId: loaded.state.districtId, zoneId: loaded.state.zoneId } }, caller.context);
    return state;
  }
}
