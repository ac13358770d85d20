import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { Matches, ValidateIf } from 'class-validator';
import { OrganizationLocated } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import type { Building } from '../../domain/building/building';
import { decideLocation, Organization } from '../../domain/organization/organization';
import { Buildings, Organizations } from '../../infrastructure/aggregates';
import { ExpectedVersionDto, ID_PATTERN } from '../shared/common.dto';

/** 所在楼宇: the building or complex of the organization's zone that it is in. */
export class LocateOrganization {
  constructor(
    readonly organizationId: string,
    readonly buildingId: string | null,
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(LocateOrganization)
export class LocateOrganizationHandler implements ICommandHandler<LocateOrganization, Organization> {
  constructor(
    @InjectAggregate(Organizations) private readonly organizations: AggregateRepository<Organization>,
    @InjectAggregate(Buildings) private readonly buildings: AggregateRepository<Building>,
  ) {}

  async execute({ organizationId, buildingId, expectedVersion, context }: LocateOrganization): Promise<Organization> {
    const building = buildingId ? (await this.buildings.load(buildingId)).state : null;
    const { state } = await this.organizations.decideAndSave(
      organizationId,
      (loaded) => ({ definition: OrganizationLocated, data: decideLocation(loaded.state, organizationId, buildingId, building) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}

export class LocateOrganizationDto extends ExpectedVersionDto {
  @ApiProperty({ description: '所在楼宇或综合体编号（须在本组织所在片区）；null 表示清除', nullable: true, type: String })
  @ValidateIf((_, v) => v !== null)
  @Matches(ID_PATTERN, { message: 'buildingId 须为楼宇编号，或为 null（清除所在楼宇）' })
  buildingId!: string | null;
}
