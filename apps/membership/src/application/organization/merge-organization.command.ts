import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { OrganizationMerged, OrganizationReparented } from '@pb/contracts';
import { AggregateRepository, CommandContext, ConcurrencyConflictError, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { chinaDate } from '../../domain/organization/common';
import { decideMerge, decideReparent, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto, ID_PATTERN, IsCalendarDate } from '../shared/common.dto';
import { OrganizationStructure } from './organization-structure';

/**
 * 合并: one organization into another. Its child organizations are re-parented to the
 * receiving one (each its own OrganizationReparented), then it ends with OrganizationMerged.
 * Its members must have been transferred first (the member's transfer 组织关系转接).
 * Safe to repeat after a failure: children already moved are no longer its children.
 */
export class MergeOrganization {
  constructor(
    readonly organizationId: string,
    readonly intoOrganizationId: string,
    readonly mergedOn: string | undefined,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(MergeOrganization)
export class MergeOrganizationHandler implements ICommandHandler<MergeOrganization, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly structure: OrganizationStructure,
    private readonly clock: Clock,
  ) {}

  async execute(c: MergeOrganization): Promise<Organization> {
    const on = c.mergedOn ?? chinaDate(this.clock.now());
    const [source, into] = await Promise.all([this.organizations.load(c.organizationId), this.organizations.load(c.intoOrganizationId)]);
    const decide = async (state: Organization | null) => {
      const [intoAncestry, children, contents] = await Promise.all([
        this.structure.ancestryOf(into.state),
        this.structure.childrenOf(c.organizationId),
        this.structure.contentsOf(c.organizationId),
      ]);
      const { childOrganizations: _, ...people } = contents;
      return decideMerge(state, c.organizationId, into.state, c.intoOrganizationId, intoAncestry, children, people, on);
    };
    // Everything is checked before anything is stored: a refusal changes nothing.
    const planned = await decide(source.state);
    if (c.expectedVersion !== undefined && c.expectedVersion !== source.version) throw new ConcurrencyConflictError(c.organizationId, c.expectedVersion);
    for (const move of planned.reparented) {
      await this.organizations.decideAndSave(
        move.organizationId,
        async (loaded) => ({
          definition: OrganizationReparented,
          data: decideReparent(loaded.state, move.organizationId, c.intoOrganizationId, into.state, await this.structure.ancestryOf(into.state)),
        }),
        c.context,
      );
    }
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      async (loaded) => {
        const { merged } = await decide(loaded.state);
        // The children moved above are no longer its children: name every one the merge moved.
        return { definition: OrganizationMerged, data: { ...merged, childOrganizationIds: [...new Set([...planned.merged.childOrganizationIds, ...merged.childOrganizationIds])] } };
      },
      c.context,
      { expectedVersion: c.expectedVersion === undefined ? undefined : source.version },
    );
    return state;
  }
}

export class MergeOrganizationDto extends ExpectedVersionDto {
  @ApiProperty({ description: '接收（并入）的党组织编号', example: 'org-taibailou-joint' })
  @Matches(ID_PATTERN, { message: 'intoOrganizationId 须为党组织编号' })
  intoOrganizationId!: string;

  @ApiPropertyOptional({ description: '合并日期（默认今天）', example: '2026-03-01' })
  @IsOptional()
  @IsCalendarDate()
  mergedOn?: string;
}
