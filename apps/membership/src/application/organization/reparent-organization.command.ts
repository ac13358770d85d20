import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { Matches, ValidateIf } from 'class-validator';
import { OrganizationReparented } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideReparent, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto, ID_PATTERN } from '../shared/common.dto';
import { OrganizationStructure } from './organization-structure';

/** 调整隶属关系: the organization moves under another superior organization (or to the top). */
export class ReparentOrganization {
  constructor(
    readonly organizationId: string,
    readonly parentId: string | null,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ReparentOrganization)
export class ReparentOrganizationHandler implements ICommandHandler<ReparentOrganization, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly structure: OrganizationStructure,
  ) {}

  async execute({ organizationId, parentId, expectedVersion, context }: ReparentOrganization): Promise<Organization> {
    const { state } = await this.organizations.decideAndSave(
      organizationId,
      async (loaded) => {
        const parent = parentId ? (await this.organizations.load(parentId)).state : null;
        const ancestry = await this.structure.ancestryOf(parent);
        return { definition: OrganizationReparented, data: decideReparent(loaded.state, organizationId, parentId, parent, ancestry) };
      },
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class ReparentOrganizationDto extends ExpectedVersionDto {
  @ApiProperty({ description: '新的上级党组织编号；null 表示不再有上级（仅商圈党委、联合党委可以）', nullable: true, type: String })
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: 'parentId 须为党组织编号，或为 null（不设上级）' })
  parentId!: string | null;
}
