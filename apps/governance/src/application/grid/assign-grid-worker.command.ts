import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { GridWorkerAssigned, GridWorkerUnassigned } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { decideAssignment, decideUnassignment, Grid, GridWorker } from '../../domain/grid/grid';
import { Grids, GridWorkers } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

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
    @InjectAggregate(GridWorkers) private readonly workers: AggregateRepository<GridWorker>,
    @InjectAggregate(Grids) private readonly grids: AggregateRepository<Grid>,
  ) {}

  async execute({ workerId, gridId, assign, caller }: AssignGridWorker): Promise<GridWorker> {
    const { state } = await this.workers.decideAndSave(
      workerId,
      async (loaded) => {
        if (loaded.state) assertInScope(caller.actor, loaded.state, '该网格员');
        const data = assign ? decideAssignment(loaded.state, (await this.grids.load(gridId)).state, workerId, gridId) : decideUnassignment(loaded.state, workerId, gridId);
        return { definition: assign ? GridWorkerAssigned : GridWorkerUnassigned, data };
      },
      caller.context,
    );
    return state;
  }
}

export class AssignGridDto {
  @ApiProperty({ description: '网格编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) gridId!: string;
}
