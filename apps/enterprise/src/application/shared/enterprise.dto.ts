import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ENTERPRISE_SIZES, EnterpriseSize } from '@pb/contracts';
import { ID_PATTERN } from './common.dto';

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

  @ApiPropertyOptional({
    description: '所在楼宇或园区（文字）。填写 buildingId 时取该楼宇的名称，可不填；未登记为楼宇的园区等仍可填文字',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'building 须为字符串' })
  @Length(1, 100, { message: 'building 长度须在 1 到 100 之间' })
  building?: string | null;

  @ApiPropertyOptional({
    description: '所在楼宇或综合体编号（党员服务登记的楼宇，须在企业所在片区）；null 表示不在已登记的楼宇。更新信息时不填则保持原楼宇',
    nullable: true,
    type: String,
    example: 'bld-wanda-plaza',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: 'buildingId 须为楼宇编号（字母、数字、下划线和连字符，1-64 位），或为 null' })
  buildingId?: string | null;

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
