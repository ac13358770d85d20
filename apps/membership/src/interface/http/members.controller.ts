import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'crypto';
import { Actor, CommandCtx, CurrentActor, RequestCommandContext, Roles } from '@pb/platform';
import { CheckInDto, CheckInFloatingMember } from '../../application/floating/check-in-floating-member.command';
import { CheckOutDto, CheckOutFloatingMember } from '../../application/floating/check-out-floating-member.command';
import { RegisterFloatingMember, RegisterFloatingMemberDto } from '../../application/floating/register-floating-member.command';
import { ApproveAdmission, ApproveAdmissionDto } from '../../application/member/approve-admission.command';
import { CancelProbationaryMembership, CancelProbationaryMembershipDto } from '../../application/member/cancel-probationary-membership.command';
import { ExtendProbation, ExtendProbationDto } from '../../application/member/extend-probation.command';
import { PublishAdmissionNotice, PublishAdmissionNoticeDto } from '../../application/member/publish-admission-notice.command';
import { RecordOath, RecordOathDto } from '../../application/member/record-oath.command';
import { RecordPoliticalReview, RecordPoliticalReviewDto } from '../../application/member/record-political-review.command';
import { RecordTraining, RecordTrainingDto } from '../../application/member/record-training.command';
import { RejectAdmission, RejectAdmissionDto } from '../../application/member/reject-admission.command';
import { WithdrawApplication, WithdrawApplicationDto } from '../../application/member/withdraw-application.command';
import { Reapply, ReapplyDto } from '../../application/member/reapply.command';
import { IMPORT_COLUMNS, ImportMembers, MEMBER_ID_COLUMN } from '../../application/import/import-members.command';
import { AdmitMemberAsFull, AdmitMemberDto } from '../../application/member/admit-member.command';
import { AdvanceDevelopment, AdvanceDevelopmentDto } from '../../application/member/advance-development.command';
import { CorrectIdNumber, CorrectIdNumberDto } from '../../application/member/correct-id-number.command';
import { CorrectMember, CorrectMemberDto, correctionRequestOf } from '../../application/member/correct-member.command';
import { CountZoneMembers } from '../../application/member/count-zone-members.query';
import { EndMembership, EndMembershipDto } from '../../application/member/end-membership.command';
import { GetMember, RevealDto } from '../../application/member/get-member.query';
import { IdNumberRevealFilterDto, ListIdNumberReveals } from '../../application/member/list-id-number-reveals.query';
import { decodeCursor, ListMembers, MemberFilterDto } from '../../application/member/list-members.query';
import { PresentMember } from '../../application/member/present-member.query';
import type { MemberView } from '../../application/member/member-view';
import { RegisterMember, RegisterMemberDto } from '../../application/member/register-member.command';
import { OrganizationChoice } from '../../application/member/resolve-organization';
import { SubmitApplication, SubmitApplicationDto } from '../../application/member/submit-application.command';
import { ID_PATTERN } from '../../application/shared/common.dto';
import { TransferReasonDto, TransferStepDto } from '../../application/shared/member.dto';
import { AdvanceTransfer, TransferStep } from '../../application/transfer/advance-transfer.command';
import { ListOpenTransfers, TransferFilterDto } from '../../application/transfer/list-open-transfers.query';
import { RequestTransfer, RequestTransferDto } from '../../application/transfer/request-transfer.command';
import type { Member } from '../../domain/member/member';

const MANAGERS = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'SUB_DISTRICT_ADMIN', 'ORG_SECRETARY', 'SYSTEM'] as const;

function organizationChoice(dto: { organizationId?: string; jointCommitteeOfZone?: string }): OrganizationChoice {
  if (dto.organizationId !== undefined && dto.jointCommitteeOfZone !== undefined) {
    throw new BadRequestException(['organizationId 与 jointCommitteeOfZone 只能填写其一']);
  }
  return dto.jointCommitteeOfZone !== undefined ? { jointCommitteeOfZone: dto.jointCommitteeOfZone } : { organizationId: dto.organizationId! };
}

function checkId(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new BadRequestException([`${what} 只能包含字母、数字、下划线和连字符（1-64 位）`]);
  return id;
}

