import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { GuidanceVisit } from '../../domain/instructor/guidance-visit';
import type { Instructor } from '../../domain/instructor/instructor';
import type { Organization } from '../../domain/organization/organization';
import { GuidanceVisits, Instructors, Organizations } from '../../infrastructure/aggregates';
import { GuidedOrganization, InstructorGuidance, InstructorView, MAX_GUIDED_SHOWN } from './instructor-view';

export class GetInstructor {
  constructor(readonly instructorId: string) {}
}

@QueryHandler(GetInstructor)
export class GetInstructorHandler implements IQueryHandler<GetInstructor, InstructorView | null> {
  constructor(@InjectSnapshots(Instructors) private readonly instructors: Model<Snapshot<Instructor>>) {}

  execute({ instructorId }: GetInstructor): Promise<InstructorView | null> {
    return this.instructors.findById(instructorId, { _id: 0, lastEventAt: 0 }).lean<InstructorView>().exec();
  }
}

/** The organizations an instructor guides (from the organizations' assignments) and their visit counts. */
export class GetInstructorGuidance {
  constructor(readonly instructorId: string) {}
}

@QueryHandler(GetInstructorGuidance)
export class GetInstructorGuidanceHandler implements IQueryHandler<GetInstructorGuidance, InstructorGuidance> {
  constructor(
    @InjectSnapshots(Organizations) private readonly organizations: Model<Snapshot<Organization>>,
    @InjectSnapshots(GuidanceVisits) private readonly visits: Model<Snapshot<GuidanceVisit>>,
  ) {}

  async execute({ instructorId }: GetInstructorGuidance): Promise<InstructorGuidance> {
    const [guided, counts, last] = await Promise.all([
      this.organizations
        // Standing organizations only: a dissolved one keeps its last instructors in its state.
        .find(
          { 'instructors.instructorId': instructorId, dissolvedOn: null },
          { _id: 1, organizationId: 1, name: 1, type: 1, districtId: 1, subDistrictId: 1, zoneId: 1, instructors: 1 },
        )
        .sort({ _id: 1 })
        .limit(MAX_GUIDED_SHOWN + 1)
        .lean<Organization[]>()
        .exec(),
      // One accumulator per $group: FerretDB 1.x sums wrongly with more.
      this.visits.aggregate<{ _id: string; n: number }>([{ $match: { instructorId } }, { $group: { _id: '$organizationId', n: { $sum: 1 } } }]).exec(),
      this.lastVisitOn({ instructorId }),
    ]);
    const perOrganization = new Map(counts.map((c) => [c._id, c.n]));
    const organizations: GuidedOrganization[] = await Promise.all(
      guided.slice(0, MAX_GUIDED_SHOWN).map(async (o) => {
        const visits = perOrganization.get(o.organizationId) ?? 0;
        return {
          organizationId: o.organizationId,
          name: o.name,
          type: o.type,
          districtId: o.districtId,
          subDistrictId: o.subDistrictId,
          zoneId: o.zoneId,
          assignedOn: (o.instructors ?? []).find((i) => i.instructorId === instructorId)?.assignedOn ?? '',
          visits,
          lastVisitedOn: visits ? await this.lastVisitOn({ instructorId, organizationId: o.organizationId }) : null,
        };
      }),
    );
    return {
      organizations,
      organizationsTruncated: guided.length > MAX_GUIDED_SHOWN,
      visits: { count: counts.reduce((sum, c) => sum + c.n, 0), lastVisitedOn: last },
    };
  }

  private async lastVisitOn(filter: Record<string, string>): Promise<string | null> {
    const latest = await this.visits.findOne(filter, { visitedOn: 1 }).sort({ visitedOn: -1, _id: -1 }).lean<{ visitedOn: string }>().exec();
    return latest?.visitedOn ?? null;
  }
}
