import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ZoneDesignated } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { decideZoneDesignation, Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import { JurisdictionRepository } from '../../infrastructure/jurisdiction/jurisdiction.repository';
import { atVersion } from '../organization/at-version';

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
  constructor(private readonly jurisdictions: JurisdictionRepository) {}

  async execute({ zoneId, flags, expectedVersion, context }: DesignateZone): Promise<Jurisdiction> {
    const loaded = await this.jurisdictions.load(zoneId);
    const data = decideZoneDesignation(loaded.state, zoneId, flags);
    const zone = loaded.state!;
    const { state } = await this.jurisdictions.save(
      atVersion(loaded, expectedVersion),
      { definition: ZoneDesignated, data, jurisdiction: { districtId: zone.districtId ?? '', zoneId } },
      context,
    );
    return state;
  }
}
