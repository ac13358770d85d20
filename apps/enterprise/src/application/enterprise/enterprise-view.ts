import { EnterprisePartyFigures } from '@pb/membership-reference';
import { Snapshot } from '@pb/messaging';
import type { Enterprise } from '../../domain/enterprise/enterprise';

export type EnterpriseView = Enterprise & { version: number } & EnterprisePartyFigures;

export const HIDDEN = { lastEventAt: 0 } as const;

export function withFigures(rows: Snapshot<Enterprise>[], figures: Map<string, EnterprisePartyFigures>): EnterpriseView[] {
  // Snapshots written before buildings lack `buildingId`: none, until the enterprise's next event.
  return rows.map(({ _id, lastEventAt: _l, ...rest }) => ({ ...rest, buildingId: rest.buildingId ?? null, ...figures.get(_id)! }));
}
