import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ROOM_KINDS, RoomKind } from '@pb/contracts';
import { ID_MESSAGE, ID_PATTERN, ScopeFilterDto } from './common.dto';

export class RegisterServiceCentreDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) centreId!: string;
  @ApiProperty() @IsString({ message: 'name 须为文本' }) @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' }) name!: string;
  @ApiProperty() @IsInt({ message: 'areaM2 须为整数' }) @Min(1, { message: 'areaM2 最小为 1' }) @Max(1000000, { message: 'areaM2 过大' }) areaM2!: number;
  @ApiProperty() @IsString({ message: 'address 须为文本' }) @Length(1, 200, { message: 'address 长度须在 1 到 200 之间' }) address!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string | null;
}

export class RegisterRoomDto {
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) roomId!: string;
  @ApiProperty() @Matches(ID_PATTERN, { message: ID_MESSAGE }) centreId!: string;
  @ApiProperty() @IsString({ message: 'name 须为文本' }) @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' }) name!: string;
  @ApiProperty({ enum: ROOM_KINDS }) @IsIn(ROOM_KINDS, { message: `kind 必须是以下之一：${ROOM_KINDS.join(', ')}` }) kind!: RoomKind;
  @ApiProperty() @IsInt({ message: 'capacity 须为整数' }) @Min(1, { message: 'capacity 最小为 1' }) @Max(5000, { message: 'capacity 最大为 5000' }) capacity!: number;
  @ApiProperty({ example: '08:30' }) @Matches(/^([01]\d|2[0-3]):[03]0$/, { message: 'opensAt 须为整点或半点，如 08:30' }) opensAt!: string;
  @ApiProperty({ example: '21:00' }) @Matches(/^([01]\d|2[0-3]):[03]0$|^24:00$/, { message: 'closesAt 须为整点或半点，如 21:00' }) closesAt!: string;
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] })
  @IsArray({ message: 'openDays 须为数组' }) @ArrayMinSize(1, { message: 'openDays 至少一天' }) @ArrayMaxSize(7, { message: 'openDays 最多 7 天' })
  @IsInt({ each: true, message: 'openDays 每一项须为 1-7 的整数' }) @Min(1, { each: true, message: 'openDays 每一项须为 1-7 的整数' }) @Max(7, { each: true, message: 'openDays 每一项须为 1-7 的整数' })
  openDays!: number[];
}

export class BookRoomDto {
  @ApiPropertyOptional({ description: '预约编号；不填则自动生成' }) @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) bookingId?: string;
  @ApiProperty() @IsDateString({ strict: true }, { message: 'startsAt 须为 ISO 8601 时间' }) startsAt!: string;
  @ApiProperty() @IsDateString({ strict: true }, { message: 'endsAt 须为 ISO 8601 时间' }) endsAt!: string;
  @ApiProperty() @IsString({ message: 'purpose 须为文本' }) @Length(1, 200, { message: 'purpose 长度须在 1 到 200 之间' }) purpose!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) organizationId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(ID_PATTERN, { message: ID_MESSAGE }) activityId?: string | null;
}

export class BookingsQueryDto {
  @IsOptional() @IsDateString({ strict: true }, { message: 'from 须为 ISO 8601 时间' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: 'to 须为 ISO 8601 时间' }) to?: string;
}

export class RoomFilterDto extends ScopeFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) centreId?: string;
}
