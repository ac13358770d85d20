import { EventDefinition } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Alliance } from '../../domain/alliance/alliance';
import { AllianceRepository } from '../../infrastructure/alliance/alliance.repository';
import { atVersion } from '../organization/at-version';

/** Load the alliance, let the domain decide, store the one event in the alliance's place. */
export async function changeAlliance<T>(
  repository: AllianceRepository,
  allianceId: string,
  definition: EventDefinition<T> & { type: string },
  decide: (state: Alliance | null) => T,
  expectedVersion: number | undefined,
  context: CommandContext,
): Promise<Alliance> {
  const loaded = await repository.load(allianceId);
  const data = decide(loaded.state);
  const alliance = loaded.state!;
  const { state } = await repository.save(
    atVersion(loaded, expectedVersion),
    { definition, data, jurisdiction: { districtId: alliance.districtId, zoneId: alliance.zoneId ?? '' } },
    context,
  );
  return state;
}
