import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { BUILDING_KINDS, BuildingKind, BuildingRegistered } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { Building, BuildingRequest, decideBuildingRegistration } from '../../domain/building/building';
import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Buildings, Jurisdictions } from '../../infrastructure/aggregates';
import { ID_MESSAGE, ID_PATTERN } from '../shared/common.dto';

/** 楼宇、综合体登记 */
export class RegisterBuilding {
  constructor(
    readonly request: BuildingRequest,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterBuilding)
export class RegisterBuildingHandler implements ICommandHandler<RegisterBuilding, Building> {
  constructor(
    @InjectAggregate(Buildings) private readonly buildings: AggregateRepository<Building>,
    @InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>,
  ) {}

  async execute({ request, context }: RegisterBuilding): Promise<Building> {
    const zone = (await this.jurisdictions.load(request.zoneId)).state;
    const { state } = await this.buildings.decideAndSave(
      request.buildingId,
      (loaded) => ({ definition: BuildingRegistered, data: decideBuildingRegistration(loaded.state, zone, request) }),
      context,
    );
    return state;
  }
}

export class RegisterBuildingDto {
  @ApiPropertyOptional({ description: '楼宇编号；不填则自动生成', example: 'bld-wanda-plaza' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  buildingId?: string;

  @ApiProperty({ description: '楼宇或综合体名称', example: '万达广场' })
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiProperty({ enum: BUILDING_KINDS, description: '类型：楼宇 BUILDING 或综合体 COMPLEX' })
  @IsIn(BUILDING_KINDS, { message: `kind 必须是以下之一：${BUILDING_KINDS.join(', ')}（楼宇、综合体）` })
  kind!: BuildingKind;

  @ApiProperty({ description: '所在片区编号', example: 'zone-taibailou' })
  @Matches(ID_PATTERN, { message: 'zoneId 须为片区编号' })
  zoneId!: string;

  @ApiPropertyOptional({ description: '地址', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'address 须为字符串' })
  @Length(1, 200, { message: 'address 长度须在 1 到 200 之间' })
  address?: string | null;
}
