import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GridEstablished } from '@pb/contracts';
import { assertInScope } from '@pb/platform';
import { MembershipReference } from '@pb/membership-reference';
import { decideGrid, Grid } from '../../domain/grid/grid';
import { GridRepository } from '../../infrastructure/repositories';
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
    private readonly grids: GridRepository,
    private readonly known: MembershipReference,
  ) {}

  async execute({ request, caller }: EstablishGrid): Promise<Grid> {
    const zone = await this.known.zone(request.zoneId);
    if (zone) assertInScope(caller.actor, zone, '该片区');
    const loaded = await this.grids.load(request.gridId);
    const data = decideGrid(loaded.state, zone, request);
    const { state } = await this.grids.save(loaded, { definition: GridEstablished, data, jurisdiction: { districtId: data.districtId, zoneId: data.zoneId } }, caller.context);
    return state;
  }
}
