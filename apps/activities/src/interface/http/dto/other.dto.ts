import { IsIn, IsOptional, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, ScopeFilterDto } from '../../../application/shared/common.dto';

export class ClaimFilterDto extends ScopeFilterDto {
  @IsOptional() @IsIn(['PENDING', 'APPROVED', 'REJECTED'], { message: 'status 必须是 PENDING、APPROVED 或 REJECTED' }) status?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
}

export class PledgeFilterDto extends ScopeFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
  @IsOptional() @IsIn(['MADE', 'FULFILLED', 'LAPSED'], { message: 'status 必须是 MADE、FULFILLED 或 LAPSED' }) status?: string;
}
