import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ZoneDesignated } from '@pb/contracts';
import { AggregateRepository, CommandContext, InjectAggregate } from '@pb/messaging';
import { decideZoneDesignation, Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { Jurisdictions } from '../../infrastructure/aggregates';

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
    const { state } = await this.jurisdictions.decideAndSave(
      zoneId,
      (loaded) => ({ definition: ZoneDesignated, data: decideZoneDesignation(loaded.state, zoneId, flags) }),
      context,
      { expectedVersion },
    );
    return state;
  }
}
