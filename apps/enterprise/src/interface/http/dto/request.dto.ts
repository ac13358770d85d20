import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { Department, DEPARTMENTS, REQUEST_CATEGORIES, RequestCategory } from '@pb/contracts';
import { REQUEST_STATUSES, RequestStatus } from '../../../domain/request/service-request';
import { DATE_PATTERN, ID_MESSAGE, ID_PATTERN, IsCreditCode, ZoneFilterDto } from './common.dto';

const CATEGORY_MESSAGE = `category 必须是以下之一：${REQUEST_CATEGORIES.join(', ')}`;
const DEPARTMENT_MESSAGE = `department 必须是以下之一：${DEPARTMENTS.join(', ')}`;

class VersionedDto {
  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}

export class SubmitRequestDto {
  @ApiPropertyOptional({ description: '诉求编号；不填则自动生成' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  requestId?: string;

  @ApiProperty({ description: '提出诉求的企业（统一社会信用代码）' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ enum: REQUEST_CATEGORIES, description: '诉求类别' })
  @IsIn(REQUEST_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: RequestCategory;

  @ApiProperty({ description: '标题' })
  @IsString({ message: 'title 须为字符串' })
  @Length(1, 100, { message: 'title 长度须在 1 到 100 之间' })
  title!: string;

  @ApiProperty({ description: '诉求内容' })
  @IsString({ message: 'description 须为字符串' })
  @Length(1, 2000, { message: 'description 长度须在 1 到 2000 之间' })
  description!: string;
}

export class FirstContactDto extends VersionedDto {
  @ApiProperty({ description: '联系情况' })
  @IsString({ message: 'note 须为字符串' })
  @Length(1, 1000, { message: 'note 长度须在 1 到 1000 之间' })
  note!: string;
}

export class InterimReplyDto extends VersionedDto {
  @ApiProperty({ description: '阶段性答复内容' })
  @IsString({ message: 'reply 须为字符串' })
  @Length(1, 2000, { message: 'reply 长度须在 1 到 2000 之间' })
  reply!: string;
}

export class CloseRequestDto extends VersionedDto {
  @ApiProperty({ description: '办理结果' })
  @IsString({ message: 'result 须为字符串' })
  @Length(1, 2000, { message: 'result 长度须在 1 到 2000 之间' })
  result!: string;
}

export class RateRequestDto extends VersionedDto {
  @ApiProperty({ description: '满意度（1-5）' })
  @IsInt({ message: 'satisfaction 须为 1 到 5 的整数' })
  @Min(1, { message: 'satisfaction 须为 1 到 5 的整数' })
  @Max(5, { message: 'satisfaction 须为 1 到 5 的整数' })
  satisfaction!: number;

  @ApiPropertyOptional({ description: '评价意见', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'comment 须为字符串' })
  @Length(1, 500, { message: 'comment 长度须在 1 到 500 之间' })
  comment?: string | null;
}

export class RequestFilterDto extends ZoneFilterDto {
  @IsOptional() @IsCreditCode() creditCode?: string;
  @IsOptional() @IsIn(REQUEST_STATUSES, { message: `status 必须是以下之一：${REQUEST_STATUSES.join(', ')}` }) status?: RequestStatus;
  @IsOptional() @IsIn(REQUEST_CATEGORIES, { message: CATEGORY_MESSAGE }) category?: RequestCategory;
  @IsOptional() @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department?: Department;
  @IsOptional() @IsIn(['true', 'false'], { message: 'overdue 须为 true 或 false' }) overdue?: 'true' | 'false';
}

export class SetRoutingRuleDto {
  @ApiProperty({ enum: DEPARTMENTS, description: '责任部门' })
  @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE })
  department!: Department;
}

export class SetServiceTargetsDto {
  @ApiProperty({ description: '首次联系时限（分钟）', example: 60 })
  @IsInt({ message: 'firstContactMinutes 须为整数' })
  @Min(1, { message: 'firstContactMinutes 不能小于 1' })
  @Max(10080, { message: 'firstContactMinutes 不能超过 10080（7 天）' })
  firstContactMinutes!: number;

  @ApiProperty({ description: '阶段答复时限（工作日）', example: 3 })
  @IsInt({ message: 'interimReplyWorkingDays 须为整数' })
  @Min(1, { message: 'interimReplyWorkingDays 不能小于 1' })
  @Max(60, { message: 'interimReplyWorkingDays 不能超过 60' })
  interimReplyWorkingDays!: number;

  @ApiProperty({ description: '办结时限（工作日）', example: 5 })
  @IsInt({ message: 'closureWorkingDays 须为整数' })
  @Min(1, { message: 'closureWorkingDays 不能小于 1' })
  @Max(120, { message: 'closureWorkingDays 不能超过 120' })
  closureWorkingDays!: number;

  @ApiPropertyOptional({ description: '法定节假日（YYYY-MM-DD），不计入工作日', example: ['2026-05-01'] })
  @IsOptional()
  @IsArray({ message: 'holidays 须为数组' })
  @ArrayMaxSize(100, { message: 'holidays 最多 100 天' })
  @Matches(DATE_PATTERN, { each: true, message: 'holidays 的每一项须为 YYYY-MM-DD 格式的日期' })
  holidays?: string[];
}

export class CategoryParamDto {
  @IsIn(REQUEST_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: RequestCategory;
}

