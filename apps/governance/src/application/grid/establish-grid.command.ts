import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GridEstablished } from '@pb/contracts';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { MembershipReference } from '@pb/membership-reference';
import { decideGrid, Grid } from '../../domain/grid/grid';
import { Grids } from '../../infrastructure/aggregates';
import { Caller } from '../caller';

/** 划定网格 inside a zone membership has registered. */
export class EstablishGrid {
  constructor(
    readonly request: { gridId: string; name: string; description: string | null; zoneId: string },
    readonly caller: Caller,
  ) {}
}

@CommandHandler(EstablishGrid)
export class EstablishGridHandler implements ICommandHandler<EstablishGrid, Grid> {
  constructor(
    @InjectAggregate(Grids) private readonly grids: AggregateRepository<Grid>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: EstablishGrid): Promise<Grid> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const { state } = await this.grids.decideAndSave(request.gridId, (loaded) => ({ definition: GridEstablished, data: decideGrid(loaded.state, zone, request) }), caller.context);
    return state;
  }
}
