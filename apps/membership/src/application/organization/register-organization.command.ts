import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { HOST_KINDS, HostKind, ORGANIZATION_TYPES, OrganizationRegistered, OrganizationRegisteredData, OrganizationType } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { decideRegistration, Organization } from '../../domain/organization/organization';
import { Jurisdictions, Organizations } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

export class RegisterOrganization {
  constructor(
    readonly data: OrganizationRegisteredData,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterOrganization)
export class RegisterOrganizationHandler implements ICommandHandler<RegisterOrganization, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>,
  ) {}

  async execute({ data, context }: RegisterOrganization): Promise<Organization> {
    const [parent, subDistrict, zone] = await Promise.all([
      data.parentId ? this.organizations.load(data.parentId).then((l) => l.state) : null,
      this.jurisdictions.load(data.subDistrictId).then((l) => l.state),
      data.zoneId ? this.jurisdictions.load(data.zoneId).then((l) => l.state) : null,
    ]);
    const { state } = await this.organizations.decideAndSave(
      data.organizationId,
      (loaded) => ({ definition: OrganizationRegistered, data: decideRegistration(loaded.state, parent, data, { subDistrict, zone }) }),
      context,
    );
    return state;
  }
}

export class OrganizationHostDto {
  @ApiProperty({ enum: HOST_KINDS, description: '依托单位类型' })
  @IsIn(HOST_KINDS, { message: `host.kind 必须是以下之一：${HOST_KINDS.join(', ')}` })
  kind!: HostKind;

  @ApiProperty({ description: '依托单位名称' })
  @IsString()
  @Length(1, 100, { message: 'host.name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'host.creditCode 须为 18 位统一社会信用代码' })
  creditCode?: string | null;
}

export class RegisterOrganizationDto {
  @ApiPropertyOptional({ description: '组织编号；不填则自动生成', example: 'org-taibailou-committee' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  organizationId?: string;

  @ApiProperty({ description: '组织名称', example: '太白楼路商圈党委' })
  @IsString()
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES, description: '组织类型' })
  @IsIn(ORGANIZATION_TYPES, { message: `type 必须是以下之一：${ORGANIZATION_TYPES.join(', ')}` })
  type!: OrganizationType;

  @ApiPropertyOptional({ description: '上级组织编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  parentId?: string | null;

  @ApiProperty({ description: '区县编号', example: 'rencheng' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  districtId!: string;

  @ApiProperty({ description: '街道编号', example: 'fuqiao' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  subDistrictId!: string;

  @ApiPropertyOptional({ description: '商圈/园区/楼宇编号', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  zoneId?: string | null;

  @ApiPropertyOptional({ type: OrganizationHostDto, description: '依托单位（企业、驻地单位或两新组织）', nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganizationHostDto)
  host?: OrganizationHostDto | null;
}
