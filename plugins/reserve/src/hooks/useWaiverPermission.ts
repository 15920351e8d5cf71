import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { reserveWaiverCreatePermission } from '@kube-reserve/plugin-reserve-common';

/** Whether the user may waive the entity's checks (and revoke waivers), and if not, why. */
export interface WaiverPermission {
  loading: boolean;
  allowed: boolean;
  /** Set when waiving is denied. */
  deniedReason?: string;
}

/**
 * Asks the permission framework about `reserve.waiver.create` on the entity, to disable the
 * Waive and Revoke buttons up front; the backend enforces the same permission regardless.
 */
export function useWaiverPermission(
  entity: CompoundEntityRef,
): WaiverPermission {
  const { loading, allowed } = usePermission({
    permission: reserveWaiverCreatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return {
    loading,
    allowed,
    deniedReason:
      !loading && !allowed
        ? `Only the owners of ${humanizeEntityRef(entity, {
            defaultKind: 'component',
          })} can waive checks`
        : undefined,
  };
}
