import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { MASS_ORGANIZATION_KINDS, MassOrganizationKind } from '@pb/contracts';
import { IsId, PageDto } from './common.dto';

export class FormMassOrganizationDto {
  @ApiPropertyOptional({ description: '群团组织编号；不填则自动生成' })
  @IsOptional()
  @IsId()
  massOrganizationId?: string;

  @ApiProperty({ description: '名称', example: '太白楼路商圈志愿者服务队' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiProperty({ enum: MASS_ORGANIZATION_KINDS, description: '类型：工会、团委、妇联、志愿者服务队、兴趣小组、行业协会' })
  @IsIn(MASS_ORGANIZATION_KINDS, { message: `kind 必须是以下之一：${MASS_ORGANIZATION_KINDS.join(', ')}` })
  kind!: MassOrganizationKind;

  @ApiProperty({ description: '所属联合党委编号' })
  @IsId()
  jointCommitteeId!: string;
}

export class MassOrganizationFilterDto extends PageDto {
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
  @IsOptional() @IsId() zoneId?: string;
  @IsOptional() @IsId() jointCommitteeId?: string;

  @IsOptional()
  @IsIn(MASS_ORGANIZATION_KINDS, { message: `kind 必须是以下之一：${MASS_ORGANIZATION_KINDS.join(', ')}` })
  kind?: MassOrganizationKind;
}
