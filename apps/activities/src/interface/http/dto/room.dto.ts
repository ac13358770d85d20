import { IsDateString, IsOptional, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, ScopeFilterDto } from '../../../application/shared/common.dto';

export class BookingsQueryDto {
  @IsOptional() @IsDateString({ strict: true }, { message: 'from 须为 ISO 8601 时间' }) from?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: 'to 须为 ISO 8601 时间' }) to?: string;
}

export class RoomFilterDto extends ScopeFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) centreId?: string;
}
