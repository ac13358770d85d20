import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GridWorkerRegistered } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { MembershipReference } from '@pb/membership-reference';
import { decideWorkerRegistration, GridWorker } from '../../domain/grid/grid';
import { GridWorkers } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 登记商圈专属网格员 (the worker id is the user id they sign in with). */
export class RegisterGridWorker {
  constructor(
    readonly request: { workerId: string; name: string; zoneId: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(RegisterGridWorker)
export class RegisterGridWorkerHandler implements ICommandHandler<RegisterGridWorker, GridWorker> {
  constructor(
    @InjectAggregate(GridWorkers) private readonly workers: AggregateRepository<GridWorker>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: RegisterGridWorker): Promise<GridWorker> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const { state } = await this.workers.decideAndSave(
      request.workerId,
      (loaded) => ({ definition: GridWorkerRegistered, data: decideWorkerRegistration(loaded.state, zone, request) }),
      caller.context,
    );
    return state;
  }
}
