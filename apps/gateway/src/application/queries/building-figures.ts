import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { KnownBuilding, MembershipReference } from '@pb/membership-reference';
import { BUILDING_PLACE_VIEW, BuildingPlaceView } from '../../infrastructure/read-models/building-views';

/** 楼宇党建: a building and what is located in it, each counted from documents (never increments). */
export interface BuildingWithFigures extends KnownBuilding {
  counts: {
    /** Standing Party organizations located there (membership's OrganizationLocated). */
    organizations: number;
    /** Members who count in those organizations (countedPlaceOf, as every other count). */
    members: number;
    /** Enterprises registered in it (enterprise's EnterpriseRegistered / ProfileUpdated v2). */
    enterprises: number;
    /** Grids covering it (governance's GridBuildingsSet). */
    grids: number;
  };
}

/**
 * A building's figures from the gateway's own database: membership's reference data (the
 * building, its organizations and members) and the building places view (enterprises, grids).
 * Like the dashboards, it answers while any service is down.
 */
@Injectable()
export class BuildingFigures {
  constructor(
    private readonly reference: MembershipReference,
    @InjectModel(BUILDING_PLACE_VIEW) private readonly places: Model<BuildingPlaceView>,
  ) {}

  building(buildingId: string): Promise<KnownBuilding | null> {
    return this.reference.building(buildingId);
  }

  async figures(building: KnownBuilding): Promise<BuildingWithFigures> {
    const { buildingId } = building;
    const [party, enterprises, grids] = await Promise.all([
      this.reference.partyFiguresInBuilding(buildingId),
      this.places.countDocuments({ buildingIds: buildingId, kind: 'ENTERPRISE' }).exec(),
      this.places.countDocuments({ buildingIds: buildingId, kind: 'GRID' }).exec(),
    ]);
    return { ...building, counts: { ...party, enterprises, grids } };
  }
}
