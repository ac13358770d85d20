import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Mediation } from '../../domain/mediation/mediation';
import { Mediations } from '../../infrastructure/aggregates';
import { OptionalId, PagedJurisdictionFilterDto } from '../shared/common.dto';
import { afterCursor, Page, pageOf, PageOrder, sortOf } from '../shared/page';

/** By zone, then id: a stable, unique position to page from. */
const ORDER: PageOrder<Mediation> = { field: 'zoneId', order: 'asc', key: (m) => m.zoneId, id: (m) => m.mediationId };

export class FindMediations {
  constructor(
    readonly filter: Record<string, string | undefined>,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(FindMediations)
export class FindMediationsHandler implements IQueryHandler<FindMediations, Page<Mediation>> {
  constructor(@InjectSnapshots(Mediations) private readonly mediations: Model<Mediation & { _id: string }>) {}

  async execute({ filter, limit, after }: FindMediations): Promise<Page<Mediation>> {
    const query = { ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), ...afterCursor(after, ORDER) };
    const found = await this.mediations
      .find(query, { _id: 0, lastEventAt: 0 })
      .sort(sortOf(ORDER))
      .limit(limit + 1)
      .lean<Mediation[]>()
      .exec();
    return pageOf(found, limit, ORDER);
  }
}

export class MediationFilterDto extends PagedJurisdictionFilterDto {
  @OptionalId() caseId?: string;
}
