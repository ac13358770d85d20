import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { BUILDING_KINDS, BuildingKind } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { Building } from '../../domain/building/building';
import { Buildings } from '../../infrastructure/aggregates';
import type { PlaceFilter } from '../jurisdiction/jurisdiction-statistics';
import { IsId, PageDto } from '../shared/common.dto';
import { BuildingView } from './building-view';

/** A page of buildings in id order; pass the last id as `after` for the next page. */
export class ListBuildings {
  constructor(
    readonly filter: PlaceFilter & { kind?: BuildingKind },
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(ListBuildings)
export class ListBuildingsHandler implements IQueryHandler<ListBuildings, BuildingView[]> {
  constructor(@InjectSnapshots(Buildings) private readonly buildings: Model<Snapshot<Building>>) {}

  execute({ filter, limit, after }: ListBuildings): Promise<BuildingView[]> {
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query[key] = value;
    if (after) query._id = { $gt: after };
    return this.buildings.find(query, { _id: 0, lastEventAt: 0 }).sort({ _id: 1 }).limit(limit).lean<BuildingView[]>().exec();
  }
}

export class BuildingFilterDto extends PageDto {
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsId() subDistrictId?: string;
  @IsOptional() @IsId() zoneId?: string;

  @IsOptional()
  @IsIn(BUILDING_KINDS, { message: `kind 必须是以下之一：${BUILDING_KINDS.join(', ')}` })
  kind?: BuildingKind;
}
