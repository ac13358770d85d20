import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  Department,
  DEPARTMENTS,
  FINANCING_OUTCOMES,
  FinancingOutcome,
  MENTEE_KINDS,
  MenteeKind,
  REQUEST_CATEGORIES,
  RequestCategory,
  SERVICE_DAY_KINDS,
  ServiceDayKind,
  STARTUP_STATUSES,
  StartupStatus,
} from '@pb/contracts';
import { DATE_MESSAGE, DATE_PATTERN, ID_MESSAGE, ID_PATTERN, IsCreditCode, PageDto, ZoneFilterDto } from './common.dto';

const DEPARTMENT_MESSAGE = `department 必须是以下之一：${DEPARTMENTS.join(', ')}`;
const text = (field: string, max: number) => ({ message: `${field} 长度须在 1 到 ${max} 之间` });
const AMOUNT = { min: 1, max: 100_000_000_000 };

function Amount(field: string) {
  return (target: object, key: string) => {
    IsInt({ message: `${field} 须为以元计的整数` })(target, key);
    Min(AMOUNT.min, { message: `${field} 须大于 0` })(target, key);
    Max(AMOUNT.max, { message: `${field} 过大` })(target, key);
  };
}

function Tags(field: string, min: number) {
  return (target: object, key: string) => {
    IsArray({ message: `${field} 须为数组` })(target, key);
    ArrayMinSize(min, { message: `${field} 至少 ${min} 项` })(target, key);
    ArrayMaxSize(50, { message: `${field} 最多 50 项` })(target, key);
    IsString({ each: true, message: `${field} 的每一项须为字符串` })(target, key);
    Length(1, 30, { each: true, message: `${field} 每一项长度须在 1 到 30 之间` })(target, key);
  };
}

