import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { DEVELOPMENT_STAGES, MEMBER_STATUSES, RECOMMENDATION_KINDS } from '@pb/contracts';
import type { DevelopmentStage, MemberStatus, RecommendationKind } from '@pb/contracts';

/** Ids of members, organizations, zones …: letters, digits, _ and -. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ID_MESSAGE = '$property 只能包含字母、数字、下划线和连字符（1-64 位）';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = '$property 须为日期，格式 YYYY-MM-DD';
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const GENDERS = ['MALE', 'FEMALE'] as const;

class PersonDto {
  @ApiPropertyOptional({ description: '党员编号；不填则自动生成', example: 'mem-tbl-0001' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string;

  @ApiProperty({ description: '姓名', example: '张明' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ enum: GENDERS, description: '性别' })
  @IsIn(GENDERS, { message: 'gender 必须是 MALE 或 FEMALE' })
  gender!: 'MALE' | 'FEMALE';

  @ApiProperty({ description: '出生日期', example: '1988-03-15' })
  @IsString({ message: 'birthDate 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  birthDate!: string;

  @ApiProperty({ description: '居民身份证号码（18 位，GB 11643 校验）；响应中按角色脱敏', example: '370802198803150012' })
  @IsString({ message: 'idNumber 须为字符串' })
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber 须为 18 位居民身份证号码（前 17 位数字，末位为数字或 X）' })
  idNumber!: string;

  @ApiProperty({ description: '手机号码；响应中按角色脱敏', example: '13800000000' })
  @IsString({ message: 'phone 须为字符串' })
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone 须为 11 位手机号码' })
  phone!: string;

  @ApiPropertyOptional({ description: '工作单位（企业名称）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'employerName 须为字符串' })
  @Length(1, 100, { message: 'employerName 长度须在 1 到 100 之间' })
  employerName?: string | null;

  @ApiPropertyOptional({ description: '工作单位统一社会信用代码', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(CREDIT_CODE, { message: 'employerCreditCode 须为 18 位统一社会信用代码' })
  employerCreditCode?: string | null;

  @ApiPropertyOptional({ description: '所在党组织编号（与 jointCommitteeOfZone 二选一）' })
  @ValidateIf((o: PersonDto) => o.jointCommitteeOfZone === undefined)
  @Matches(ID_PATTERN, { message: 'organizationId 须为党组织编号（或改填 jointCommitteeOfZone）' })
  organizationId?: string;

  @ApiPropertyOptional({ description: '企业规模太小、未建党组织时：编入该片区的联合党委/联合党支部' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  jointCommitteeOfZone?: string;
}

export class RegisterMemberDto extends PersonDto {
  @ApiProperty({ enum: MEMBER_STATUSES, description: '正式党员 FULL / 预备党员 PROBATIONARY' })
  @IsIn(MEMBER_STATUSES, { message: `status 必须是以下之一：${MEMBER_STATUSES.join(', ')}` })
  status!: MemberStatus;

  @ApiProperty({ description: '入党日期', example: '2012-07-01' })
  @IsString({ message: 'joinedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  joinedOn!: string;
}

export class SubmitApplicationDto extends PersonDto {
  @ApiProperty({ description: '递交入党申请日期', example: '2025-03-01' })
  @IsString({ message: 'appliedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  appliedOn!: string;
}

const ADVANCE_TO = DEVELOPMENT_STAGES.filter((s) => s !== 'APPLICANT');

export class AdvanceDevelopmentDto {
  @ApiProperty({ enum: ADVANCE_TO, description: '下一阶段：ACTIVIST 积极分子 / DEVELOPMENT_TARGET 发展对象 / PROBATIONARY 预备党员 / FULL 转正' })
  @IsIn(ADVANCE_TO, { message: `toStage 必须是以下之一：${ADVANCE_TO.join(', ')}` })
  toStage!: DevelopmentStage;

  @ApiProperty({ description: '该阶段的日期', example: '2026-04-01' })
  @IsString({ message: 'on 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  on!: string;

  @ApiPropertyOptional({ description: '积极分子：培养联系人；发展对象：两名入党介绍人（正式党员编号）', type: [String] })
  @IsOptional()
  @IsArray({ message: 'introducerMemberIds 须为党员编号数组' })
  @ArrayMaxSize(5, { message: 'introducerMemberIds 最多 5 个' })
  @Matches(ID_PATTERN, { each: true, message: 'introducerMemberIds 的每一项须为党员编号' })
  introducerMemberIds?: string[];

  @ApiPropertyOptional({ description: '促成这一步的“三优三推”推荐编号' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  recommendationId?: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1)
  expectedVersion?: number;
}

export class AdmitMemberDto {
  @ApiProperty({ description: '转正日期（须满一年预备期）', example: '2026-07-01' })
  @IsString({ message: 'admittedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  admittedOn!: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1)
  expectedVersion?: number;
}

export class CheckInDto {
  @ApiPropertyOptional({ description: '报到的本地党组织；不填则为党员所在党组织' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId?: string;

  @ApiProperty({ description: '组织关系所在的原党组织（流出地）', example: '菏泽市牡丹区某村党支部' })
  @IsString({ message: 'homeOrganizationName 须为字符串' })
  @Length(1, 100, { message: 'homeOrganizationName 长度须在 1 到 100 之间' })
  homeOrganizationName!: string;

  @ApiProperty({ description: '报到日期', example: '2026-03-02' })
  @IsString({ message: 'checkedInOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  checkedInOn!: string;
}

export class CheckOutDto {
  @ApiProperty({ description: '离开日期', example: '2026-10-31' })
  @IsString({ message: 'checkedOutOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  checkedOutOn!: string;
}

export class RequestTransferDto {
  @ApiPropertyOptional({ description: '转接编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  transferId?: string;

  @ApiPropertyOptional({ description: '接收党组织（与 toZoneJointCommitteeOf 二选一）' })
  @ValidateIf((o: RequestTransferDto) => o.toZoneJointCommitteeOf === undefined)
  @Matches(ID_PATTERN, { message: 'toOrganizationId 须为党组织编号（或改填 toZoneJointCommitteeOf）' })
  toOrganizationId?: string;

  @ApiPropertyOptional({ description: '转入该片区的联合党委/联合党支部（所在企业规模小、未建党组织）' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  toZoneJointCommitteeOf?: string;

  @ApiProperty({ description: '转接原因', example: '工作单位变动' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;

  @ApiProperty({ description: '申请日期', example: '2026-11-01' })
  @IsString({ message: 'requestedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  requestedOn!: string;
}

export class TransferStepDto {
  @ApiProperty({ description: '办理日期', example: '2026-11-10' })
  @IsString({ message: 'on 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  on!: string;
}

export class TransferReasonDto extends TransferStepDto {
  @ApiProperty({ description: '原因（退回补正、撤回）或补正说明（重新提交）' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;
}

export class DeclareIdentityDto {
  @ApiPropertyOptional({ description: '登记编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  declarationId?: string;

  @ApiProperty({ description: '姓名' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS, { message: 'gender 必须是 MALE 或 FEMALE' })
  gender!: 'MALE' | 'FEMALE';

  @ApiProperty({ description: '手机号码（加密保存，不进入事件）' })
  @IsString({ message: 'phone 须为字符串' })
  @Matches(/^1[3-9]\d{9}$/, { message: 'phone 须为 11 位手机号码' })
  phone!: string;

  @ApiProperty({ description: '亮身份的本地党组织' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId!: string;

  @ApiPropertyOptional({ description: '组织关系所在党组织', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'homeOrganizationName 须为字符串' })
  @Length(1, 100, { message: 'homeOrganizationName 长度须在 1 到 100 之间' })
  homeOrganizationName?: string | null;

  @ApiPropertyOptional({ description: '工作单位', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'employerName 须为字符串' })
  @Length(1, 100, { message: 'employerName 长度须在 1 到 100 之间' })
  employerName?: string | null;

  @ApiProperty({ description: '自述入党日期' })
  @IsString({ message: 'declaredJoinedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  declaredJoinedOn!: string;

  @ApiProperty({ description: '亮身份日期' })
  @IsString({ message: 'declaredOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  declaredOn!: string;
}

export class RejectDeclarationDto extends TransferReasonDto {}

export class RecordRecommendationDto {
  @ApiPropertyOptional({ description: '推荐编号；不填则自动生成（其他服务转来的推荐请带上自己的编号，重复提交返回 409）' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  recommendationId?: string;

  @ApiProperty({ enum: RECOMMENDATION_KINDS, description: '三优三推类型' })
  @IsIn(RECOMMENDATION_KINDS, { message: `kind 必须是以下之一：${RECOMMENDATION_KINDS.join(', ')}` })
  kind!: RecommendationKind;

  @ApiPropertyOptional({ description: '被推荐人在本服务的党员/申请人编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string | null;

  @ApiProperty({ description: '被推荐人姓名' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ description: '推荐所涉党组织' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId!: string;

  @ApiProperty({ enum: ['membership', 'activities', 'governance', 'enterprise'], description: '推荐来自哪个服务' })
  @IsIn(['membership', 'activities', 'governance', 'enterprise'], { message: 'sourceContext 必须是 membership, activities, governance, enterprise 之一' })
  sourceContext!: 'membership' | 'activities' | 'governance' | 'enterprise';

  @ApiPropertyOptional({ description: '推荐企业的统一社会信用代码', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(CREDIT_CODE, { message: 'enterpriseCreditCode 须为 18 位统一社会信用代码' })
  enterpriseCreditCode?: string | null;

  @ApiProperty({ description: '推荐理由' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;

  @ApiProperty({ description: '推荐日期' })
  @IsString({ message: 'recommendedOn 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  recommendedOn!: string;
}

export class MemberFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;

  @IsOptional()
  @IsIn(MEMBER_STATUSES, { message: `status 必须是以下之一：${MEMBER_STATUSES.join(', ')}` })
  status?: MemberStatus;

  @IsOptional()
  @IsIn(DEVELOPMENT_STAGES, { message: `stage 必须是以下之一：${DEVELOPMENT_STAGES.join(', ')}` })
  stage?: DevelopmentStage;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'floating 须为 true 或 false' })
  floating?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为 1 到 200 的整数' })
  @Min(1, { message: 'limit 须为 1 到 200 的整数' })
  @Max(200, { message: 'limit 须为 1 到 200 的整数' })
  limit?: number;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'cursor 无效' })
  cursor?: string;
}

export class RevealDto {
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'reveal 须为 true 或 false' })
  reveal?: boolean;
}

export class TransferFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) toOrganizationId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) fromOrganizationId?: string;
  @IsOptional() @IsIn(['REQUESTED', 'RETURNED', 'APPROVED'], { message: 'status 必须是 REQUESTED, RETURNED, APPROVED 之一' }) status?: 'REQUESTED' | 'RETURNED' | 'APPROVED';
}

export class ImportJsonDto {
  @ApiProperty({ description: 'CSV 文本（经网关以 JSON 提交时使用；直接提交请用 text/csv）' })
  @IsString({ message: 'csv 须为字符串' })
  @Length(1, 20_000_000, { message: 'csv 不能为空' })
  csv!: string;
}
