import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../../../domain/enterprise/credit-code';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ID_MESSAGE = '$property 只能包含字母、数字、下划线和连字符（1-64 位）';
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = '$property 须为 YYYY-MM-DD 格式的日期';

/** 统一社会信用代码 with its GB 32100 check character; the message says what is wrong. */
export function IsCreditCode(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCreditCode',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === null,
        defaultMessage: (args) => {
          const value = args?.value;
          if (typeof value !== 'string') return `${args?.property} 须为 18 位统一社会信用代码`;
          return `${args?.property}：${CREDIT_CODE_MESSAGES[creditCodeProblem(value)!]}`;
        },
      },
    });
}

/** A bounded page: at most 100 items, `after` (or `cursor`) from the previous page's `next`. */
export class PageDto {
  @ApiPropertyOptional({ description: '每页条数（1-100，默认 50）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(100, { message: 'limit 不能大于 100' })
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 next' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_=-]{1,200}$/, { message: 'after 格式不正确' })
  after?: string;
}

export class ZoneFilterDto extends PageDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) subDistrictId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId?: string;
}
