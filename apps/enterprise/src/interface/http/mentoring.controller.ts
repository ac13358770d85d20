import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, narrowToScope, RecordJurisdiction, RequestCommandContext, Roles } from '@pb/platform';
import { GetEnterprise } from '../../application/enterprise/get-enterprise.query';
import { AdmitStartup, AdmitStartupDto } from '../../application/mentoring/admit-startup.command';
import { ChangeStartupStatus, ChangeStartupStatusDto } from '../../application/mentoring/change-startup-status.command';
import { MatchMentor, MatchMentorDto } from '../../application/mentoring/match-mentor.command';
import { OpenMakerSpace, OpenMakerSpaceDto } from '../../application/mentoring/open-maker-space.command';
import { RegisterMentor, RegisterMentorDto } from '../../application/mentoring/register-mentor.command';
import { GetRecord } from '../../application/records/get-record.query';
import { ListRecords, MentoringFilterDto } from '../../application/records/list-records.query';
import { RecordKind } from '../../application/records/records';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { ADMINS, assertFiltersMayBeRead, filterOf, found, ownEnterprise, pageArgs } from './access';

/** 导师库, 导师结对, 众创空间 and the start-ups they host. */
@ApiTags('mentors and maker spaces 导师库与众创空间')
@Controller()
export class MentoringController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly membership: MembershipReference,
  ) {}

  @Post('mentors')
  @HttpCode(201)
  @Roles(...ADMINS)
  async registerMentor(@Body() dto: RegisterMentorDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.assertZoneInScope(dto.zoneId, actor);
    return this.commands.execute(new RegisterMentor({ ...dto }, ctx));
  }

  @Post('mentoring-matches')
  @HttpCode(201)
  @Roles(...ADMINS)
  async matchMentor(@Body() dto: MatchMentorDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const mentee = await this.queries.execute<GetRecord | GetEnterprise, RecordJurisdiction | null>(
      dto.menteeKind === 'STARTUP' ? new GetRecord('startup', dto.menteeId) : new GetEnterprise(dto.menteeId),
    );
    if (mentee) assertInScope(actor, mentee, dto.menteeKind === 'STARTUP' ? '该创业团队' : '该企业');
    return this.commands.execute(new MatchMentor({ ...dto }, ctx));
  }

  @Post('maker-spaces')
  @HttpCode(201)
  @Roles(...ADMINS)
  async openMakerSpace(@Body() dto: OpenMakerSpaceDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.assertZoneInScope(dto.zoneId, actor);
    return this.commands.execute(new OpenMakerSpace({ ...dto }, ctx));
  }

  @Post('maker-spaces/:makerSpaceId/startups')
  @HttpCode(201)
  @Roles(...ADMINS)
  async admitStartup(@Param('makerSpaceId') id: string, @Body() dto: AdmitStartupDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.getOne('makerSpace', id, actor, '众创空间');
    return this.commands.execute(new AdmitStartup({ ...dto, makerSpaceId: id }, ctx));
  }

  @Post('startups/:startupId/status')
  @HttpCode(200)
  @Roles(...ADMINS)
  async changeStartupStatus(@Param('startupId') id: string, @Body() dto: ChangeStartupStatusDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.getOne('startup', id, actor, '创业团队');
    return this.commands.execute(new ChangeStartupStatus(id, dto.status, dto.changedOn, dto.note ?? null, ctx));
  }

  @Get('mentors')
  mentors(@Query() dto: MentoringFilterDto, @CurrentActor() actor: Actor) {
    const { mentorId: _m, makerSpaceId: _s, status: _st, ...filter } = filterOf(dto);
    return this.queries.execute(new ListRecords('mentor', narrowToScope(actor, filter), ...pageArgs(dto)));
  }

  @Get('mentoring-matches')
  async mentoringMatches(@Query() dto: MentoringFilterDto, @CurrentActor() actor: Actor) {
    const { makerSpaceId: _s, status: _st, ...filter } = filterOf(dto);
    const narrowed: Record<string, string | undefined> = narrowToScope(actor, filter);
    await assertFiltersMayBeRead(this.queries, actor, [{ kind: 'mentor', id: dto.mentorId, what: '该导师' }]);
    // An enterprise contact sees the pairings of its own enterprise, not its neighbours'.
    if (actor.role === 'ENTERPRISE_CONTACT') Object.assign(narrowed, { menteeKind: 'ENTERPRISE', menteeId: ownEnterprise(actor) });
    return this.queries.execute(new ListRecords('mentoringMatch', narrowed, ...pageArgs(dto)));
  }

  @Get('maker-spaces')
  makerSpaces(@Query() dto: MentoringFilterDto, @CurrentActor() actor: Actor) {
    const { mentorId: _m, makerSpaceId: _s, status: _st, ...filter } = filterOf(dto);
    return this.queries.execute(new ListRecords('makerSpace', narrowToScope(actor, filter), ...pageArgs(dto)));
  }

  @Get('maker-spaces/:makerSpaceId')
  makerSpace(@Param('makerSpaceId') id: string, @CurrentActor() actor: Actor) {
    return this.getOne('makerSpace', id, actor, '众创空间');
  }

  @Get('startups')
  async startups(@Query() dto: MentoringFilterDto, @CurrentActor() actor: Actor) {
    const { mentorId: _m, ...filter } = filterOf(dto);
    const narrowed = narrowToScope(actor, filter);
    await assertFiltersMayBeRead(this.queries, actor, [{ kind: 'makerSpace', id: dto.makerSpaceId, what: '该众创空间' }]);
    return this.queries.execute(new ListRecords('startup', narrowed, ...pageArgs(dto)));
  }

  @Get('startups/:startupId')
  startup(@Param('startupId') id: string, @CurrentActor() actor: Actor) {
    return this.getOne('startup', id, actor, '创业团队');
  }

  private async getOne(kind: RecordKind, id: string, actor: Actor, what: string) {
    const record = found<RecordJurisdiction>(ID_PATTERN.test(id) ? await this.queries.execute(new GetRecord(kind, id)) : null, `${what} ${id.slice(0, 64)} 不存在`);
    assertInScope(actor, record, `该${what}`);
    return record;
  }

  private async assertZoneInScope(zoneId: string, actor: Actor) {
    const zone = await this.membership.zone(zoneId);
    if (zone) assertInScope(actor, zone, '该片区');
  }
}
