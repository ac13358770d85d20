import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Grid } from '../../domain/grid/grid';
import { Grids } from '../../infrastructure/aggregates';
import { Doc, HIDDEN, withBuildings } from './grid-view';

export class GetGrid {
  constructor(readonly gridId: string) {}
}

@QueryHandler(GetGrid)
export class GetGridHandler implements IQueryHandler<GetGrid> {
  constructor(@InjectSnapshots(Grids) private readonly grids: Model<Doc<Grid>>) {}

  async execute({ gridId }: GetGrid) {
    const grid = await this.grids.findById(gridId, HIDDEN).lean<Doc<Grid>>().exec();
    return grid ? withBuildings(grid) : null;
  }
}
