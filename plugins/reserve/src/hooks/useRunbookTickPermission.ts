import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { reserveRunbookUpdatePermission } from '@kube-reserve/plugin-reserve-common';

/** Whether the user may tick the entity's runbook items, and if not, why, in words. */
export interface RunbookTickPermission {
  loading: boolean;
  allowed: boolean;
  /** Set when ticking is denied. */
  deniedReason?: string;
}

/**
 * Asks the permission framework about `reserve.runbook.update` on the entity, to disable tick
 * controls up front; the backend enforces the same permission on every tick regardless.
 */
export function useRunbookTickPermission(
  entity: Entity,
): RunbookTickPermission {
  const { loading, allowed } = usePermission({
    permission: reserveRunbookUpdatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return {
    loading,
    allowed,
    deniedReason:
      !loading && !allowed
        ? `Only the owners of ${
            entity.metadata.title ??
            humanizeEntityRef(entity, { defaultKind: 'component' })
          } can tick items`
        : undefined,
  };
}
