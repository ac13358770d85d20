import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Matches, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { DEPARTMENTS, REQUEST_CATEGORIES } from '@pb/contracts';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../../domain/enterprise/credit-code';

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

export const DEPARTMENT_MESSAGE = `department 必须是以下之一：${DEPARTMENTS.join(', ')}`;

export const text = (field: string, max: number) => ({ message: `${field} 长度须在 1 到 ${max} 之间` });

const AMOUNT = { min: 1, max: 100_000_000_000 };

export function Amount(field: string) {
  return (target: object, key: string) => {
    IsInt({ message: `${field} 须为以元计的整数` })(target, key);
    Min(AMOUNT.min, { message: `${field} 须大于 0` })(target, key);
    Max(AMOUNT.max, { message: `${field} 过大` })(target, key);
  };
}

export function Tags(field: string, min: number) {
  return (target: object, key: string) => {
    IsArray({ message: `${field} 须为数组` })(target, key);
    ArrayMinSize(min, { message: `${field} 至少 ${min} 项` })(target, key);
    ArrayMaxSize(50, { message: `${field} 最多 50 项` })(target, key);
    IsString({ each: true, message: `${field} 的每一项须为字符串` })(target, key);
    Length(1, 30, { each: true, message: `${field} 每一项长度须在 1 到 30 之间` })(target, key);
  };
}

export const CATEGORY_MESSAGE = `category 必须是以下之一：${REQUEST_CATEGORIES.join(', ')}`;
