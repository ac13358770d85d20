import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  COMMITTEE_PARTIES,
  CommitteeParty,
  DEPARTMENT_KINDS,
  DepartmentKind,
  MEDIATION_SIDES,
  MediationSide,
  OUTREACH_TARGET_KINDS,
  OutreachTargetKind,
  REFERRAL_TARGETS,
  ReferralTarget,
} from '@pb/contracts';
import { DATE_MESSAGE, DATE_PATTERN, ID_MESSAGE, ID_PATTERN, JurisdictionFilterDto, lengthMessage, oneOf } from './common';

const optionalId = () => [IsOptional(), Matches(ID_PATTERN, { message: ID_MESSAGE })];
function OptionalId(): PropertyDecorator {
  return (target, key) => optionalId().forEach((d) => d(target, key));
}

export class EstablishGridDto {
  @ApiPropertyOptional({ description: '网格编号；不填则自动生成' }) @OptionalId() gridId?: string;
  @ApiProperty({ description: '网格名称' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, lengthMessage('name', 1, 100)) name!: string;
  @ApiPropertyOptional({ description: '范围说明', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'description 须为字符串' })
  @Length(1, 500, lengthMessage('description', 1, 500))
  description?: string | null;
  @ApiProperty({ description: '所在片区（商圈/园区/楼宇）编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}

export class RegisterGridWorkerDto {
  @ApiProperty({ description: '网格员编号（即其登录用户编号）' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) workerId!: string;
  @ApiProperty({ description: '姓名' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 50, lengthMessage('name', 1, 50)) name!: string;
  @ApiProperty({ description: '所属片区编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}

export class AssignGridDto {
  @ApiProperty({ description: '网格编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) gridId!: string;
}

export class WorkerFilterDto extends JurisdictionFilterDto {
  @OptionalId() gridId?: string;
}

export class RegisterDepartmentDto {
  @ApiPropertyOptional({ description: '部门编号；不填则自动生成' }) @OptionalId() departmentId?: string;
  @ApiProperty({ description: '部门名称' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, lengthMessage('name', 1, 100)) name!: string;
  @ApiProperty({ enum: DEPARTMENT_KINDS }) @IsIn(DEPARTMENT_KINDS, oneOf('kind', DEPARTMENT_KINDS)) kind!: DepartmentKind;
  @ApiProperty({ description: '区县编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiPropertyOptional({ description: '街道编号（街道级部门）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  subDistrictId?: string | null;
}

export class EstablishCommitteeDto {
  @ApiPropertyOptional({ description: '委员会编号；不填则自动生成' }) @OptionalId() committeeId?: string;
  @ApiProperty({ description: '名称', example: '运河城共治委员会' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, lengthMessage('name', 1, 100)) name!: string;
  @ApiProperty({ description: '所在片区编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}

export class CommitteeMemberDto {
  @ApiPropertyOptional({ description: '成员编号；不填则自动生成' }) @OptionalId() memberId?: string;
  @ApiProperty({ description: '姓名（个人信息）' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 50, lengthMessage('name', 1, 50)) name!: string;
  @ApiProperty({ enum: COMMITTEE_PARTIES, description: '代表的一方' }) @IsIn(COMMITTEE_PARTIES, oneOf('party', COMMITTEE_PARTIES)) party!: CommitteeParty;
  @ApiProperty({ description: '所在单位' }) @IsString({ message: 'affiliation 须为字符串' }) @Length(1, 100, lengthMessage('affiliation', 1, 100)) affiliation!: string;
  @ApiPropertyOptional({ description: '职务', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'title 须为字符串' })
  @Length(1, 50, lengthMessage('title', 1, 50))
  title?: string | null;
}

export class ScheduleMeetingDto {
  @ApiPropertyOptional({ description: '会议编号；不填则自动生成' }) @OptionalId() meetingId?: string;
  @ApiProperty({ description: '会议名称' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 100, lengthMessage('title', 1, 100)) title!: string;
  @ApiPropertyOptional({ description: '议程', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'agenda 须为字符串' })
  @Length(1, 2000, lengthMessage('agenda', 1, 2000))
  agenda?: string | null;
  @ApiProperty({ description: '时间（ISO 8601）' }) @IsISO8601({ strict: true }, { message: 'scheduledAt 须为 ISO 8601 日期时间' }) scheduledAt!: string;
}

export class MeetingHeldDto {
  @ApiProperty({ description: '出席成员编号', type: [String] })
  @IsArray({ message: 'presentMemberIds 须为数组' })
  @ArrayMaxSize(200, { message: 'presentMemberIds 最多 200 项' })
  @Matches(ID_PATTERN, { each: true, message: 'presentMemberIds 的每一项只能包含字母、数字、下划线和连字符（1-64 位）' })
  presentMemberIds!: string[];
  @ApiPropertyOptional({ description: '会议纪要', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'minutes 须为字符串' })
  @Length(1, 5000, lengthMessage('minutes', 1, 5000))
  minutes?: string | null;
}

export class ActionPlanDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: 'actions.actionId 只能包含字母、数字、下划线和连字符（1-64 位）' }) actionId!: string;
  @ApiProperty() @IsString({ message: 'actions.description 须为字符串' }) @Length(1, 500, lengthMessage('actions.description', 1, 500)) description!: string;
  @ApiProperty({ description: '负责人：委员会成员或部门编号' }) @Matches(ID_PATTERN, { message: 'actions.ownerId 只能包含字母、数字、下划线和连字符（1-64 位）' }) ownerId!: string;
  @ApiProperty({ description: '完成期限 YYYY-MM-DD' }) @Matches(DATE_PATTERN, { message: 'actions.dueOn 须为 YYYY-MM-DD 格式的日期' }) dueOn!: string;
}

const voteCount = (field: string) => [IsInt({ message: `${field} 须为 0 到 1000 的整数` }), Min(0, { message: `${field} 须为 0 到 1000 的整数` }), Max(1000, { message: `${field} 须为 0 到 1000 的整数` })];
function VoteCount(field: string): PropertyDecorator {
  return (target, key) => voteCount(field).forEach((d) => d(target, key));
}

export class VoteResolutionDto {
  @ApiPropertyOptional({ description: '决议编号；不填则自动生成' }) @OptionalId() resolutionId?: string;
  @ApiProperty({ description: '决议事项' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 200, lengthMessage('title', 1, 200)) title!: string;
  @ApiProperty() @VoteCount('votesFor') votesFor!: number;
  @ApiProperty() @VoteCount('votesAgainst') votesAgainst!: number;
  @ApiProperty() @VoteCount('abstentions') abstentions!: number;
  @ApiPropertyOptional({ type: [ActionPlanDto], description: '跟进事项' })
  @IsOptional()
  @IsArray({ message: 'actions 须为数组' })
  @ArrayMaxSize(50, { message: 'actions 最多 50 项' })
  @ValidateNested({ each: true })
  @Type(() => ActionPlanDto)
  actions?: ActionPlanDto[];
}

export class CompleteActionDto {
  @ApiProperty({ description: '办理结果' }) @IsString({ message: 'outcome 须为字符串' }) @Length(1, 1000, lengthMessage('outcome', 1, 1000)) outcome!: string;
}

export class MediationPartyDto {
  @ApiProperty({ enum: MEDIATION_SIDES }) @IsIn(MEDIATION_SIDES, oneOf('parties.side', MEDIATION_SIDES)) side!: MediationSide;
  @ApiProperty({ description: '当事方名称（个人信息）' }) @IsString({ message: 'parties.name 须为字符串' }) @Length(1, 100, lengthMessage('parties.name', 1, 100)) name!: string;
}

export class OpenMediationDto {
  @ApiPropertyOptional({ description: '调解编号；不填则自动生成' }) @OptionalId() mediationId?: string;
  @ApiProperty({ description: '矛盾纠纷案件编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) caseId!: string;
  @ApiProperty({ description: '调解员用户编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) mediatorId!: string;
  @ApiProperty({ type: [MediationPartyDto] })
  @IsArray({ message: 'parties 须为数组' })
  @ArrayMinSize(2, { message: 'parties 至少 2 方' })
  @ArrayMaxSize(20, { message: 'parties 最多 20 方' })
  @ValidateNested({ each: true })
  @Type(() => MediationPartyDto)
  parties!: MediationPartyDto[];
}

export class MediationSessionDto {
  @ApiProperty({ description: '会谈情况' }) @IsString({ message: 'summary 须为字符串' }) @Length(1, 2000, lengthMessage('summary', 1, 2000)) summary!: string;
}

export class MediationAgreementDto {
  @ApiProperty({ description: '协议条款' }) @IsString({ message: 'terms 须为字符串' }) @Length(1, 5000, lengthMessage('terms', 1, 5000)) terms!: string;
}

export class MediationFailureDto {
  @ApiProperty({ description: '调解不成的原因' }) @IsString({ message: 'reason 须为字符串' }) @Length(1, 1000, lengthMessage('reason', 1, 1000)) reason!: string;
  @ApiProperty({ enum: REFERRAL_TARGETS, description: '转交去向' }) @IsIn(REFERRAL_TARGETS, oneOf('referredTo', REFERRAL_TARGETS)) referredTo!: ReferralTarget;
}

export class MediationFilterDto extends JurisdictionFilterDto {
  @OptionalId() caseId?: string;
}

export class LaunchCampaignDto {
  @ApiPropertyOptional({ description: '活动编号；不填则自动生成' }) @OptionalId() campaignId?: string;
  @ApiProperty({ description: '活动名称' }) @IsString({ message: 'title 须为字符串' }) @Length(1, 100, lengthMessage('title', 1, 100)) title!: string;
  @ApiProperty({ type: [String], description: '宣传的政策法规' })
  @IsArray({ message: 'topics 须为数组' })
  @ArrayMinSize(1, { message: 'topics 至少 1 项' })
  @ArrayMaxSize(20, { message: 'topics 最多 20 项' })
  @IsString({ each: true, message: 'topics 的每一项须为字符串' })
  @Length(1, 100, { each: true, message: 'topics 的每一项长度须在 1 到 100 之间' })
  topics!: string[];
  @ApiProperty() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) startsOn!: string;
  @ApiProperty() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) endsOn!: string;
  @ApiProperty({ description: '所在片区编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}

export class RecordVisitDto {
  @ApiPropertyOptional({ description: '走访编号；不填则自动生成' }) @OptionalId() visitId?: string;
  @ApiPropertyOptional({ description: '网格员编号；网格员本人记录时可不填' }) @OptionalId() workerId?: string;
  @ApiProperty({ enum: OUTREACH_TARGET_KINDS }) @IsIn(OUTREACH_TARGET_KINDS, oneOf('targetKind', OUTREACH_TARGET_KINDS)) targetKind!: OutreachTargetKind;
  @ApiProperty({ description: '走访对象（企业、商户名称或居民群体）' }) @IsString({ message: 'targetName 须为字符串' }) @Length(1, 100, lengthMessage('targetName', 1, 100)) targetName!: string;
  @ApiProperty({ description: '覆盖人数' })
  @IsInt({ message: 'reach 须为 1 到 100000 的整数' })
  @Min(1, { message: 'reach 须为 1 到 100000 的整数' })
  @Max(100000, { message: 'reach 须为 1 到 100000 的整数' })
  reach!: number;
  @ApiProperty() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) visitedOn!: string;
}
