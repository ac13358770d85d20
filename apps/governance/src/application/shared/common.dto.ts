import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ID_MESSAGE = '$property 只能包含字母、数字、下划线和连字符（1-64 位）';
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = '$property 须为 YYYY-MM-DD 格式的日期';

export const lengthMessage = (field: string, min: number, max: number) => ({ message: `${field} 长度须在 ${min} 到 ${max} 之间` });
export const oneOf = (field: string, values: readonly string[]) => ({ message: `${field} 必须是以下之一：${values.join(', ')}` });

export class ExpectedVersionDto {
  @ApiPropertyOptional({ description: '调用方读取到的版本号；与当前版本不符时返回 409' })
  @IsOptional()
  @IsInt({ message: 'expectedVersion 须为整数' })
  @Min(1, { message: 'expectedVersion 不能小于 1' })
  expectedVersion?: number;
}

export class JurisdictionFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;
}

const optionalId = () => [IsOptional(), Matches(ID_PATTERN, { message: ID_MESSAGE })];

export function OptionalId(): PropertyDecorator {
  return (target, key) => optionalId().forEach((d) => d(target, key));
}

export const DEFAULT_PAGE = 50;

/** A jurisdiction's list, paged: how many (1-200, 50 unless given) and where the last page ended. */
export class PagedJurisdictionFilterDto extends JurisdictionFilterDto {
  @ApiPropertyOptional({ description: '每页条数（1-200，默认 50）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(200, { message: 'limit 不能大于 200' })
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @IsString({ message: 'after 须为字符串' })
  @Length(1, 300, lengthMessage('after', 1, 300))
  after?: string;
}
