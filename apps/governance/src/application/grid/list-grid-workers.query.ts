import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { GridWorker } from '../../domain/grid/grid';
import { Cases, GridWorkers } from '../../infrastructure/aggregates';
import { JurisdictionFilterDto, OptionalId } from '../shared/common.dto';
import { defined, Doc, GridWorkerView, HIDDEN, WorkloadReader } from './grid-view';

/** Workers with their workload, counted from the case snapshots. */
export class ListGridWorkers {
  constructor(readonly filter: { districtId?: string; subDistrictId?: string; zoneId?: string; gridId?: string }) {}
}

@QueryHandler(ListGridWorkers)
export class ListGridWorkersHandler extends WorkloadReader implements IQueryHandler<ListGridWorkers, GridWorkerView[]> {
  constructor(
    @InjectSnapshots(GridWorkers) private readonly workers: Model<Doc<GridWorker>>,
    @InjectSnapshots(Cases) cases: Model<Case & { _id: string }>,
  ) {
    super(cases);
  }

  async execute({ filter }: ListGridWorkers): Promise<GridWorkerView[]> {
    const { gridId, ...rest } = filter;
    const query = defined({ ...rest, gridIds: gridId });
    const workers = await this.workers.find(query, HIDDEN).sort({ zoneId: 1, workerId: 1 }).limit(200).lean<Doc<GridWorker>[]>().exec();
    return Promise.all(workers.map(async (w) => ({ ...w, workload: await this.workload(w.workerId) })));
  }
}

export class WorkerFilterDto extends JurisdictionFilterDto {
  @OptionalId() gridId?: string;
}
