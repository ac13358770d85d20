import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RecordJurisdiction, RequestCommandContext, Roles } from '@pb/platform';
import { AddCommitteeMember, CommitteeMemberDto } from '../../application/committee/add-committee-member.command';
import { CompleteActionDto, CompleteResolutionAction } from '../../application/committee/complete-resolution-action.command';
import { EstablishCommittee, EstablishCommitteeDto } from '../../application/committee/establish-committee.command';
import { FindCommitteeRecords } from '../../application/committee/find-committee-records.query';
import { GetCommitteeRecord } from '../../application/committee/get-committee-record.query';
import { MeetingHeldDto, RecordMeetingHeld } from '../../application/committee/record-meeting-held.command';
import { RemoveCommitteeMember } from '../../application/committee/remove-committee-member.command';
import { ScheduleMeeting, ScheduleMeetingDto } from '../../application/committee/schedule-meeting.command';
import { VoteResolution, VoteResolutionDto } from '../../application/committee/vote-resolution.command';
import { ID_PATTERN, JurisdictionFilterDto } from '../../application/shared/common.dto';
import { committeeFor } from '../../application/shared/personal-data';
import type { Committee } from '../../domain/committee/committee';

const ADMINS = ['SUB_DISTRICT_ADMIN', 'DISTRICT_ADMIN', 'CITY_ADMIN', 'SYSTEM'] as const;
/** Grid workers keep the committee's minutes and follow-ups in their zone. */
const SECRETARIAT = [...ADMINS, 'GRID_WORKER'] as const;

function checkId(id: string, what: string): void {
  if (!ID_PATTERN.test(id)) throw new NotFoundException(`${what} ${id.slice(0, 64)} 不存在`);
}

@ApiTags('committees 共治委员会')
@Controller()
export class CommitteesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('committees')
  @HttpCode(201)
  @Roles(...ADMINS)
  establish(@Body() dto: EstablishCommitteeDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(new EstablishCommittee({ committeeId: dto.committeeId ?? `committee-${randomUUID()}`, name: dto.name, zoneId: dto.zoneId }, { actor, context }));
  }

  @Get('committees')
  async list(@Query() filter: JurisdictionFilterDto, @CurrentActor() actor: Actor) {
    const committees = await this.queries.execute<FindCommitteeRecords, Committee[]>(new FindCommitteeRecords('committees', { ...narrowToScope(actor, filter) }));
    return committees.map((c) => committeeFor(actor, c));
  }

  @Get('committees/:committeeId')
  async get(@Param('committeeId') id: string, @CurrentActor() actor: Actor) {
    checkId(id, '共治委员会');
    return committeeFor(actor, this.inScope(await this.queries.execute<GetCommitteeRecord, Committee | null>(new GetCommitteeRecord('committees', id)), actor, `共治委员会 ${id}`));
  }

  @Post('committees/:committeeId/members')
  @HttpCode(201)
  @Roles(...ADMINS)
  addMember(@Param('committeeId') id: string, @Body() dto: CommitteeMemberDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '共治委员会');
    return this.commands.execute(
      new AddCommitteeMember(
        { committeeId: id, memberId: dto.memberId ?? `cm-${randomUUID()}`, name: dto.name, party: dto.party, affiliation: dto.affiliation, title: dto.title ?? null },
        { actor, context },
      ),
    );
  }

  @Delete('committees/:committeeId/members/:memberId')
  @Roles(...ADMINS)
  removeMember(@Param('committeeId') id: string, @Param('memberId') memberId: string, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '共治委员会');
    checkId(memberId, '成员');
    return this.commands.execute(new RemoveCommitteeMember(id, memberId, { actor, context }));
  }

  @Post('committees/:committeeId/meetings')
  @HttpCode(201)
  @Roles(...SECRETARIAT)
  schedule(@Param('committeeId') id: string, @Body() dto: ScheduleMeetingDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '共治委员会');
    return this.commands.execute(
      new ScheduleMeeting(
        { meetingId: dto.meetingId ?? `meeting-${randomUUID()}`, committeeId: id, title: dto.title, agenda: dto.agenda ?? null, scheduledAt: dto.scheduledAt },
        { actor, context },
      ),
    );
  }

  @Get('committees/:committeeId/meetings')
  async meetings(@Param('committeeId') id: string, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.queries.execute(new FindCommitteeRecords('meetings', { committeeId: id }));
  }

  @Get('committees/:committeeId/resolutions')
  async resolutions(@Param('committeeId') id: string, @CurrentActor() actor: Actor) {
    await this.get(id, actor);
    return this.queries.execute(new FindCommitteeRecords('resolutions', { committeeId: id }));
  }

  @Post('meetings/:meetingId/attendance')
  @HttpCode(200)
  @Roles(...SECRETARIAT)
  held(@Param('meetingId') id: string, @Body() dto: MeetingHeldDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '会议');
    return this.commands.execute(new RecordMeetingHeld({ meetingId: id, presentMemberIds: dto.presentMemberIds, minutes: dto.minutes ?? null }, { actor, context }));
  }

  @Post('meetings/:meetingId/resolutions')
  @HttpCode(201)
  @Roles(...SECRETARIAT)
  vote(@Param('meetingId') id: string, @Body() dto: VoteResolutionDto, @CommandCtx() context: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, '会议');
    return this.commands.execute(
      new VoteResolution(
        {
          resolutionId: dto.resolutionId ?? `res-${randomUUID()}`,
          meetingId: id,
          title: dto.title,
          votesFor: dto.votesFor,
          votesAgainst: dto.votesAgainst,
          abstentions: dto.abstentions,
          actions: (dto.actions ?? []).map((a) => ({ actionId: a.actionId, description: a.description, ownerId: a.ownerId, dueOn: a.dueOn })),
        },
        { actor, context },
      ),
    );
  }

  @Post('resolutions/:resolutionId/actions/:actionId/complete')
  @HttpCode(200)
  @Roles(...SECRETARIAT)
  complete(
    @Param('resolutionId') id: string,
    @Param('actionId') actionId: string,
    @Body() dto: CompleteActionDto,
    @CommandCtx() context: RequestCommandContext,
    @CurrentActor() actor: Actor,
  ) {
    checkId(id, '决议');
    checkId(actionId, '跟进事项');
    return this.commands.execute(new CompleteResolutionAction({ resolutionId: id, actionId, outcome: dto.outcome }, { actor, context }));
  }

  private inScope<T>(record: T | null, actor: Actor, what: string): T {
    if (!record) throw new NotFoundException(`${what} 不存在`);
    assertInScope(actor, record as unknown as RecordJurisdiction, what);
    return record;
  }
}
