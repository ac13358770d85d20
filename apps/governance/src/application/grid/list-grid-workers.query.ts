import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { GridWorker } from '../../domain/grid/grid';
import { Cases, GridWorkers } from '../../infrastructure/aggregates';
import { OptionalId, PagedJurisdictionFilterDto } from '../shared/common.dto';
import { afterCursor, Page, pageOf, PageOrder, sortOf } from '../shared/page';
import { defined, Doc, GridWorkerView, HIDDEN, WorkloadReader } from './grid-view';

/** By zone, then worker id (unique). */
const ORDER: PageOrder<Doc<GridWorker>> = { field: 'zoneId', order: 'asc', key: (w) => w.zoneId, id: (w) => w.workerId };

/** Workers with their workload, counted from the case snapshots; a page at a time. */
export class ListGridWorkers {
  constructor(
    readonly filter: { districtId?: string; subDistrictId?: string; zoneId?: string; gridId?: string },
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(ListGridWorkers)
export class ListGridWorkersHandler extends WorkloadReader implements IQueryHandler<ListGridWorkers, Page<GridWorkerView>> {
  constructor(
    @InjectSnapshots(GridWorkers) private readonly workers: Model<Doc<GridWorker>>,
    @InjectSnapshots(Cases) cases: Model<Case & { _id: string }>,
  ) {
    super(cases);
  }

  async execute({ filter, limit, after }: ListGridWorkers): Promise<Page<GridWorkerView>> {
    const { gridId, ...rest } = filter;
    const query = { ...defined({ ...rest, gridIds: gridId }), ...afterCursor(after, ORDER) };
    const found = await this.workers
      .find(query, HIDDEN)
      .sort(sortOf(ORDER))
      .limit(limit + 1)
      .lean<Doc<GridWorker>[]>()
      .exec();
    const page = pageOf(found, limit, ORDER);
    return { ...page, items: await Promise.all(page.items.map(async (w) => ({ ...w, workload: await this.workload(w.workerId) }))) };
  }
}

export class WorkerFilterDto extends PagedJurisdictionFilterDto {
  @OptionalId() gridId?: string;
}
