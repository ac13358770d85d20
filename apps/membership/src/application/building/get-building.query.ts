import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Building } from '../../domain/building/building';
import type { Member } from '../../domain/member/member';
import type { Organization } from '../../domain/organization/organization';
import { Buildings, Members, Organizations } from '../../infrastructure/aggregates';
import { BuildingView, BuildingWithCounts } from './building-view';

/** Organizations counted per round: a building holds a handful, but none is left out. */
const BATCH = 500;

export class GetBuilding {
  constructor(readonly buildingId: string) {}
}

/** The building and how many organizations and members are in it. */
@QueryHandler(GetBuilding)
export class GetBuildingHandler implements IQueryHandler<GetBuilding, BuildingWithCounts | null> {
  constructor(
    @InjectSnapshots(Buildings) private readonly buildings: Model<Snapshot<Building>>,
    @InjectSnapshots(Organizations) private readonly organizations: Model<Snapshot<Organization>>,
    @InjectSnapshots(Members) private readonly members: Model<Snapshot<Member>>,
  ) {}

  async execute({ buildingId }: GetBuilding): Promise<BuildingWithCounts | null> {
    const building = await this.buildings.findById(buildingId, { _id: 0, lastEventAt: 0 }).lean<BuildingView>().exec();
    if (!building) return null;
    let organizations = 0;
    let members = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.organizations
        .find({ buildingId, dissolvedOn: null, ...(after ? { _id: { $gt: after } } : {}) }, { _id: 1 })
        .sort({ _id: 1 })
        .limit(BATCH)
        .lean<{ _id: string }[]>()
        .exec();
      if (!page.length) break;
      organizations += page.length;
      members += await this.members.countDocuments({ 'countedIn.organizationId': { $in: page.map((o) => o._id) } }).exec();
      if (page.length < BATCH) break;
      after = page[page.length - 1]!._id;
    }
    return { ...building, counts: { organizations, members } };
  }
}
