import { Global, Injectable, Module } from '@nestjs/common';

/** Which records a count covers, in the fields every record carries. */
export type PlaceFilter = Partial<Record<'districtId' | 'subDistrictId' | 'zoneId', string>>;

/** One family of counts (organizations, members, floating members …) for the records matching the filter. */
export type StatisticsContributor = (filter: PlaceFilter) => Promise<Record<string, number | Record<string, number>>>;

/**
 * The per-jurisdiction statistics are assembled from independent count
 * functions, so each part of membership adds its own fields without touching
 * the query: `onModuleInit() { stats.register('members', (f) => …) }`.
 */
@Injectable()
export class JurisdictionStatistics {
  private readonly contributors = new Map<string, StatisticsContributor>();

  register(name: string, contributor: StatisticsContributor): void {
    this.contributors.set(name, contributor);
  }

  async collect(filter: PlaceFilter): Promise<Record<string, number | Record<string, number>>> {
    const parts = await Promise.all([...this.contributors.values()].map((count) => count(filter)));
    return Object.assign({}, ...parts);
  }
}

/** Global so the members module can register its counts too. */
@Global()
@Module({ providers: [JurisdictionStatistics], exports: [JurisdictionStatistics] })
export class JurisdictionStatisticsModule {}
