import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateIf, ValidateNested } from 'class-validator';
import { HOST_KINDS, HostKind, ORGANIZATION_TYPES, OrganizationType } from '@pb/contracts';

import { ExpectedVersionDto, ID_MESSAGE, ID_PATTERN, IsCalendarDate, IsId, PageDto } from './common.dto';

export { ID_PATTERN };

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

export class OrganizationFilterDto extends PageDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) parentId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) instructorId?: string;

  @IsOptional()
  @IsIn(ORGANIZATION_TYPES, { message: `type 必须是以下之一：${ORGANIZATION_TYPES.join(', ')}` })
  type?: OrganizationType;
}

export class AppointSecretaryDto extends ExpectedVersionDto {
  @ApiProperty({ description: '书记的党员编号', example: 'mem-0001' })
  @IsId()
  secretaryMemberId!: string;

  @ApiPropertyOptional({ description: '任命日期（默认今天）', example: '2024-06-28' })
  @IsOptional()
  @IsCalendarDate()
  appointedOn?: string;
}

export class StartTermDto extends ExpectedVersionDto {
  @ApiProperty({ description: '本届任期开始日期', example: '2024-06-28' })
  @IsCalendarDate()
  termStart!: string;

  @ApiProperty({ description: '本届任期届满日期', example: '2027-06-27' })
  @IsCalendarDate()
  termEnd!: string;
}

export class AssignInstructorDto {
  @ApiProperty({ description: '党建指导员编号', example: 'ins-fuqiao-01' })
  @IsId()
  instructorId!: string;

  @ApiProperty({ description: '党建指导员姓名', example: '李文华' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '选派日期（默认今天）' })
  @IsOptional()
  @IsCalendarDate()
  assignedOn?: string;
}

export class FormationUnitDto {
  @ApiProperty({ description: '单位名称' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'creditCode 须为 18 位统一社会信用代码' })
  creditCode?: string | null;
}

export class ThreeInOneDto extends ExpectedVersionDto {
  @ApiProperty({ type: FormationUnitDto, description: '产权单位' })
  @ValidateNested()
  @Type(() => FormationUnitDto)
  propertyOwner!: FormationUnitDto;

  @ApiProperty({ type: FormationUnitDto, description: '物业公司' })
  @ValidateNested()
  @Type(() => FormationUnitDto)
  propertyManager!: FormationUnitDto;

  @ApiProperty({ type: [FormationUnitDto], description: '入驻企业（1-500 家）' })
  @IsArray({ message: 'residentEnterprises 须为数组' })
  @ArrayMinSize(1, { message: 'residentEnterprises 至少包含 1 家入驻企业' })
  @ArrayMaxSize(500, { message: 'residentEnterprises 最多 500 家' })
  @ValidateNested({ each: true })
  @Type(() => FormationUnitDto)
  residentEnterprises!: FormationUnitDto[];
}
