import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { GridWorker } from '../../domain/grid/grid';
import { Cases, GridWorkers } from '../../infrastructure/aggregates';
import { Doc, GridWorkerView, HIDDEN, WorkloadReader } from './grid-view';

export class GetGridWorker {
  constructor(readonly workerId: string) {}
}

@QueryHandler(GetGridWorker)
export class GetGridWorkerHandler extends WorkloadReader implements IQueryHandler<GetGridWorker, GridWorkerView | null> {
  constructor(
    @InjectSnapshots(GridWorkers) private readonly workers: Model<Doc<GridWorker>>,
    @InjectSnapshots(Cases) cases: Model<Case & { _id: string }>,
  ) {
    super(cases);
  }

  async execute({ workerId }: GetGridWorker): Promise<GridWorkerView | null> {
    const worker = await this.workers.findById(workerId, HIDDEN).lean<Doc<GridWorker>>().exec();
    return worker ? { ...worker, workload: await this.workload(workerId) } : null;
  }
}
