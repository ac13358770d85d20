import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { MembershipReference, PlaceFilter } from '@pb/membership-reference';
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
    const orgFilter: PlaceFilter = {};
    for (const k of ['districtId', 'subDistrictId', 'zoneId'] as const) if (filter[k]) orgFilter[k] = filter[k];
    const orgIds = filter.organizationId ? [filter.organizationId] : await this.views.organizationIdsIn(orgFilter, 5000);
    if (kind === 'assessments')
      return (
        await this.assessments
          .find({ organizationId: { $in: orgIds } })
          .sort({ period: -1, total: -1 })
          .limit(1000)
          .lean()
          .exec()
      ).map(strip);
    return (
      await this.recommendations
        .find({ organizationId: { $in: orgIds } })
        .sort({ _id: 1 })
        .limit(1000)
        .lean()
        .exec()
    ).map(strip);
  }
}
