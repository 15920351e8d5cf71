import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  reserveActionExecutePermission,
  reserveRunbookUpdatePermission,
  reserveWaiverCreatePermission,
} from '@kube-reserve/plugin-reserve-common';

/** Whether the user may make a change to the entity, and if not, why, in words. */
export interface EntityPermission {
  loading: boolean;
  allowed: boolean;
  /** Set when the change is denied. */
  deniedReason?: string;
}

/**
 * Asks the permission framework about a change permission on the entity, to disable its
 * buttons up front; the backend enforces the same permission regardless. `what` completes
 * the refusal: `Only the owners of checkout can <what>` (the entity's title when it has one).
 */
export function useEntityPermission(
  entity: Entity | CompoundEntityRef,
  // A resource permission on catalog entities, as every change permission of the plugin is.
  permission: typeof reserveActionExecutePermission,
  what: string,
): EntityPermission {
  const { loading, allowed } = usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  });
  return {
    loading,
    allowed,
    deniedReason:
      !loading && !allowed
        ? `Only the owners of ${
            ('metadata' in entity ? entity.metadata.title : undefined) ??
            humanizeEntityRef(entity, { defaultKind: 'component' })
          } can ${what}`
        : undefined,
  };
}

/** `reserve.action.execute` on the entity: its action buttons. */
export const useActionExecutePermission = (entity: CompoundEntityRef) =>
  useEntityPermission(entity, reserveActionExecutePermission, 'run actions');

/** `reserve.waiver.create` on the entity: its Waive and Revoke buttons. */
export const useWaiverPermission = (entity: CompoundEntityRef) =>
  useEntityPermission(entity, reserveWaiverCreatePermission, 'waive checks');

/** `reserve.runbook.update` on the entity: its runbook items' ticks. */
export const useRunbookTickPermission = (entity: Entity) =>
  useEntityPermission(entity, reserveRunbookUpdatePermission, 'tick items');
