import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { JURISDICTION_LEVELS, JurisdictionLevel, ZONE_KINDS, ZoneKind } from '@pb/contracts';
import { ExpectedVersionDto, IsId, PageDto } from './common.dto';

export class RegisterJurisdictionDto {
  @ApiProperty({ description: '辖区编号（全市唯一）', example: 'zone-taibailou' })
  @IsId()
  jurisdictionId!: string;

  @ApiProperty({ enum: JURISDICTION_LEVELS, description: '层级：市、区县、街道、片区' })
  @IsIn(JURISDICTION_LEVELS, { message: `level 必须是以下之一：${JURISDICTION_LEVELS.join(', ')}` })
  level!: JurisdictionLevel;

  @ApiProperty({ description: '名称', example: '太白楼路商圈' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '上级辖区编号（市级不填）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  parentId?: string | null;

  @ApiPropertyOptional({ enum: ZONE_KINDS, description: '片区类型（仅片区）：商圈、园区、楼宇', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(ZONE_KINDS, { message: `zoneKind 必须是以下之一：${ZONE_KINDS.join(', ')}` })
  zoneKind?: ZoneKind | null;
}

export class DesignateZoneDto extends ExpectedVersionDto {
  @ApiPropertyOptional({ description: '已摸排' })
  @IsOptional()
  @IsBoolean({ message: 'surveyed 须为 true 或 false' })
  surveyed?: boolean;

  @ApiPropertyOptional({ description: '试点' })
  @IsOptional()
  @IsBoolean({ message: 'pilot 须为 true 或 false' })
  pilot?: boolean;

  @ApiPropertyOptional({ description: '示范点' })
  @IsOptional()
  @IsBoolean({ message: 'demonstration 须为 true 或 false' })
  demonstration?: boolean;
}

export class JurisdictionFilterDto extends PageDto {
  @IsOptional()
  @IsIn(JURISDICTION_LEVELS, { message: `level 必须是以下之一：${JURISDICTION_LEVELS.join(', ')}` })
  level?: JurisdictionLevel;

  @IsOptional() @IsId() parentId?: string;
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
  @IsOptional() @IsId() zoneId?: string;
}

export class TreeLimitDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(2000, { message: 'limit 不能大于 2000' })
  limit?: number;
}

export class StatisticsQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'zoneLimit 须为整数' })
  @Min(1, { message: 'zoneLimit 不能小于 1' })
  @Max(50, { message: 'zoneLimit 不能大于 50' })
  zoneLimit?: number;

  @IsOptional() @IsId() zonesAfter?: string;
}
