import { backupChecks } from './backupChecks';
import { CheckDefinition } from './definition';
import { parityChecks } from './parityChecks';
import { platformChecks } from './platformChecks';
import { topologyChecks } from './topologyChecks';
import { workloadChecks } from './workloadChecks';

/** Every check of Kube Reserve, in the order the entity page lists them. */
export const checkCatalogue = [
  ...topologyChecks,
  ...workloadChecks,
  ...parityChecks,
  ...backupChecks,
  ...platformChecks,
] as const;

/** Identifier of a check, e.g. `parity.cronjobs`. */
export type CheckId = (typeof checkCatalogue)[number]['id'];

const definitionsById = new Map<string, CheckDefinition<CheckId>>(
  checkCatalogue.map(definition => [definition.id, definition]),
);

/** Whether a string names a check of the catalogue. */
export function isCheckId(id: string): id is CheckId {
  return definitionsById.has(id);
}

/** The catalogue entry of a check; throws for an id the catalogue does not know. */
export function getCheckDefinition(id: CheckId): CheckDefinition<CheckId> {
  const definition = definitionsById.get(id);
  if (!definition) {
    throw new Error(`Unknown check id '${id}'`);
  }
  return definition;
}
