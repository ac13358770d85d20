import { Schema } from 'mongoose';

export const BUILDING_PLACE_VIEW = 'BuildingPlaceView';

/**
 * 楼宇里的企业和网格: where an enterprise is (its one registered building, or none) and which
 * buildings a grid covers, so a building's page counts them from the gateway's own database.
 * Buildings, organizations and members come from membership's reference data.
 */
export interface BuildingPlaceView {
  /** `enterprise:<credit code>` or `grid:<grid id>` */
  _id: string;
  kind?: 'ENTERPRISE' | 'GRID';
  districtId?: string;
  zoneId?: string;
  /** An enterprise: none or one; a grid: those it covers. */
  buildingIds?: string[];
  version: number;
}

export const BuildingPlaceViewSchema = new Schema<BuildingPlaceView>(
  { _id: String, kind: String, districtId: String, zoneId: String, buildingIds: [String], version: Number },
  { collection: 'building_place_views', versionKey: false },
);
// A building's enterprises and grids: equality on the kind and on one element of the array.
BuildingPlaceViewSchema.index({ buildingIds: 1, kind: 1 });
