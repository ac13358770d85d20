import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { JURISDICTION_LEVELS, JurisdictionLevel, JurisdictionRegistered, ZONE_KINDS, ZoneKind } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideJurisdictionRegistration, Jurisdiction, JurisdictionRequest } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';
import { IsId } from '../shared/common.dto';

export class RegisterJurisdiction {
  constructor(
    readonly request: JurisdictionRequest,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterJurisdiction)
export class RegisterJurisdictionHandler implements ICommandHandler<RegisterJurisdiction, Jurisdiction> {
  constructor(@InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>) {}

  async execute({ request, context }: RegisterJurisdiction): Promise<Jurisdiction> {
    const parent = request.parentId ? (await this.jurisdictions.load(request.parentId)).state : null;
    const { state } = await this.jurisdictions.decideAndSave(
      request.jurisdictionId,
      (loaded) => ({ definition: JurisdictionRegistered, data: decideJurisdictionRegistration(loaded.state, parent, request) }),
      context,
    );
    return state;
  }
}

export class RegisterJurisdictionDto {
  @ApiProperty({ description: '辖区编号（全市唯一）', example: 'zone-taibailou' })
  @IsId()
  jurisdictionId!: string;

  @ApiProperty({ enum: JURISDICTION_LEVELS, description: '层级：市、区县、街道、片区' })
  @IsIn(JURISDICTION_LEVELS, { message: `level 必须是以下之一：${JURISDICTION_LEVELS.join(', ')}` })
  level!: JurisdictionLevel;

  @ApiProperty({ description: '名称', example: '太白楼路商圈' })
  @IsString({ message: 'name 须为文字' })
  @Length(1, 100, { message: 'name 长度须在 1 到 100 之间' })
  name!: string;

  @ApiPropertyOptional({ description: '上级辖区编号（市级不填）', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsId()
  parentId?: string | null;

  @ApiPropertyOptional({ enum: ZONE_KINDS, description: '片区类型（仅片区）：商圈、园区、楼宇', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(ZONE_KINDS, { message: `zoneKind 必须是以下之一：${ZONE_KINDS.join(', ')}` })
  zoneKind?: ZoneKind | null;
}
