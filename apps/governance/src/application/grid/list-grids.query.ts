import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Grid } from '../../domain/grid/grid';
import { Grids } from '../../infrastructure/aggregates';
import { defined, Doc, HIDDEN, MAX_LIST } from './grid-view';

export class ListGrids {
  constructor(readonly filter: { districtId?: string; subDistrictId?: string; zoneId?: string }) {}
}

@QueryHandler(ListGrids)
export class ListGridsHandler implements IQueryHandler<ListGrids> {
  constructor(@InjectSnapshots(Grids) private readonly grids: Model<Doc<Grid>>) {}

  execute({ filter }: ListGrids) {
    return this.grids.find(defined(filter), HIDDEN).sort({ zoneId: 1, name: 1 }).limit(MAX_LIST).lean<Doc<Grid>[]>().exec();
  }
}
