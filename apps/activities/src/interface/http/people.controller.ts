import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { MembershipReference } from '@pb/membership-reference';
import { Actor, assertInScope, CommandCtx, CurrentActor, pagePositionOf, RequestCommandContext, Roles } from '@pb/platform';
import { GetAttendanceByOrganization } from '../../application/activity/get-attendance-by-organization.query';
import { GetComplianceReport } from '../../application/compliance/get-compliance-report.query';
import { SweepOverdueOrganizationLife } from '../../application/compliance/sweep-overdue-organization-life.command';
import { AssignPost, AssignPostDto } from '../../application/pledge/assign-post.command';
import { ClosePledge, NoteDto } from '../../application/pledge/close-pledge.command';
import { MakePledge, MakePledgeDto } from '../../application/pledge/make-pledge.command';
import { ReleasePost, ReleasePostDto } from '../../application/pledge/release-post.command';
import { GetRecord } from '../../application/records/get-record.query';
import { ClaimFilterDto, ListRecords, PledgeFilterDto } from '../../application/records/list-records.query';
import { ID_PATTERN, PeriodFilterDto, RankingPageDto, ScopeFilterDto } from '../../application/shared/common.dto';
import { Doc } from '../../application/shared/reads';
import { personFor } from '../../application/shared/personal-data';
import { requireMember } from '../../application/shared/require-member';
import { DecideVolunteerHours, RejectDto } from '../../application/volunteer/decide-volunteer-hours.command';
import { GetVolunteerLedger } from '../../application/volunteer/get-volunteer-ledger.query';
import { GetVolunteerRanking } from '../../application/volunteer/get-volunteer-ranking.query';
import { ReportHoursDto, ReportVolunteerHours } from '../../application/volunteer/report-volunteer-hours.command';
import type { Pledge, VanguardPost } from '../../domain/pledge/pledge';
import type { HoursClaim } from '../../domain/volunteer/hours-claim';
import { ADMINS, assertMayActFor, assertMayManage, MANAGERS, scopedFilter } from './access';

