import { Injectable, OnModuleInit } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Alliance } from '../../domain/alliance/alliance';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import type { MassOrganization } from '../../domain/mass-organization/mass-organization';
import type { Organization } from '../../domain/organization/organization';
import { Alliances, Jurisdictions, MassOrganizations, Organizations } from '../../infrastructure/aggregates';
import { IsId } from '../shared/common.dto';
import { JurisdictionStatistics, PlaceFilter } from './jurisdiction-statistics';
import { JurisdictionView, placeFilterOf } from './jurisdiction-view';

type Counts = Record<string, number | Record<string, number>>;

export interface JurisdictionStatisticsView {
  jurisdictionId: string;
  name: string;
  level: string;
  totals: Counts;
  /** Per zone inside the jurisdiction (the zone itself for a zone), a page at a time. */
  zones: Array<{ zoneId: string; name: string; zoneKind: string | null; pilot: boolean; demonstration: boolean; counts: Counts }>;
  nextAfter: string | null;
}

/** 统计: counts for a jurisdiction and for each of its zones. */
export class GetJurisdictionStatistics {
  constructor(
    readonly jurisdiction: JurisdictionView,
    readonly zoneLimit: number,
    readonly zonesAfter: string | undefined,
  ) {}
}

@QueryHandler(GetJurisdictionStatistics)
export class GetJurisdictionStatisticsHandler implements IQueryHandler<GetJurisdictionStatistics, JurisdictionStatisticsView> {
  constructor(
    private readonly statistics: JurisdictionStatistics,
    @InjectSnapshots(Jurisdictions) private readonly jurisdictions: Model<Snapshot<Jurisdiction>>,
  ) {}

  async execute({ jurisdiction: j, zoneLimit, zonesAfter }: GetJurisdictionStatistics): Promise<JurisdictionStatisticsView> {
    const zoneQuery: Record<string, unknown> = { ...placeFilterOf(j), level: 'ZONE' };
    if (zonesAfter) zoneQuery._id = { $gt: zonesAfter };
    const zones = await this.jurisdictions
      .find(zoneQuery)
      .sort({ _id: 1 })
      .limit(zoneLimit + 1)
      .lean<Snapshot<Jurisdiction>[]>()
      .exec();
    const more = zones.length > zoneLimit;
    if (more) zones.length = zoneLimit;
    const [totals, perZone] = await Promise.all([this.statistics.collect(placeFilterOf(j)), Promise.all(zones.map((z) => this.statistics.collect(placeFilterOf(z))))]);
    return {
      jurisdictionId: j.jurisdictionId,
      name: j.name,
      level: j.level,
      totals,
      zones: zones.map((z, i) => ({ zoneId: z.jurisdictionId, name: z.name, zoneKind: z.zoneKind, pilot: z.pilot, demonstration: z.demonstration, counts: perZone[i] })),
      nextAfter: more ? zones[zones.length - 1].jurisdictionId : null,
    };
  }
}

/** Organization-side counts: Party organizations by type, alliances, mass organizations. */
@Injectable()
export class OrganizationCounts implements OnModuleInit {
  constructor(
    private readonly statistics: JurisdictionStatistics,
    @InjectSnapshots(Organizations) private readonly organizations: Model<Organization & { _id: string }>,
    @InjectSnapshots(Alliances) private readonly alliances: Model<Alliance & { _id: string }>,
    @InjectSnapshots(MassOrganizations) private readonly massOrganizations: Model<MassOrganization & { _id: string }>,
  ) {}

  onModuleInit(): void {
    this.statistics.register('organizations', (filter) => this.count(filter));
  }

  private async count(filter: PlaceFilter): Promise<Counts> {
    const [byType, alliances, massOrganizations] = await Promise.all([
      this.organizations.aggregate<{ _id: string; n: number }>([{ $match: { ...filter, dissolvedOn: null } }, { $group: { _id: '$type', n: { $sum: 1 } } }]).exec(),
      this.alliances.countDocuments(filter).exec(),
      this.massOrganizations.countDocuments(filter).exec(),
    ]);
    const organizationsByType: Record<string, number> = {};
    for (const { _id, n } of byType) organizationsByType[_id] = n;
    const organizations = byType.reduce((sum, { n }) => sum + n, 0);
    return { organizations, organizationsByType, alliances, massOrganizations };
  }
}

export class StatisticsQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'zoneLimit 须为整数' })
  @Min(1, { message: 'zoneLimit 不能小于 1' })
  @Max(50, { message: 'zoneLimit 不能大于 50' })
  zoneLimit?: number;

  @IsOptional() @IsId() zonesAfter?: string;
}
