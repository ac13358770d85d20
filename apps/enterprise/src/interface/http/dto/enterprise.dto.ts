import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ENTERPRISE_SIZES, EnterpriseSize } from '@pb/contracts';
import { ID_MESSAGE, ID_PATTERN, IsCreditCode, ZoneFilterDto } from './common.dto';

export class EnterpriseContactDto {
  @ApiProperty({ description: '联系人姓名' })
  @IsString({ message: 'contacts.name 须为字符串' })
  @Length(1, 50, { message: 'contacts.name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ description: '职务' })
  @IsString({ message: 'contacts.title 须为字符串' })
  @Length(1, 50, { message: 'contacts.title 长度须在 1 到 50 之间' })
  title!: string;
}

/** The editable profile; phone numbers are deliberately not part of it. */
export class EnterpriseProfileDto {
  @ApiProperty({ description: '企业名称', example: '济宁海能电子商务有限公司' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '所在楼宇或园区', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'building 须为字符串' })
  @Length(1, 100, { message: 'building 长度须在 1 到 100 之间' })
  building?: string | null;

  @ApiProperty({ description: '行业', example: '电子商务' })
  @IsString({ message: 'industry 须为字符串' })
  @Length(1, 50, { message: 'industry 长度须在 1 到 50 之间' })
  industry!: string;

  @ApiProperty({ enum: ENTERPRISE_SIZES, description: '企业规模' })
  @IsIn(ENTERPRISE_SIZES, { message: `size 必须是以下之一：${ENTERPRISE_SIZES.join(', ')}` })
  size!: EnterpriseSize;

  @ApiProperty({ description: '员工人数' })
  @IsInt({ message: 'employees 须为整数' })
  @Min(0, { message: 'employees 不能为负数' })
  @Max(10_000_000, { message: 'employees 过大' })
  employees!: number;

  @ApiProperty({ description: '吸纳高校毕业生人数' })
  @IsInt({ message: 'youngGraduates 须为整数' })
  @Min(0, { message: 'youngGraduates 不能为负数' })
  @Max(10_000_000, { message: 'youngGraduates 过大' })
  youngGraduates!: number;

  @ApiPropertyOptional({ type: [EnterpriseContactDto], description: '联系人（最多 10 位）' })
  @IsOptional()
  @IsArray({ message: 'contacts 须为数组' })
  @ArrayMaxSize(10, { message: 'contacts 最多 10 位' })
  @ValidateNested({ each: true })
  @Type(() => EnterpriseContactDto)
  contacts?: EnterpriseContactDto[];

  @ApiPropertyOptional({ description: '标签（用于政策匹配）', example: ['电商', '小微企业'] })
  @IsOptional()
  @IsArray({ message: 'tags 须为数组' })
  @ArrayMaxSize(50, { message: 'tags 最多 50 个' })
  @IsString({ each: true, message: 'tags 的每一项须为字符串' })
  @Length(1, 30, { each: true, message: 'tags 每一项长度须在 1 到 30 之间' })
  tags?: string[];
}

export class RegisterEnterpriseDto extends EnterpriseProfileDto {
  @ApiProperty({ description: '统一社会信用代码（18 位，含校验位）', example: '91370811MA3HN0001T' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ description: '所在片区编号（商圈/园区/楼宇）', example: 'zone-haineng' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  zoneId!: string;
}

export class UpdateEnterpriseProfileDto extends EnterpriseProfileDto {
  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}

export class EnterpriseFilterDto extends ZoneFilterDto {
  @IsOptional() @IsCreditCode() creditCode?: string;
  @IsOptional() @IsString() @Length(1, 50, { message: 'industry 长度须在 1 到 50 之间' }) industry?: string;
  @IsOptional() @IsString() @Length(1, 30, { message: 'tag 长度须在 1 到 30 之间' }) tag?: string;
}
