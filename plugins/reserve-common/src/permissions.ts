import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// All are resource permissions on catalog entities so that a permission policy can
// allow them to an entity's owners only (e.g. with the catalog's isEntityOwner rule).

/** Read an entity's reserve readiness report, runbooks and execution history. */
export const reserveReadinessReadPermission = createPermission({
  name: 'reserve.readiness.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Tick or untick a manual item of an entity's runbook. */
export const reserveRunbookUpdatePermission = createPermission({
  name: 'reserve.runbook.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Run a failover, drill or other action that changes an entity's clusters. */
export const reserveActionExecutePermission = createPermission({
  name: 'reserve.action.execute',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Waive a check of an entity (accept its risk until an expiry), or revoke a waiver. */
export const reserveWaiverCreatePermission = createPermission({
  name: 'reserve.waiver.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the Kube Reserve plugins, for the permissions registry. */
export const reservePermissions = [
  reserveReadinessReadPermission,
  reserveRunbookUpdatePermission,
  reserveActionExecutePermission,
  reserveWaiverCreatePermission,
];
