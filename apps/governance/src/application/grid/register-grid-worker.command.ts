import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GridWorkerRegistered } from '@pb/contracts';
import { assertInScope } from '@pb/platform';
import { MembershipReference } from '@pb/membership-reference';
import { decideWorkerRegistration, GridWorker } from '../../domain/grid/grid';
import { GridWorkerRepository } from '../../infrastructure/repositories';
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
    private readonly workers: GridWorkerRepository,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: RegisterGridWorker): Promise<GridWorker> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const loaded = await this.workers.load(request.workerId);
    const data = decideWorkerRegistration(loaded.state, zone, request);
    const { state } = await this.workers.save(loaded, { definition: GridWorkerRegistered, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
    return state;
  }
}
