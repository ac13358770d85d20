import { EventDefinition, personNamePaths, valuesAt } from '@pb/contracts';

/**
 * The names of people an event carries in its personal fields (党员、网格员、导师、诉求人、
 * 当事人、联系人…). They never reach an analyst topic; analyst-streams keeps them only to
 * find the same names in free text (case descriptions, minutes, reasons…) and scrub them.
 */
export function namesIn(definition: EventDefinition, data: unknown): string[] {
  const names = personNamePaths(definition)
    .flatMap((path) => valuesAt(data, path))
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim());
  return [...new Set(names)];
}
