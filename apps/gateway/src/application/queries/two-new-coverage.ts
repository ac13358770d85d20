import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { afterPosition, pageOf, pagePositionOf } from '@pb/platform';
import { coverageRate, UNCOVERED_FLAG_MEMBERS } from '../../domain/coverage/two-new-coverage';
import { ENTERPRISE_COVERAGE_VIEW, EnterpriseCoverageView } from '../../infrastructure/read-models/coverage-views';

type Filter = Record<string, unknown>;

/** An enterprise that should set up a Party organization (应建未建): its name and place, no member's. */
export interface UncoveredEnterprise {
  creditCode: string;
  name: string | null;
  members: number;
  districtId: string | null;
  subDistrictId: string | null;
  zoneId: string | null;
}

/** 两新覆盖 figures and the flagged enterprises of a scope, from TwoNewCoverageProjector's view. */
@Injectable()
export class TwoNewCoverage {
  constructor(@InjectModel(ENTERPRISE_COVERAGE_VIEW) private readonly enterprises: Model<EnterpriseCoverageView>) {}

  /** Registered enterprises of the scope (by the enterprise's own zone). */
  async figures(filter: Filter) {
    const registered = { ...filter, registered: true };
    const [enterprisesWithMembers, covered, flagged] = await Promise.all([
      this.enterprises.countDocuments({ ...registered, withMembers: true }).exec(),
      this.enterprises.countDocuments({ ...registered, covered: true }).exec(),
      this.enterprises.countDocuments({ ...registered, flagged: true }).exec(),
    ]);
    return { enterprisesWithMembers, covered, flagged, rate: coverageRate(covered, enterprisesWithMembers), thresholds: { flagFromMembers: UNCOVERED_FLAG_MEMBERS } };
  }

  /** The flagged enterprises by name, then credit code; `after` is the previous page's `next`. */
  async uncovered(filter: Filter, after: string | undefined, limit: number): Promise<{ enterprises: UncoveredEnterprise[]; next: string | null }> {
    const position = pagePositionOf(after, 'after');
    const query: Filter = { ...filter, registered: true, flagged: true };
    if (position) Object.assign(query, afterPosition('name', position.key, position.id, 'asc'));
    const docs = await this.enterprises
      .find(query, { name: 1, members: 1, districtId: 1, subDistrictId: 1, zoneId: 1 })
      .sort({ name: 1, _id: 1 })
      .limit(limit + 1)
      .lean<EnterpriseCoverageView[]>()
      .exec();
    const { items, next } = pageOf(docs, limit, (d) => ({ key: d.name ?? '', id: d._id }));
    return {
      enterprises: items.map((d) => ({
        creditCode: d._id,
        name: d.name ?? null,
        members: d.members,
        districtId: d.districtId ?? null,
        subDistrictId: d.subDistrictId ?? null,
        zoneId: d.zoneId ?? null,
      })),
      next,
    };
  }
}
