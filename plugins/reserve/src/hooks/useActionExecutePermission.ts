import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { reserveActionExecutePermission } from '@kube-reserve/plugin-reserve-common';

/** Whether the user may run the entity's actions, and if not, why, in words. */
export interface ActionExecutePermission {
  loading: boolean;
  allowed: boolean;
  /** Set when running actions is denied. */
  deniedReason?: string;
}

/**
 * Asks the permission framework about `reserve.action.execute` on the entity, to disable action
 * buttons up front; the backend enforces the same permission on every run regardless.
 */
export function useActionExecutePermission(
  entity: CompoundEntityRef,
): ActionExecutePermission {
  const { loading, allowed } = usePermission({
    permission: reserveActionExecutePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return {
    loading,
    allowed,
    deniedReason:
      !loading && !allowed
        ? `Only the owners of ${humanizeEntityRef(entity, {
            defaultKind: 'component',
          })} can run actions`
        : undefined,
  };
}
