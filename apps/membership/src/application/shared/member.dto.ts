import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { MultiLineText } from '@pb/platform';
import { ID_MESSAGE, ID_PATTERN } from './common.dto';

/** What the request bodies of members, transfers, identity declarations and recommendations share. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = '$property 须为日期，格式 YYYY-MM-DD';
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
export const GENDERS = ['MALE', 'FEMALE'] as const;

/** A mainland mobile number (手机号码), as every member form takes it. */
export const IsMobilePhone = () => applyDecorators(IsString({ message: 'phone 须为字符串' }), Matches(/^1[3-9]\d{9}$/, { message: 'phone 须为 11 位手机号码' }));

/** 工作单位: a name, or null for none. */
export const IsEmployerName = () =>
  applyDecorators(
    ValidateIf((_, v) => v !== null),
    IsString({ message: 'employerName 须为字符串' }),
    Length(1, 100, { message: 'employerName 长度须在 1 到 100 之间' }),
  );

/** 工作单位统一社会信用代码, or null for none. */
export const IsEmployerCreditCode = () =>
  applyDecorators(
    ValidateIf((_, v) => v !== null),
    Matches(CREDIT_CODE, { message: 'employerCreditCode 须为 18 位统一社会信用代码' }),
  );

export class PersonDto {
  @ApiPropertyOptional({ description: '党员编号；不填则自动生成', example: 'mem-tbl-0001' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string;

  @ApiProperty({ description: '姓名', example: '张明' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1 到 50 之间' })
  name!: string;

  @ApiProperty({ enum: GENDERS, description: '性别' })
  @IsIn(GENDERS, { message: 'gender 必须是 MALE 或 FEMALE' })
  gender!: 'MALE' | 'FEMALE';

  @ApiProperty({ description: '出生日期', example: '1988-03-15' })
  @IsString({ message: 'birthDate 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  birthDate!: string;

  @ApiProperty({ description: '居民身份证号码（18 位，GB 11643 校验）；响应中按角色脱敏', example: '370802198803150012' })
  @IsString({ message: 'idNumber 须为字符串' })
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber 须为 18 位居民身份证号码（前 17 位数字，末位为数字或 X）' })
  idNumber!: string;

  @ApiProperty({ description: '手机号码；响应中按角色脱敏', example: '13800000000' })
  @IsMobilePhone()
  phone!: string;

  @ApiPropertyOptional({ description: '工作单位（企业名称）', nullable: true })
  @IsOptional()
  @IsEmployerName()
  employerName?: string | null;

  @ApiPropertyOptional({ description: '工作单位统一社会信用代码', nullable: true })
  @IsOptional()
  @IsEmployerCreditCode()
  employerCreditCode?: string | null;

  @ApiPropertyOptional({ description: '所在党组织编号（与 jointCommitteeOfZone 二选一）' })
  @ValidateIf((o: PersonDto) => o.jointCommitteeOfZone === undefined)
  @Matches(ID_PATTERN, { message: 'organizationId 须为党组织编号（或改填 jointCommitteeOfZone）' })
  organizationId?: string;

  @ApiPropertyOptional({ description: '企业规模太小、未建党组织时：编入该片区的联合党委/联合党支部' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  jointCommitteeOfZone?: string;
}

export class TransferStepDto {
  @ApiProperty({ description: '办理日期', example: '2026-11-10' })
  @IsString({ message: 'on 须为字符串' })
  @Matches(DATE, { message: DATE_MESSAGE })
  on!: string;
}

export class TransferReasonDto extends TransferStepDto {
  @MultiLineText()
  @ApiProperty({ description: '原因（退回补正、撤回）或补正说明（重新提交）' })
  @IsString({ message: 'reason 须为字符串' })
  @Length(1, 500, { message: 'reason 长度须在 1 到 500 之间' })
  reason!: string;
}
