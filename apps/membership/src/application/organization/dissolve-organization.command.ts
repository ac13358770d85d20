import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { OrganizationDissolved } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { chinaDate } from '../../domain/organization/common';
import { decideDissolution, Organization } from '../../domain/organization/organization';
import { Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto, IsCalendarDate } from '../shared/common.dto';
import { OrganizationStructure } from './organization-structure';

/** 撤销党组织: only once no members and no child organizations are left in it. */
export class DissolveOrganization {
  constructor(
    readonly organizationId: string,
    readonly dissolvedOn: string | undefined,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DissolveOrganization)
export class DissolveOrganizationHandler implements ICommandHandler<DissolveOrganization, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    private readonly structure: OrganizationStructure,
    private readonly clock: Clock,
  ) {}

  async execute(c: DissolveOrganization): Promise<Organization> {
    const on = c.dissolvedOn ?? chinaDate(this.clock.now());
    const { state } = await this.organizations.decideAndSave(
      c.organizationId,
      async (loaded) => ({ definition: OrganizationDissolved, data: decideDissolution(loaded.state, c.organizationId, await this.structure.contentsOf(c.organizationId), on) }),
      c.context,
      { expectedVersion: c.expectedVersion },
    );
    return state;
  }
}

export class DissolveOrganizationDto extends ExpectedVersionDto {
  @ApiPropertyOptional({ description: '撤销日期（默认今天）', example: '2026-03-01' })
  @IsOptional()
  @IsCalendarDate()
  dissolvedOn?: string;
}
