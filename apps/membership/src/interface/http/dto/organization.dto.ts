import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateIf, ValidateNested } from 'class-validator';
import { HOST_KINDS, HostKind, ORGANIZATION_TYPES, OrganizationType } from '@pb/contracts';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ID_MESSAGE = '$property 只能包含字母、数字、下划线和连字符（1-64 位）';

export class OrganizationHostDto {
  @ApiProperty({ enum: HOST_KINDS, description: '依托单位类型' })
  @IsIn(HOST_KINDS, { message: `host.kind 必须是以下之一：${HOST_KINDS.join(', ')}` })
  kind!: HostKind;

  @ApiProperty({ description: '依托单位名称' })
  @IsString()
  @Length(1, 100, { message: 'host.name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'host.creditCode 须为 18 位统一社会信用代码' })
  creditCode?: string | null;
}

export class RegisterOrganizationDto {
  @ApiPropertyOptional({ description: '组织编号；不填则自动生成', example: 'org-taibailou-committee' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId?: string;

  @ApiProperty({ description: '组织名称', example: '太白楼路商圈党委' })
  @IsString()
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES, description: '组织类型' })
  @IsIn(ORGANIZATION_TYPES, { message: `type 必须是以下之一：${ORGANIZATION_TYPES.join(', ')}` })
  type!: OrganizationType;

  @ApiPropertyOptional({ description: '上级组织编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  parentId?: string | null;

  @ApiProperty({ description: '区县编号', example: 'rencheng' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  districtId!: string;

  @ApiProperty({ description: '街道编号', example: 'fuqiao' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  subDistrictId!: string;

  @ApiPropertyOptional({ description: '商圈/园区/楼宇编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  zoneId?: string | null;

  @ApiPropertyOptional({ type: OrganizationHostDto, description: '依托单位（企业、驻地单位或两新组织）', nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganizationHostDto)
  host?: OrganizationHostDto | null;
}

export class RenameOrganizationDto {
  @ApiProperty({ description: '新名称' })
  @IsString()
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class OrganizationFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) parentId?: string;
}
