import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { GridBuildingsSet } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope } from '@pb/platform';
import { decideGridBuildings, Grid, MAX_BUILDINGS_PER_GRID } from '../../domain/grid/grid';
import { Grids } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ExpectedVersionDto, ID_PATTERN } from '../shared/common.dto';

/** 网格覆盖楼宇: the registered buildings and complexes of its zone a grid covers, the whole list. */
export class SetGridBuildings {
  constructor(
    readonly gridId: string,
    readonly buildingIds: string[],
    readonly expectedVersion: number | undefined,
    readonly caller: Caller,
  ) {}
}

@CommandHandler(SetGridBuildings)
export class SetGridBuildingsHandler implements ICommandHandler<SetGridBuildings, Grid> {
  constructor(
    @InjectAggregate(Grids) private readonly grids: AggregateRepository<Grid>,
    private readonly known: MembershipReference,
  ) {}

  async execute({ gridId, buildingIds, expectedVersion, caller }: SetGridBuildings): Promise<Grid> {
    const { state } = await this.grids.decideAndSave(
      gridId,
      async (loaded) => {
        // The grid's jurisdiction first: nothing about buildings is read for a caller who may not touch it.
        if (loaded.state) assertInScope(caller.actor, loaded.state, '该网格');
        const buildings = loaded.state ? await this.known.buildingsById(buildingIds) : [];
        return { definition: GridBuildingsSet, data: decideGridBuildings(loaded.state, gridId, buildingIds, buildings) };
      },
      caller.context,
      { expectedVersion },
    );
    return state;
  }
}

export class SetGridBuildingsDto extends ExpectedVersionDto {
  @ApiProperty({ description: '网格覆盖的楼宇或综合体编号（党员服务登记的楼宇，须在网格所在片区）；[] 表示不覆盖任何楼宇', type: [String], example: ['bld-wanda-plaza'] })
  @IsArray({ message: 'buildingIds 须为楼宇编号的数组' })
  @ArrayMaxSize(MAX_BUILDINGS_PER_GRID, { message: `buildingIds 最多 ${MAX_BUILDINGS_PER_GRID} 座楼宇` })
  @Matches(ID_PATTERN, { each: true, message: 'buildingIds 的每一项须为楼宇编号（字母、数字、下划线和连字符，1-64 位）' })
  buildingIds!: string[];
}
