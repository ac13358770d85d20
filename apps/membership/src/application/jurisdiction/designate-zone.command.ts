import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { ZoneDesignated } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideZoneDesignation, Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';
import { ExpectedVersionDto } from '../shared/common.dto';

export class DesignateZone {
  constructor(
    readonly zoneId: string,
    readonly flags: { surveyed?: boolean; pilot?: boolean; demonstration?: boolean },
    readonly expectedVersion: number | undefined,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DesignateZone)
export class DesignateZoneHandler implements ICommandHandler<DesignateZone, Jurisdiction> {
  constructor(@InjectAggregate(Jurisdictions) private readonly jurisdictions: AggregateRepository<Jurisdiction>) {}

  async execute({ zoneId, flags, expectedVersion, context }: DesignateZone): Promise<Jurisdiction> {
    const { state } = await this.jurisdictions.decideAndSave(zoneId, (loaded) => ({ definition: ZoneDesignated, data: decideZoneDesignation(loaded.state, zoneId, flags) }), context, {
      expectedVersion,
    });
    return state;
  }
}

export class DesignateZoneDto extends ExpectedVersionDto {
  @ApiPropertyOptional({ description: '已摸排' })
  @IsOptional()
  @IsBoolean({ message: 'surveyed 须为 true 或 false' })
  surveyed?: boolean;

  @ApiPropertyOptional({ description: '试点' })
  @IsOptional()
  @IsBoolean({ message: 'pilot 须为 true 或 false' })
  pilot?: boolean;

  @ApiPropertyOptional({ description: '示范点' })
  @IsOptional()
  @IsBoolean({ message: 'demonstration 须为 true 或 false' })
  demonstration?: boolean;
}
