import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { MASS_ORGANIZATION_KINDS, MassOrganizationFormed, MassOrganizationKind } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideMassOrganization, MassOrganization } from '../../domain/mass-organization/mass-organization';
import type { Organization } from '../../domain/organization/organization';
import { MassOrganizations, Organizations } from '../../infrastructure/aggregates';
import { IsId } from '../shared/common.dto';

/** 成立群团组织 */
export class FormMassOrganization {
  constructor(
    readonly request: { massOrganizationId: string; name: string; kind: MassOrganizationKind; jointCommitteeId: string },
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(FormMassOrganization)
export class FormMassOrganizationHandler implements ICommandHandler<FormMassOrganization, MassOrganization> {
  constructor(
    @InjectAggregate(MassOrganizations) private readonly massOrganizations: AggregateRepository<MassOrganization>,
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
  ) {}

  async execute({ request, context }: FormMassOrganization): Promise<MassOrganization> {
    const committee = (await this.organizations.load(request.jointCommitteeId)).state;
    const { state } = await this.massOrganizations.decideAndSave(
      request.massOrganizationId,
      (loaded) => ({ definition: MassOrganizationFormed, data: decideMassOrganization(loaded.state, committee, request) }),
      context,
    );
    return state;
  }
}

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
