import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { JurisdictionFilterDto, OptionalId } from '../shared/common.dto';
import { InjectSnapshots } from '@pb/messaging';
import { Grid } from '../../domain/grid/grid';
import { Grids } from '../../infrastructure/aggregates';
import { defined, Doc, HIDDEN, MAX_LIST, withBuildings } from './grid-view';

export class ListGrids {
  constructor(readonly filter: { districtId?: string; subDistrictId?: string; zoneId?: string; buildingId?: string }) {}
}

@QueryHandler(ListGrids)
export class ListGridsHandler implements IQueryHandler<ListGrids> {
  constructor(@InjectSnapshots(Grids) private readonly grids: Model<Doc<Grid>>) {}

  async execute({ filter }: ListGrids) {
    const { buildingId, ...place } = filter;
    // 覆盖该楼宇的网格: an equality on the indexed array field.
    return (
      await this.grids
        .find(defined({ ...place, buildingIds: buildingId }), HIDDEN)
        .sort({ zoneId: 1, name: 1 })
        .limit(MAX_LIST)
        .lean<Doc<Grid>[]>()
        .exec()
    ).map(withBuildings);
  }
}

export class GridFilterDto extends JurisdictionFilterDto {
  /** 覆盖该楼宇（或综合体）的网格 */
  @OptionalId() buildingId?: string;
}
