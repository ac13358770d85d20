import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GridWorkerAssigned, GridWorkerUnassigned } from '@pb/contracts';
import { assertInScope } from '@pb/platform';
import { decideAssignment, decideUnassignment, GridWorker } from '../../domain/grid/grid';
import { GridRepository, GridWorkerRepository } from '../../infrastructure/repositories';
import { Caller } from '../caller';

/** A worker takes on one more grid (or gives one up): one command per direction. */
export class AssignGridWorker {
  constructor(
    readonly workerId: string,
    readonly gridId: string,
    readonly assign: boolean,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(AssignGridWorker)
export class AssignGridWorkerHandler implements ICommandHandler<AssignGridWorker, GridWorker> {
  constructor(
    private readonly workers: GridWorkerRepository,
    private readonly grids: GridRepository,
  ) {}

  async execute({ workerId, gridId, assign, caller }: AssignGridWorker): Promise<GridWorker> {
    const loaded = await this.workers.load(workerId);
    if (loaded.state) assertInScope(caller.actor, loaded.state, '该网格员');
    const data = assign ? decideAssignment(loaded.state, (await this.grids.load(gridId)).state, workerId, gridId) : decideUnassignment(loaded.state, workerId, gridId);
    const { state } = await this.workers.save(
      loaded,
      { definition: assign ? GridWorkerAssigned : GridWorkerUnassigned, data, jurisdiction: { districtId: loaded.state!.districtId, zoneId: loaded.state!.zoneId } },
      caller.context,
    );
    return state;
  }
}