// 上门服务日
export class ScheduleServiceDayDto {
  @ApiProperty({ description: '服务日编号', example: 'sd-haineng-tax-01' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) serviceDayId!: string;
  @ApiProperty({ enum: DEPARTMENTS }) @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department!: Department;
  @ApiProperty({ enum: SERVICE_DAY_KINDS, description: 'ON_SITE 上门服务 / MATCHMAKING 银企对接会' })
  @IsIn(SERVICE_DAY_KINDS, { message: `kind 必须是以下之一：${SERVICE_DAY_KINDS.join(', ')}` })
  kind!: ServiceDayKind;
  @ApiProperty() @IsString({ message: 'title 须为字符串' }) @Length(1, 100, text('title', 100)) title!: string;
  @ApiProperty({ example: '2026-04-08' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) date!: string;
  @ApiProperty({ example: 'zone-haineng' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}

export class RaiseIssueDto {
  @ApiProperty({ example: 'issue-1' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) issueId!: string;
  @ApiProperty() @IsCreditCode() creditCode!: string;
  @ApiProperty({ enum: REQUEST_CATEGORIES })
  @IsIn(REQUEST_CATEGORIES, { message: `category 必须是以下之一：${REQUEST_CATEGORIES.join(', ')}` })
  category!: RequestCategory;
  @ApiProperty() @IsString({ message: 'description 须为字符串' }) @Length(1, 2000, text('description', 2000)) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'expectedVersion 须为整数' }) @Min(1) expectedVersion?: number;
}

export class ConvertIssueDto {
  @ApiProperty({ description: '诉求标题' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 100, text('title', 100)) title!: string;
}

export class ConcludeServiceDayDto {
  @ApiProperty({ description: '服务的企业（统一社会信用代码）' })
  @IsArray({ message: 'enterprisesServed 须为数组' })
  @ArrayMaxSize(1000, { message: 'enterprisesServed 最多 1000 家' })
  @IsCreditCode({ each: true })
  enterprisesServed!: string[];
  @ApiProperty({ description: '成效' }) @IsString({ message: 'outcome 须为字符串' }) @Length(1, 2000, text('outcome', 2000)) outcome!: string;
}

export class ServiceDayFilterDto extends ZoneFilterDto {
  @IsOptional() @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department?: string;
  @IsOptional() @IsIn(SERVICE_DAY_KINDS, { message: `kind 必须是以下之一：${SERVICE_DAY_KINDS.join(', ')}` }) kind?: string;
}

// 银企对接
export class PublishLoanProductDto {
  @ApiProperty({ example: 'lp-rcb-kjd' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) productId!: string;
  @ApiProperty({ example: '济宁农商银行' }) @IsString({ message: 'bank 须为字符串' }) @Length(1, 100, text('bank', 100)) bank!: string;
  @ApiProperty({ example: '科技贷' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, text('name', 100)) name!: string;
  @ApiProperty({ description: '最低额度（元）' }) @Amount('minAmount') minAmount!: number;
  @ApiProperty({ description: '最高额度（元）' }) @Amount('maxAmount') maxAmount!: number;
  @ApiProperty({ description: '年利率（%）' })
  @IsNumber({ maxDecimalPlaces: 4 }, { message: 'annualRatePercent 须为数字' })
  @Min(0, { message: 'annualRatePercent 不能为负数' })
  @Max(36, { message: 'annualRatePercent 不能超过 36' })
  annualRatePercent!: number;
  @ApiProperty({ description: '期限（月）' }) @IsInt({ message: 'termMonths 须为整数' }) @Min(1, { message: 'termMonths 不能小于 1' }) @Max(360, { message: 'termMonths 不能超过 360' }) termMonths!: number;
  @ApiProperty({ example: 'rencheng' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
}

export class FileFinancingNeedDto {
  @ApiProperty({ example: 'fn-0001' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) needId!: string;
  @ApiProperty() @IsCreditCode() creditCode!: string;
  @ApiProperty({ description: '融资金额（元）' }) @Amount('amount') amount!: number;
  @ApiProperty() @IsString({ message: 'purpose 须为字符串' }) @Length(1, 500, text('purpose', 500)) purpose!: string;
  @ApiProperty() @IsInt({ message: 'termMonths 须为整数' }) @Min(1, { message: 'termMonths 不能小于 1' }) @Max(360, { message: 'termMonths 不能超过 360' }) termMonths!: number;
}

export class ProposeFinancingMatchDto {
  @ApiProperty({ example: 'fm-0001' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) matchId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) needId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) productId!: string;
  @ApiPropertyOptional({ description: '银企对接会（服务日编号）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  sessionId?: string | null;
  @ApiProperty({ description: '意向金额（元）' }) @Amount('intendedAmount') intendedAmount!: number;
}

export class ConcludeFinancingMatchDto {
  @ApiProperty({ enum: FINANCING_OUTCOMES, description: 'GRANTED 放款 / DECLINED 未获批' })
  @IsIn(FINANCING_OUTCOMES, { message: `outcome 必须是以下之一：${FINANCING_OUTCOMES.join(', ')}` })
  outcome!: FinancingOutcome;
  @ApiPropertyOptional({ description: '放款金额（元）', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Amount('grantedAmount') grantedAmount?: number | null;
  @ApiPropertyOptional({ description: '未获批原因', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'declineReason 须为字符串' })
  @Length(1, 500, text('declineReason', 500))
  declineReason?: string | null;
  @ApiProperty({ example: '2026-04-20' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) concludedOn!: string;
}

export class FinancingFilterDto extends ZoneFilterDto {
  @IsOptional() @IsCreditCode() creditCode?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) needId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) sessionId?: string;
  @IsOptional() @IsIn(['PROPOSED', ...FINANCING_OUTCOMES], { message: 'status 必须是 PROPOSED, GRANTED 或 DECLINED' }) status?: string;
}

// 惠企政策
export class PublishPolicyDto {
  @ApiProperty({ example: 'policy-graduate-subsidy' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) policyId!: string;
  @ApiProperty() @IsString({ message: 'title 须为字符串' }) @Length(1, 200, text('title', 200)) title!: string;
  @ApiProperty({ enum: DEPARTMENTS }) @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department!: Department;
  @ApiProperty() @IsString({ message: 'summary 须为字符串' }) @Length(1, 2000, text('summary', 2000)) summary!: string;
  @ApiProperty({ description: '适用条件标签（企业须全部具备）' }) @Tags('eligibilityTags', 1) eligibilityTags!: string[];
  @ApiProperty({ example: 'rencheng' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiPropertyOptional({ nullable: true, description: '仅限某片区；不填则全区县适用' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  zoneId?: string | null;
}

export class PolicyMatchFilterDto extends ZoneFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) policyId?: string;
  @IsOptional() @IsCreditCode() creditCode?: string;
}

// 导师库、众创空间
export class RegisterMentorDto {
  @ApiProperty({ example: 'mentor-sp-01' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) mentorId!: string;
  @ApiProperty() @IsString({ message: 'name 须为字符串' }) @Length(1, 50, text('name', 50)) name!: string;
  @ApiProperty() @IsString({ message: 'title 须为字符串' }) @Length(1, 50, text('title', 50)) title!: string;
  @ApiProperty() @IsString({ message: 'affiliation 须为字符串' }) @Length(1, 100, text('affiliation', 100)) affiliation!: string;
  @ApiProperty({ description: '专长领域' }) @Tags('expertise', 1) expertise!: string[];
  @ApiProperty({ example: 'zone-software-park' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}

export class MatchMentorDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) mentorId!: string;
  @ApiProperty({ enum: MENTEE_KINDS }) @IsIn(MENTEE_KINDS, { message: `menteeKind 必须是以下之一：${MENTEE_KINDS.join(', ')}` }) menteeKind!: MenteeKind;
  @ApiProperty({ description: '企业的统一社会信用代码或创业团队编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) menteeId!: string;
  @ApiProperty() @IsString({ message: 'topic 须为字符串' }) @Length(1, 200, text('topic', 200)) topic!: string;
}

export class OpenMakerSpaceDto {
  @ApiProperty({ example: 'ms-up-cafe' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) makerSpaceId!: string;
  @ApiProperty({ example: 'UP咖啡' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, text('name', 100)) name!: string;
  @ApiProperty() @IsString({ message: 'operator 须为字符串' }) @Length(1, 100, text('operator', 100)) operator!: string;
  @ApiProperty() @IsString({ message: 'description 须为字符串' }) @Length(1, 1000, text('description', 1000)) description!: string;
  @ApiProperty({ example: 'zone-software-park' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}

export class AdmitStartupDto {
  @ApiProperty({ example: 'startup-upcafe-01' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) startupId!: string;
  @ApiProperty() @IsString({ message: 'name 须为字符串' }) @Length(1, 100, text('name', 100)) name!: string;
  @ApiProperty() @IsString({ message: 'field 须为字符串' }) @Length(1, 50, text('field', 50)) field!: string;
  @ApiProperty() @IsInt({ message: 'teamSize 须为整数' }) @Min(1, { message: 'teamSize 不能小于 1' }) @Max(1000, { message: 'teamSize 不能超过 1000' }) teamSize!: number;
  @ApiProperty({ example: '2026-03-01' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) admittedOn!: string;
}

export class ChangeStartupStatusDto {
  @ApiProperty({ enum: STARTUP_STATUSES }) @IsIn(STARTUP_STATUSES, { message: `status 必须是以下之一：${STARTUP_STATUSES.join(', ')}` }) status!: StartupStatus;
  @ApiProperty({ example: '2026-12-01' }) @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) changedOn!: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'note 须为字符串' })
  @Length(1, 500, text('note', 500))
  note?: string | null;
}

export class MentoringFilterDto extends ZoneFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) mentorId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) makerSpaceId?: string;
  @IsOptional() @IsIn(STARTUP_STATUSES, { message: `status 必须是以下之一：${STARTUP_STATUSES.join(', ')}` }) status?: string;
}

export { PageDto };
