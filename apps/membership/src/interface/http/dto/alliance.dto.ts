import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { ExpectedVersionDto, IsCalendarDate, IsId, PageDto } from './common.dto';

export class FormAllianceDto {
  @ApiPropertyOptional({ description: '联盟编号；不填则自动生成', example: 'alliance-taibailou' })
  @IsOptional()
  @IsId()
  allianceId?: string;

  @ApiProperty({ description: '联盟名称', example: '太白楼路商圈党建联盟' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiProperty({ description: '牵头的街道党工委编号', example: 'org-fuqiao-working-committee' })
  @IsId()
  foundingCommitteeId!: string;

  @ApiPropertyOptional({ description: '所在片区', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  zoneId?: string | null;

  @ApiPropertyOptional({ description: '成立日期（默认今天）' })
  @IsOptional()
  @IsCalendarDate()
  formedOn?: string;
}

export class JoinAllianceDto {
  @ApiProperty({ description: '加入的党组织编号' })
  @IsId()
  organizationId!: string;

  @ApiPropertyOptional({ description: '加入日期（默认今天）' })
  @IsOptional()
  @IsCalendarDate()
  joinedOn?: string;
}

export class EstablishDepartmentDto {
  @ApiPropertyOptional({ description: '部门编号；不填则自动生成', example: 'office' })
  @IsOptional()
  @IsId()
  departmentId?: string;

  @ApiProperty({ description: '部门名称', example: '办公室' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '部门负责人的党员编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  headMemberId?: string | null;
}

export class AppointDepartmentHeadDto extends ExpectedVersionDto {
  @ApiProperty({ description: '部门负责人的党员编号' })
  @IsId()
  headMemberId!: string;
}

export class AllianceFilterDto extends PageDto {
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
  @IsOptional() @IsId() zoneId?: string;
  @IsOptional() @IsId() organizationId?: string;
}