/** Members (through their secretary), volunteer hours, pledges, posts, attendance and compliance. */
@ApiTags('members, volunteering, pledges, compliance 党员、志愿、承诺、组织生活')
@Controller()
export class PeopleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly views: MembershipReference,
  ) {}

  private async member(memberId: string, actor: Actor) {
    if (!ID_PATTERN.test(memberId)) throw new NotFoundException('党员不存在');
    const m = await this.views.member(memberId);
    if (!m) throw new NotFoundException(`党员 ${memberId} 不存在（或尚未同步）`);
    assertInScope(actor, m, '该党员');
    return m;
  }

  /** Members of an organization as this service knows them (for secretaries picking attendees); bounded. */
  @Get('members')
  async listMembers(@Query() q: ScopeFilterDto, @CurrentActor() actor: Actor) {
    const filter = await scopedFilter(actor, q, { views: this.views });
    const members = await this.views.membersIn(filter, 2000);
    return members.map((m) => personFor(actor, m));
  }

  /** The local view of a member, as learned from membership's events. */
  @Get('members/:memberId')
  async getMember(@Param('memberId') memberId: string, @CurrentActor() actor: Actor) {
    return personFor(actor, await this.member(memberId, actor));
  }

  @Get('members/:memberId/volunteer-hours')
  async ledger(@Param('memberId') memberId: string, @CurrentActor() actor: Actor) {
    await this.member(memberId, actor);
    return this.queries.execute(new GetVolunteerLedger(memberId));
  }

  @Get('volunteer-hours/ranking')
  async ranking(@Query() dto: RankingPageDto, @CurrentActor() actor: Actor) {
    const { after, ...q } = dto;
    const page = await this.queries.execute<GetVolunteerRanking, { items: { name: string | null }[]; next: string | null }>(
      new GetVolunteerRanking(await scopedFilter(actor, q, { views: this.views }), q.period, q.limit ?? 50, pagePositionOf(after, 'after')),
    );
    return { items: page.items.map((r) => personFor(actor, r)), next: page.next };
  }

  @Post('volunteer-hours/claims')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async report(@Body() dto: ReportHoursDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const m = await requireMember(this.views, dto.memberId);
    assertMayActFor(actor, m);
    return this.commands.execute(
      new ReportVolunteerHours(
        {
          claimId: dto.claimId ?? `vh-${randomUUID()}`,
          memberId: m.memberId,
          organizationId: m.organizationId,
          servedOn: dto.servedOn,
          hours: dto.hours,
          description: dto.description,
          districtId: m.districtId,
          subDistrictId: m.subDistrictId,
          zoneId: m.zoneId,
        },
        ctx,
      ),
    );
  }

  private async claim(claimId: string, actor: Actor) {
    const c = ID_PATTERN.test(claimId) ? await this.queries.execute<GetRecord, Doc<HoursClaim> | null>(new GetRecord('hoursClaim', claimId)) : null;
    if (!c) throw new NotFoundException(`时长申报 ${claimId.slice(0, 64)} 不存在`);
    assertMayManage(actor, c, '该时长申报');
    return c;
  }

  /** A secretary approves for their own organization; admins for their jurisdiction. */
  @Post('volunteer-hours/claims/:claimId/approve')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async approve(@Param('claimId') claimId: string, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.claim(claimId, actor);
    return this.commands.execute(new DecideVolunteerHours(claimId, true, undefined, ctx));
  }

  @Post('volunteer-hours/claims/:claimId/reject')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async reject(@Param('claimId') claimId: string, @Body() dto: RejectDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.claim(claimId, actor);
    return this.commands.execute(new DecideVolunteerHours(claimId, false, dto.reason, ctx));
  }

  @Get('volunteer-hours/claims')
  async listClaims(@Query() q: ClaimFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecords('hoursClaim', await scopedFilter(actor, q, { views: this.views })));
  }

  @Get('attendance/organizations')
  async attendance(@Query() q: PeriodFilterDto, @CurrentActor() actor: Actor) {
    const filter: Record<string, unknown> = await scopedFilter(actor, q, { views: this.views });
    if (filter.organizationId) {
      filter.organizerIds = filter.organizationId;
      delete filter.organizationId;
    }
    return this.queries.execute(new GetAttendanceByOrganization(filter, q.period));
  }

  /** 组织生活合规报表 */
  @Get('compliance')
  async compliance(@Query() q: PeriodFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetComplianceReport(q.period, await scopedFilter(actor, q, { views: this.views })));
  }

  /** Runs the overdue sweep now (it also runs on a timer); safe to repeat. */
  @Post('compliance/sweeps')
  @HttpCode(200)
  @Roles(...ADMINS)
  async sweep(@Body() filter: ScopeFilterDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.commands.execute(new SweepOverdueOrganizationLife(await scopedFilter(actor, filter, { views: this.views }), ctx));
  }

  @Post('pledges')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async pledge(@Body() dto: MakePledgeDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const m = await requireMember(this.views, dto.memberId);
    assertMayActFor(actor, m);
    return this.commands.execute(
      new MakePledge(
        {
          pledgeId: dto.pledgeId ?? `pl-${randomUUID()}`,
          memberId: m.memberId,
          organizationId: m.organizationId,
          content: dto.content,
          dueOn: dto.dueOn,
          districtId: m.districtId,
          subDistrictId: m.subDistrictId,
          zoneId: m.zoneId,
        },
        ctx,
      ),
    );
  }

  private async loadPledge(pledgeId: string, actor: Actor) {
    const p = ID_PATTERN.test(pledgeId) ? await this.queries.execute<GetRecord, Doc<Pledge> | null>(new GetRecord('pledge', pledgeId)) : null;
    if (!p) throw new NotFoundException(`承诺 ${pledgeId.slice(0, 64)} 不存在`);
    assertMayManage(actor, p, '该承诺');
  }

  @Post('pledges/:pledgeId/fulfil')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async fulfil(@Param('pledgeId') id: string, @Body() dto: NoteDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.loadPledge(id, actor);
    return this.commands.execute(new ClosePledge(id, 'FULFILLED', dto.note, ctx));
  }

  @Post('pledges/:pledgeId/lapse')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async lapse(@Param('pledgeId') id: string, @Body() dto: NoteDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    await this.loadPledge(id, actor);
    return this.commands.execute(new ClosePledge(id, 'LAPSED', dto.note, ctx));
  }

  @Get('pledges')
  async listPledges(@Query() q: PledgeFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecords('pledge', await scopedFilter(actor, q, { views: this.views })));
  }

  @Post('posts')
  @HttpCode(201)
  @Roles(...MANAGERS)
  async assign(@Body() dto: AssignPostDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const m = await requireMember(this.views, dto.memberId);
    assertMayActFor(actor, m);
    return this.commands.execute(
      new AssignPost(
        {
          postId: dto.postId ?? `post-${randomUUID()}`,
          kind: dto.kind,
          title: dto.title,
          memberId: m.memberId,
          organizationId: m.organizationId,
          enterpriseName: dto.enterpriseName,
          area: dto.area ?? null,
          districtId: m.districtId,
          subDistrictId: m.subDistrictId,
          zoneId: m.zoneId,
        },
        ctx,
      ),
    );
  }

  @Post('posts/:postId/release')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async release(@Param('postId') id: string, @Body() dto: ReleasePostDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const p = ID_PATTERN.test(id) ? await this.queries.execute<GetRecord, Doc<VanguardPost> | null>(new GetRecord('vanguardPost', id)) : null;
    if (!p) throw new NotFoundException(`岗位 ${id.slice(0, 64)} 不存在`);
    assertMayManage(actor, p, '该岗位');
    if (dto.successorMemberId) assertMayActFor(actor, await requireMember(this.views, dto.successorMemberId));
    return this.commands.execute(new ReleasePost(id, dto.reason, dto.successorMemberId ?? null, ctx));
  }

  @Get('posts')
  async listPosts(@Query() q: ScopeFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListRecords('vanguardPost', await scopedFilter(actor, q, { views: this.views })));
  }
}
