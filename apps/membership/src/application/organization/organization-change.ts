import { EventDefinition } from '@pb/contracts';
import { CommandContext } from '@pb/messaging';
import { Organization } from '../../domain/organization/organization';
import { OrganizationRepository } from '../../infrastructure/organization/organization.repository';
import { atVersion } from './at-version';

/**
 * The shape every change of an existing organization shares: load, let the
 * domain decide, store the one event in the organization's place.
 */
export async function changeOrganization<T>(
  repository: OrganizationRepository,
  organizationId: string,
  definition: EventDefinition<T> & { type: string },
  decide: (state: Organization | null) => T,
  expectedVersion: number | undefined,
  context: CommandContext,
): Promise<Organization> {
  const loaded = await repository.load(organizationId);
  const data = decide(loaded.state);
  const org = loaded.state!;
  const { state } = await repository.save(atVersion(loaded, expectedVersion), { definition, data, jurisdiction: { districtId: org.districtId, zoneId: org.zoneId ?? '' } }, context);
  return state;
}