@ApiTags('members 党员')
@Controller()
export class MembersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('members')
  @Roles(...MANAGERS)
  async register(@Body() dto: RegisterMemberDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const { organizationId: _o, jointCommitteeOfZone: _z, ...person } = dto;
    // The command answers with the member as written, numbers masked (no read back).
    return this.commands.execute<RegisterMember, MemberView>(
      new RegisterMember(
        { ...person, memberId: dto.memberId ?? `mem-${randomUUID()}`, employerName: dto.employerName ?? null, employerCreditCode: dto.employerCreditCode ?? null },
        organizationChoice(dto),
        actor,
        ctx,
      ),
    );
  }

  @Post('members/applications')
  @Roles(...MANAGERS)
  async apply(@Body() dto: SubmitApplicationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const { organizationId: _o, jointCommitteeOfZone: _z, ...person } = dto;
    // The command answers with the member as written, numbers masked (no read back).
    return this.commands.execute<SubmitApplication, MemberView>(
      new SubmitApplication(
        { ...person, memberId: dto.memberId ?? `mem-${randomUUID()}`, employerName: dto.employerName ?? null, employerCreditCode: dto.employerCreditCode ?? null },
        organizationChoice(dto),
        actor,
        ctx,
      ),
    );
  }

  @Post('members/imports')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ description: `CSV，UTF-8，表头：${Object.values(IMPORT_COLUMNS).join(',')}（可选列：${MEMBER_ID_COLUMN}）；最大 20 MB` })
  import(@Req() req: { body?: unknown }, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const body = req.body;
    let csv: string;
    if (typeof body === 'string') csv = body;
    else if (body && typeof body === 'object' && typeof (body as { csv?: unknown }).csv === 'string') csv = (body as { csv: string }).csv;
    else if (body && typeof body === 'object' && Object.keys(body).length > 0) throw new BadRequestException(['csv 须为字符串（JSON 提交时为 {"csv": "..."}）']);
    else throw new UnsupportedMediaTypeException('请以 text/csv（UTF-8）提交导入文件，或以 JSON {"csv": "..."} 提交');
    if (!csv.trim()) throw new BadRequestException(['导入文件为空：第一行须为表头']);
    return this.commands.execute(new ImportMembers(csv, actor, ctx));
  }

  @Get('members')
  list(@Query() filter: MemberFilterDto, @CurrentActor() actor: Actor) {
    const { limit, cursor, ...rest } = filter;
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && after === null) throw new BadRequestException(['cursor 无效']);
    return this.queries.execute(new ListMembers(rest, actor, limit ?? 50, after));
  }

  @Get('members/:memberId')
  get(@Param('memberId') id: string, @Query() q: RevealDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetMember(checkId(id, 'memberId'), actor, q.reveal === true));
  }

  @Post('members/:memberId/development')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async advance(@Param('memberId') id: string, @Body() dto: AdvanceDevelopmentDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const member = await this.commands.execute<AdvanceDevelopment, Member>(
      new AdvanceDevelopment(
        checkId(id, 'memberId'),
        { toStage: dto.toStage, on: dto.on, introducerMemberIds: dto.introducerMemberIds ?? [], recommendationId: dto.recommendationId ?? null },
        dto.expectedVersion,
        actor,
        ctx,
      ),
    );
    return this.answer(member);
  }

  /** 流动党员登记: recorded with the home organization's name and checked in here, not registered as a local member. */
  @Post('members/floating')
  @Roles(...MANAGERS)
  async registerFloating(@Body() dto: RegisterFloatingMemberDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const { organizationId: _o, jointCommitteeOfZone: _z, ...person } = dto;
    // The command answers with the member as written, numbers masked (no read back).
    return this.commands.execute<RegisterFloatingMember, MemberView>(
      new RegisterFloatingMember(
        { ...person, memberId: dto.memberId ?? `mem-${randomUUID()}`, employerName: dto.employerName ?? null, employerCreditCode: dto.employerCreditCode ?? null },
        organizationChoice(dto),
        actor,
        ctx,
      ),
    );
  }

  /** 集中培训 */
  @Post('members/:memberId/development/training')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async training(@Param('memberId') id: string, @Body() dto: RecordTrainingDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { completedOn: dto.completedOn, hours: dto.hours ?? null, certificateId: dto.certificateId ?? null };
    return this.answer(await this.commands.execute<RecordTraining, Member>(new RecordTraining(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  /** 政治审查 */
  @Post('members/:memberId/development/political-review')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async politicalReview(@Param('memberId') id: string, @Body() dto: RecordPoliticalReviewDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { passedOn: dto.passedOn, reviewingOrganizationId: dto.reviewingOrganizationId };
    return this.answer(await this.commands.execute<RecordPoliticalReview, Member>(new RecordPoliticalReview(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  /** 公示 */
  @Post('members/:memberId/development/public-notice')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async publicNotice(@Param('memberId') id: string, @Body() dto: PublishAdmissionNoticeDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { startsOn: dto.startsOn, endsOn: dto.endsOn };
    return this.answer(await this.commands.execute<PublishAdmissionNotice, Member>(new PublishAdmissionNotice(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  /** 上级党委审批 */
  @Post('members/:memberId/development/approval')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async approveAdmission(@Param('memberId') id: string, @Body() dto: ApproveAdmissionDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { approvedOn: dto.approvedOn, approvingOrganizationId: dto.approvingOrganizationId };
    return this.answer(await this.commands.execute<ApproveAdmission, Member>(new ApproveAdmission(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  /** 入党宣誓 */
  @Post('members/:memberId/development/oath')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async oath(@Param('memberId') id: string, @Body() dto: RecordOathDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.answer(await this.commands.execute<RecordOath, Member>(new RecordOath(checkId(id, 'memberId'), { takenOn: dto.takenOn }, dto.expectedVersion, actor, ctx)));
  }

  /** 本人撤回入党申请 */
  @Post('members/:memberId/development/withdrawal')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async withdraw(@Param('memberId') id: string, @Body() dto: WithdrawApplicationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.answer(
      await this.commands.execute<WithdrawApplication, Member>(new WithdrawApplication(checkId(id, 'memberId'), { withdrawnOn: dto.withdrawnOn }, dto.expectedVersion, actor, ctx)),
    );
  }

  /** 重新递交入党申请 (after a withdrawal or a rejection) */
  @Post('members/:memberId/development/reapplication')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async reapply(@Param('memberId') id: string, @Body() dto: ReapplyDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { appliedOn: dto.appliedOn, organizationId: dto.organizationId };
    return this.answer(await this.commands.execute<Reapply, Member>(new Reapply(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  /** 不予接收 */
  @Post('members/:memberId/development/rejection')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async rejectAdmission(@Param('memberId') id: string, @Body() dto: RejectAdmissionDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { rejectedOn: dto.rejectedOn, reason: dto.reason };
    return this.answer(await this.commands.execute<RejectAdmission, Member>(new RejectAdmission(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  /** 延长预备期 */
  @Post('members/:memberId/development/probation-extension')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async extendProbation(@Param('memberId') id: string, @Body() dto: ExtendProbationDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { extendedOn: dto.extendedOn, months: dto.months, reason: dto.reason, approvingOrganizationId: dto.approvingOrganizationId };
    return this.answer(await this.commands.execute<ExtendProbation, Member>(new ExtendProbation(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  /** 取消预备党员资格 */
  @Post('members/:memberId/development/probation-cancellation')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async cancelProbation(@Param('memberId') id: string, @Body() dto: CancelProbationaryMembershipDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { cancelledOn: dto.cancelledOn, reason: dto.reason, approvingOrganizationId: dto.approvingOrganizationId };
    return this.answer(
      await this.commands.execute<CancelProbationaryMembership, Member>(new CancelProbationaryMembership(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)),
    );
  }

  @Post('members/:memberId/admission')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async admit(@Param('memberId') id: string, @Body() dto: AdmitMemberDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.answer(await this.commands.execute<AdmitMemberAsFull, Member>(new AdmitMemberAsFull(checkId(id, 'memberId'), dto.admittedOn, dto.expectedVersion, actor, ctx)));
  }

  /** 修改党员信息 (须说明原因) */
  @Post('members/:memberId/corrections')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async correct(@Param('memberId') id: string, @Body() dto: CorrectMemberDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.answer(await this.commands.execute<CorrectMember, Member>(new CorrectMember(checkId(id, 'memberId'), correctionRequestOf(dto), dto.expectedVersion, actor, ctx)));
  }

  /** 更正身份证号: district administrators and above, audited (查看留痕). */
  @Post('members/:memberId/id-number-correction')
  @HttpCode(200)
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  async correctIdNumber(@Param('memberId') id: string, @Body() dto: CorrectIdNumberDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.answer(await this.commands.execute<CorrectIdNumber, Member>(new CorrectIdNumber(checkId(id, 'memberId'), dto.idNumber, dto.reason, dto.expectedVersion, actor, ctx)));
  }

  /** 党籍终止: 停止党籍、出党、除名、退党、死亡、转出本市 */
  @Post('members/:memberId/ending')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async end(@Param('memberId') id: string, @Body() dto: EndMembershipDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    const request = { kind: dto.kind, endedOn: dto.endedOn, approvingOrganizationId: dto.approvingOrganizationId, letterNumber: dto.letterNumber ?? null };
    return this.answer(await this.commands.execute<EndMembership, Member>(new EndMembership(checkId(id, 'memberId'), request, dto.expectedVersion, actor, ctx)));
  }

  @Post('members/:memberId/floating/check-in')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async checkIn(@Param('memberId') id: string, @Body() dto: CheckInDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    checkId(id, 'memberId');
    const organizationId = dto.organizationId ?? (await this.queries.execute<GetMember, Member>(new GetMember(id, actor, false))).organizationId;
    return this.answer(await this.commands.execute<CheckInFloatingMember, Member>(new CheckInFloatingMember(id, organizationId, dto.homeOrganizationName, dto.checkedInOn, actor, ctx)));
  }

  @Post('members/:memberId/floating/check-out')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async checkOut(@Param('memberId') id: string, @Body() dto: CheckOutDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.answer(await this.commands.execute<CheckOutFloatingMember, Member>(new CheckOutFloatingMember(checkId(id, 'memberId'), dto.checkedOutOn, actor, ctx)));
  }

  @Post('members/:memberId/transfers')
  @Roles(...MANAGERS)
  async requestTransfer(@Param('memberId') id: string, @Body() dto: RequestTransferDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    if (dto.toOrganizationId !== undefined && dto.toZoneJointCommitteeOf !== undefined) {
      throw new BadRequestException(['toOrganizationId 与 toZoneJointCommitteeOf 只能填写其一']);
    }
    const target: OrganizationChoice = dto.toZoneJointCommitteeOf !== undefined ? { jointCommitteeOfZone: dto.toZoneJointCommitteeOf } : { organizationId: dto.toOrganizationId! };
    const member = await this.commands.execute<RequestTransfer, Member>(
      new RequestTransfer(checkId(id, 'memberId'), target, dto.transferId ?? `tr-${randomUUID()}`, dto.reason, dto.requestedOn, actor, ctx),
    );
    return this.answer(member);
  }

  @Post('members/:memberId/transfers/:transferId/approval')
  @HttpCode(200)
  @Roles(...MANAGERS)
  approve(@Param('memberId') id: string, @Param('transferId') t: string, @Body() dto: TransferStepDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.step(id, t, 'approve', dto.on, '', actor, ctx);
  }

  @Post('members/:memberId/transfers/:transferId/return')
  @HttpCode(200)
  @Roles(...MANAGERS)
  returnForCorrection(
    @Param('memberId') id: string,
    @Param('transferId') t: string,
    @Body() dto: TransferReasonDto,
    @CommandCtx() ctx: RequestCommandContext,
    @CurrentActor() actor: Actor,
  ) {
    return this.step(id, t, 'return', dto.on, dto.reason, actor, ctx);
  }

  @Post('members/:memberId/transfers/:transferId/resubmission')
  @HttpCode(200)
  @Roles(...MANAGERS)
  resubmit(@Param('memberId') id: string, @Param('transferId') t: string, @Body() dto: TransferReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.step(id, t, 'resubmit', dto.on, dto.reason, actor, ctx);
  }

  @Post('members/:memberId/transfers/:transferId/completion')
  @HttpCode(200)
  @Roles(...MANAGERS)
  complete(@Param('memberId') id: string, @Param('transferId') t: string, @Body() dto: TransferStepDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.step(id, t, 'complete', dto.on, '', actor, ctx);
  }

  @Post('members/:memberId/transfers/:transferId/cancellation')
  @HttpCode(200)
  @Roles(...MANAGERS)
  cancel(@Param('memberId') id: string, @Param('transferId') t: string, @Body() dto: TransferReasonDto, @CommandCtx() ctx: RequestCommandContext, @CurrentActor() actor: Actor) {
    return this.step(id, t, 'cancel', dto.on, dto.reason, actor, ctx);
  }

  /** 查看完整身份证号的留痕: who saw whose clear numbers, for the city's and districts' administrators, inside their jurisdiction. */
  @Get('id-number-reveals')
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  reveals(@Query() dto: IdNumberRevealFilterDto, @CurrentActor() actor: Actor) {
    const { limit, cursor, ...filter } = dto;
    return this.queries.execute(new ListIdNumberReveals(filter, actor, limit ?? 50, cursor ?? null));
  }

  @Get('transfers')
  transfers(@Query() { limit, after, ...filter }: TransferFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListOpenTransfers(filter, actor, limit ?? 200, after));
  }

  @Get('zones/:zoneId/member-counts')
  counts(@Param('zoneId') zoneId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new CountZoneMembers(checkId(zoneId, 'zoneId'), actor.scope));
  }

  private answer(member: Member) {
    return this.queries.execute(new PresentMember(member));
  }

  private async step(memberId: string, transferId: string, step: TransferStep, on: string, text: string, actor: Actor, ctx: RequestCommandContext) {
    const member = await this.commands.execute<AdvanceTransfer, Member>(
      new AdvanceTransfer(checkId(memberId, 'memberId'), checkId(transferId, 'transferId'), step, on, text, actor, ctx),
    );
    return this.answer(member);
  }
}
