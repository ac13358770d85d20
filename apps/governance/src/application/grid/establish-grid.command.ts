import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { GridEstablished } from '@pb/contracts';
import { MembershipReference } from '@pb/membership-reference';
import { AggregateRepository, InjectAggregate } from '@pb/messaging';
import { assertInScope, MultiLineText } from '@pb/platform';
import { decideGrid, Grid } from '../../domain/grid/grid';
import { Grids } from '../../infrastructure/aggregates';
import { Caller } from '../shared/caller';
import { ID_MESSAGE, ID_PATTERN, lengthMessage, OptionalId } from '../shared/common.dto';

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

export class EstablishGridDto {
  @ApiPropertyOptional({ description: '网格编号；不填则自动生成' }) @OptionalId() gridId?: string;
  @ApiProperty({ description: '网格名称' }) @IsString({ message: 'name 须为字符串' }) @Length(1, 100, lengthMessage('name', 1, 100)) name!: string;
  @MultiLineText()
  @ApiPropertyOptional({ description: '范围说明', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'description 须为字符串' })
  @Length(1, 500, lengthMessage('description', 1, 500))
  description?: string | null;
  @ApiProperty({ description: '所在片区（商圈/园区/楼宇）编号' }) @Matches(ID_PATTERN, { message: ID_MESSAGE }) zoneId!: string;
}
