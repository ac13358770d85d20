import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateIf } from 'class-validator';
import { EDUCATION_LEVELS, EducationLevel, MemberRecordCorrected } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Actor, MultiLineText } from '@pb/platform';
import { CorrectionRequest, decideCorrection, Member, requireMember } from '../../domain/member/member';
import { Members } from '../../infrastructure/aggregates';
import { MemberOrganizations } from '../../infrastructure/member/member-organizations';
import { MemberPersonalData } from '../../infrastructure/member/member-personal-data';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';
import { IsEmployerCreditCode, IsEmployerName, IsMobilePhone } from '../shared/member.dto';
import { assertMayManage } from './member-access';

/** 修改党员信息 (须说明原因): name, phone, employer, education, the organization placed in. */
export class CorrectMember {
  constructor(
    readonly memberId: string,
    readonly request: CorrectionRequest,
    readonly expectedVersion: number | undefined,
    readonly actor: Actor,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CorrectMember)
export class CorrectMemberHandler implements ICommandHandler<CorrectMember, Member> {
  constructor(
    @InjectAggregate(Members) private readonly members: AggregateRepository<Member>,
    private readonly organizations: MemberOrganizations,
    private readonly personal: MemberPersonalData,
  ) {}

  async execute({ memberId, request, expectedVersion, actor, context }: CorrectMember): Promise<Member> {
    let undoPhone: (() => Promise<void>) | null = null;
    // The number on record, read once: a retried decision must not compare with the number this command just stored.
    let current: string | null | undefined;
    try {
      const { state } = await this.members.decideAndSave(
        memberId,
        async (loaded) => {
          // Authorized on the member's own organization before anything else of theirs is read.
          const member = requireMember(loaded.state, memberId);
          assertMayManage(actor, member, '该党员所在党组织');
          const moving = request.organizationId !== undefined && request.organizationId !== member.organizationId;
          const target = moving ? await this.organizations.find(request.organizationId!) : null;
          if (target) assertMayManage(actor, target, '更正后的党组织');
          if (request.phone !== undefined && current === undefined) current = (await this.personal.read([memberId])).get(memberId)?.phone ?? null;
          const { data, phone } = decideCorrection(member, memberId, request, current ?? null, target);
          // A pinned version that is not the current one is a 409 before anything is stored.
          const stale = expectedVersion !== undefined && expectedVersion !== loaded.version;
          // The new number goes to the encrypted store only; it is put back if the event cannot be stored.
          if (phone && !undoPhone && !stale) undoPhone = await this.personal.replacePhone(memberId, phone);
          return { definition: MemberRecordCorrected, data };
        },
        context,
        { expectedVersion },
      );
      return state;
    } catch (error) {
      const undo = undoPhone as (() => Promise<void>) | null;
      if (undo) await undo().catch(() => undefined);
      throw error;
    }
  }
}

export class CorrectMemberDto {
  @MultiLineText()
  @ApiProperty({ description: '修改原因（必填）', example: '登记时姓名录入错误' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间（修改党员信息须说明原因）' })
  reason!: string;

  @ApiPropertyOptional({ description: '姓名', example: '张铭' })
  @IsOptional()
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name?: string;

  @ApiPropertyOptional({ description: '手机号码（只存于党员服务，加密）', example: '13900000000' })
  @IsOptional()
  @IsMobilePhone()
  phone?: string;

  @ApiPropertyOptional({ description: '工作单位（与 employerCreditCode 一起修改；null 为无）', nullable: true })
  @IsOptional()
  @IsEmployerName()
  employerName?: string | null;

  @ApiPropertyOptional({ description: '工作单位统一社会信用代码', nullable: true })
  @IsOptional()
  @IsEmployerCreditCode()
  employerCreditCode?: string | null;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true, description: '学历' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(EDUCATION_LEVELS, { message: `education 必须是以下之一：${EDUCATION_LEVELS.join(', ')}` })
  education?: EducationLevel | null;

  @ApiPropertyOptional({ description: '所在党组织（更正登记错误；组织关系变动请办理转接）' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId?: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}

/** The DTO as the domain's request: only the fields given are corrected. */
export function correctionRequestOf(dto: CorrectMemberDto): CorrectionRequest {
  const request: CorrectionRequest = { reason: dto.reason };
  if (dto.name !== undefined) request.name = dto.name;
  if (dto.phone !== undefined) request.phone = dto.phone;
  if (dto.employerName !== undefined || dto.employerCreditCode !== undefined) {
    request.employer = { employerName: dto.employerName, employerCreditCode: dto.employerCreditCode };
  }
  if (dto.education !== undefined) request.education = dto.education;
  if (dto.organizationId !== undefined) request.organizationId = dto.organizationId;
  return request;
}
