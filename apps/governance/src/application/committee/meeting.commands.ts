import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitteeMeetingHeld, CommitteeMeetingScheduled, ResolutionActionCompleted, ResolutionActionPlan, ResolutionVoted } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, Clock } from '@pb/platform';
import { DomainError } from '@pb/platform/domain-error';
import {
  Committee,
  CommitteeMeeting,
  decideActionCompleted,
  decideMeeting,
  decideMeetingHeld,
  decideResolution,
  Resolution,
} from '../../domain/committee/committee';
import { Committees, Meetings, Resolutions } from '../../infrastructure/aggregates';
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
    @InjectAggregate(Meetings) private readonly meetings: AggregateRepository<CommitteeMeeting>,
    @InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>,
  ) {}

  async execute({ request, caller }: ScheduleMeeting): Promise<CommitteeMeeting> {
    const committee = (await this.committees.load(request.committeeId)).state;
    if (committee) assertInScope(caller.actor, committee, '该共治委员会');
    const { state } = await this.meetings.decideAndSave(
      request.meetingId,
      (loaded) => ({ definition: CommitteeMeetingScheduled, data: decideMeeting(loaded.state, committee, request) }),
      caller.context,
    );
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
    @InjectAggregate(Meetings) private readonly meetings: AggregateRepository<CommitteeMeeting>,
    @InjectAggregate(Committees) private readonly committees: AggregateRepository<Committee>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: RecordMeetingHeld): Promise<CommitteeMeeting> {
    const { state } = await this.meetings.decideAndSave(
      request.meetingId,
      async (loaded) => {
        if (loaded.state) assertInScope(caller.actor, loaded.state, '该会议');
        const committee = loaded.state ? (await this.committees.load(loaded.state.committeeId)).state : null;
        return { definition: CommitteeMeetingHeld, data: decideMeetingHeld(loaded.state, committee, request, this.clock.now()) };
      },
      caller.context,
    );
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
    @InjectAggregate(Resolutions) private readonly resolutions: AggregateRepository<Resolution>,
    @InjectAggregate(Meetings) private readonly meetings: AggregateRepository<CommitteeMeeting>,
  ) {}

  async execute({ request, caller }: VoteResolution): Promise<Resolution> {
    const meeting = (await this.meetings.load(request.meetingId)).state;
    if (meeting) assertInScope(caller.actor, meeting, '该会议');
    const { state } = await this.resolutions.decideAndSave(
      request.resolutionId,
      (loaded) => ({ definition: ResolutionVoted, data: decideResolution(loaded.state, meeting, request) }),
      caller.context,
    );
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
    @InjectAggregate(Resolutions) private readonly resolutions: AggregateRepository<Resolution>,
    private readonly clock: Clock,
  ) {}

  async execute({ request, caller }: CompleteResolutionAction): Promise<Resolution> {
    const { state } = await this.resolutions.decideAndSave(
      request.resolutionId,
      (loaded) => {
        if (!loaded.state) throw new DomainError('not_found', 'RESOLUTION_NOT_FOUND', `决议 ${request.resolutionId} 不存在`, { resolutionId: request.resolutionId });
        assertInScope(caller.actor, loaded.state, '该决议');
        return { definition: ResolutionActionCompleted, data: decideActionCompleted(loaded.state, request, this.clock.now()) };
      },
      caller.context,
    );
    return state;
  }
}
