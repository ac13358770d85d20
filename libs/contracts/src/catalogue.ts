import { EventDefinition } from './event-definition';
import * as activities from './activities';
import * as enterprise from './enterprise';
import * as governance from './governance';
import * as membership from './membership';

type CatalogueEntry = EventDefinition & { type: string };

function definitionsOf(module: Record<string, unknown>): CatalogueEntry[] {
  return Object.values(module).filter((value): value is CatalogueEntry => typeof value === 'object' && value !== null && 'schema' in value && 'context' in value && 'type' in value);
}

/** Every public event type, the single source for validation, docs and analyst streams. */
export const EVENT_CATALOGUE: readonly CatalogueEntry[] = [...definitionsOf(membership), ...definitionsOf(activities), ...definitionsOf(governance), ...definitionsOf(enterprise)];

export function findDefinition(type: string): CatalogueEntry | undefined {
  return EVENT_CATALOGUE.find((d) => d.type === type);
}
