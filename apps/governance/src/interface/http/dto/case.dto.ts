import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ASSIGNEE_KINDS, AssigneeKind, CASE_KINDS, CASE_PRIORITIES, CASE_SOURCES, CASE_STATES, CaseKind, CasePriority, CaseSource, CaseState } from '@pb/contracts';
import { ExpectedVersionDto, ID_MESSAGE, ID_PATTERN, JurisdictionFilterDto, lengthMessage, oneOf } from './common';

export class ReportCaseDto {
  @ApiPropertyOptional({ description: '案件编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  caseId?: string;

  @ApiProperty({ enum: CASE_KINDS, description: '类别：社情民意、民生服务、矛盾纠纷' })
  @IsIn(CASE_KINDS, oneOf('kind', CASE_KINDS))
  kind!: CaseKind;

  @ApiPropertyOptional({ enum: CASE_PRIORITIES, description: '紧急程度，默认 NORMAL' })
  @IsOptional()
  @IsIn(CASE_PRIORITIES, oneOf('priority', CASE_PRIORITIES))
  priority?: CasePriority;

  @ApiProperty({ description: '标题' })
  @IsString({ message: 'title 须为字符串' })
  @Length(1, 100, lengthMessage('title', 1, 100))
  title!: string;

  @ApiProperty({ description: '情况描述' })
  @IsString({ message: 'description 须为字符串' })
  @Length(1, 2000, lengthMessage('description', 1, 2000))
  description!: string;

  @ApiPropertyOptional({ enum: CASE_SOURCES, description: '来源：网格员自行发现，或代居民、商户上报；默认 GRID_WORKER' })
  @IsOptional()
  @IsIn(CASE_SOURCES, oneOf('source', CASE_SOURCES))
  source?: CaseSource;

  @ApiPropertyOptional({ description: '诉求人称呼（个人信息；不要填写电话和身份证号）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'requesterName 须为字符串' })
  @Length(1, 50, lengthMessage('requesterName', 1, 50))
  requesterName?: string | null;

  @ApiProperty({ description: '所在网格编号' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  gridId!: string;

  @ApiPropertyOptional({ description: '负责的网格员编号；网格员上报时为其本人' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  workerId?: string;
}

export class ReasonDto extends ExpectedVersionDto {
  @ApiProperty({ description: '原因' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, lengthMessage('reason', 1, 500))
  reason!: string;
}

export class DuplicateDto extends ExpectedVersionDto {
  @ApiProperty({ description: '与之重复的案件编号' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  duplicateOf!: string;
}

export class AssigneeDto {
  @ApiProperty({ enum: ASSIGNEE_KINDS, description: '承办方类型：职能部门或党组织' })
  @IsIn(ASSIGNEE_KINDS, oneOf('assignee.kind', ASSIGNEE_KINDS))
  kind!: AssigneeKind;

  @ApiProperty({ description: '职能部门或党组织编号' })
  @Matches(ID_PATTERN, { message: 'assignee.id 只能包含字母、数字、下划线和连字符（1-64 位）' })
  id!: string;
}

export class DispatchDto extends ExpectedVersionDto {
  @ApiProperty({ type: AssigneeDto })
  @IsDefined({ message: 'assignee 为必填项' })
  @ValidateNested({ message: 'assignee 须为对象' })
  @Type(() => AssigneeDto)
  assignee!: AssigneeDto;

  @ApiPropertyOptional({ description: '派遣要求', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'instructions 须为字符串' })
  @Length(1, 500, lengthMessage('instructions', 1, 500))
  instructions?: string | null;
}

export class FeedbackDto extends ExpectedVersionDto {
  @ApiProperty({ description: '处置情况反馈' })
  @IsString({ message: 'feedback 须为字符串' })
  @Length(1, 2000, lengthMessage('feedback', 1, 2000))
  feedback!: string;
}

export class VerifyDto extends ExpectedVersionDto {
  @ApiPropertyOptional({ description: '核查意见', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'note 须为字符串' })
  @Length(1, 1000, lengthMessage('note', 1, 1000))
  note?: string | null;
}

export class ReworkDto extends ExpectedVersionDto {
  @ApiProperty({ description: '返工原因' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 1000, lengthMessage('reason', 1, 1000))
  reason!: string;
}

export class RateDto extends ExpectedVersionDto {
  @ApiProperty({ description: '满意度 1-5 分' })
  @IsInt({ message: 'satisfaction 须为 1 到 5 的整数' })
  @Min(1, { message: 'satisfaction 须为 1 到 5 的整数' })
  @Max(5, { message: 'satisfaction 须为 1 到 5 的整数' })
  satisfaction!: number;

  @ApiPropertyOptional({ description: '评价意见', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'comment 须为字符串' })
  @Length(1, 500, lengthMessage('comment', 1, 500))
  comment?: string | null;
}

export class CaseFilterDto extends JurisdictionFilterDto {
  @IsOptional() @IsIn(CASE_STATES, oneOf('status', CASE_STATES)) status?: CaseState;
  @IsOptional() @IsIn(CASE_KINDS, oneOf('kind', CASE_KINDS)) kind?: CaseKind;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) gridId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) workerId?: string;

  @ApiPropertyOptional({ description: 'true：仅超期未结；false：未超期' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue 须为 true 或 false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: '每页条数（1-200，默认 50）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(200, { message: 'limit 不能大于 200' })
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @IsString()
  @Length(1, 300, lengthMessage('after', 1, 300))
  after?: string;
}

export class TimeLimitDto {
  @ApiProperty({ description: '区县编号' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  districtId!: string;

  @ApiProperty({ enum: CASE_KINDS })
  @IsIn(CASE_KINDS, oneOf('kind', CASE_KINDS))
  kind!: CaseKind;

  @ApiProperty({ enum: CASE_PRIORITIES })
  @IsIn(CASE_PRIORITIES, oneOf('priority', CASE_PRIORITIES))
  priority!: CasePriority;

  @ApiProperty({ description: '办理时限（小时，1-8760）' })
  @IsInt({ message: 'hours 须为 1 到 8760 的整数' })
  @Min(1, { message: 'hours 须为 1 到 8760 的整数' })
  @Max(8760, { message: 'hours 须为 1 到 8760 的整数' })
  hours!: number;
}
