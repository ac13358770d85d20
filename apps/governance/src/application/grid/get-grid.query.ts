import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Grid } from '../../domain/grid/grid';
import { Grids } from '../../infrastructure/aggregates';
import { Doc, HIDDEN } from './grid-view';

export class GetGrid {
  constructor(readonly gridId: string) {}
}

@QueryHandler(GetGrid)
export class GetGridHandler implements IQueryHandler<GetGrid> {
  constructor(@InjectSnapshots(Grids) private readonly grids: Model<Doc<Grid>>) {}

  execute({ gridId }: GetGrid) {
    return this.grids.findById(gridId, HIDDEN).lean<Doc<Grid>>().exec();
  }
}
