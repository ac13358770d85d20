import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import type { MassOrganizationKind } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { MassOrganization } from '../../domain/mass-organization/mass-organization';
import { MassOrganizations } from '../../infrastructure/aggregates';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';

type MassOrganizationView = MassOrganization & { version: number };

export class GetMassOrganization {
  constructor(readonly massOrganizationId: string) {}
}

export class ListMassOrganizations {
  constructor(
    readonly filter: PlaceFilter & { jointCommitteeId?: string; kind?: MassOrganizationKind },
    readonly limit: number,
    readonly after?: string,
  ) {}
}

@QueryHandler(GetMassOrganization)
export class GetMassOrganizationHandler implements IQueryHandler<GetMassOrganization, MassOrganizationView | null> {
  constructor(@InjectSnapshots(MassOrganizations) private readonly massOrganizations: Model<Snapshot<MassOrganization>>) {}

  execute({ massOrganizationId }: GetMassOrganization): Promise<MassOrganizationView | null> {
    return this.massOrganizations.findById(massOrganizationId, { _id: 0, lastEventAt: 0 }).lean<MassOrganizationView>().exec();
  }
}

@QueryHandler(ListMassOrganizations)
export class ListMassOrganizationsHandler implements IQueryHandler<ListMassOrganizations, MassOrganizationView[]> {
  constructor(@InjectSnapshots(MassOrganizations) private readonly massOrganizations: Model<Snapshot<MassOrganization>>) {}

  execute({ filter, limit, after }: ListMassOrganizations): Promise<MassOrganizationView[]> {
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query[key] = value;
    if (after) query._id = { $gt: after };
    return this.massOrganizations.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<MassOrganizationView[]>().exec();
  }
}
