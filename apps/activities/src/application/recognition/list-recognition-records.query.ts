import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { KnownOrganization, MembershipReference, PlaceFilter } from '@pb/membership-reference';
import { InjectSnapshots } from '@pb/messaging';
import type { Assessment, Recommendation } from '../../domain/recognition/recognition';
import { Assessments, Recommendations } from '../../infrastructure/aggregates';
import { Doc, strip } from '../shared/reads';

/** 五规范五提升 assessments (latest period and best score first) or 三优三推 recommendations (in id order) of the organizations in view, at most 1000. */
export class ListRecognitionRecords {
  constructor(
    readonly kind: 'assessments' | 'recommendations',
    readonly filter: Record<string, string>,
  ) {}
}

@QueryHandler(ListRecognitionRecords)
export class ListRecognitionRecordsHandler implements IQueryHandler<ListRecognitionRecords> {
  constructor(
    @InjectSnapshots(Assessments) private readonly assessments: Model<Doc<Assessment>>,
    @InjectSnapshots(Recommendations) private readonly recommendations: Model<Doc<Recommendation>>,
    private readonly views: MembershipReference,
  ) {}

  async execute({ kind, filter }: ListRecognitionRecords) {
    const place: PlaceFilter = {};
    for (const k of ['districtId', 'subDistrictId', 'zoneId'] as const) if (filter[k]) place[k] = filter[k];
    // The organizations in view, with where each lies: an organization asked for by id counts only inside the place
    // (the caller's scope), and every row carries its organization's jurisdiction.
    const organizations: Placed[] = filter.organizationId
      ? (await this.views.organizationsById([filter.organizationId])).filter((o): o is KnownOrganization => !!o && inPlace(o, place))
      : (await this.views.organizationsIn(place, { limit: 5000 })).flatMap((o) =>
          o.districtId ? [{ organizationId: o._id, districtId: o.districtId, subDistrictId: o.subDistrictId ?? null, zoneId: o.zoneId ?? null }] : [],
        );
    const placeOf = new Map(organizations.map((o) => [o.organizationId, { districtId: o.districtId, subDistrictId: o.subDistrictId, zoneId: o.zoneId }]));
    const query = { organizationId: { $in: [...placeOf.keys()] } };
    const rows: (Assessment | Recommendation)[] =
      kind === 'assessments'
        ? await this.assessments.find(query).sort({ period: -1, total: -1 }).limit(1000).lean().exec()
        : await this.recommendations.find(query).sort({ _id: 1 }).limit(1000).lean().exec();
    return rows.map((row) => ({ ...strip(row), ...placeOf.get(row.organizationId)! }));
  }
}

/** An organization and where it lies. */
interface Placed {
  organizationId: string;
  districtId: string;
  subDistrictId: string | null;
  zoneId: string | null;
}

function inPlace(organization: Placed, place: PlaceFilter): boolean {
  return (Object.keys(place) as (keyof PlaceFilter)[]).every((k) => organization[k] === place[k]);
}
