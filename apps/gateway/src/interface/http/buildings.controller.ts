import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, assertInScope, CurrentActor } from '@pb/platform';
import { BuildingFigures, BuildingWithFigures } from '../../application/queries/building-figures';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * 楼宇、综合体: one building with the organizations, members, enterprises and grids located in
 * it, from the gateway's own read models (nothing here calls a service).
 */
@ApiTags('buildings 楼宇、综合体')
@Controller('api/buildings')
export class BuildingsController {
  constructor(private readonly buildings: BuildingFigures) {}

  @Get(':buildingId')
  async building(@Param('buildingId') buildingId: string, @CurrentActor() actor: Actor): Promise<BuildingWithFigures> {
    const building = ID_PATTERN.test(buildingId) ? await this.buildings.building(buildingId) : null;
    if (!building) throw new NotFoundException(`楼宇 ${buildingId.slice(0, 64)} 不存在（或网关尚未同步到该楼宇）`);
    // The building's jurisdiction first: nothing inside it is counted for a caller who may not see it.
    assertInScope(actor, building, '该楼宇');
    return this.buildings.figures(building);
  }
}
