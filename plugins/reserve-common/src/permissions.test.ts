import {
  reserveActionExecutePermission,
  reservePermissions,
  reserveReadinessReadPermission,
  reserveRunbookUpdatePermission,
  reserveWaiverCreatePermission,
} from './permissions';

describe('reserve permissions', () => {
  it('are resource permissions on catalog entities, so a policy can allow owners only', () => {
    expect(
      reservePermissions.map(p => [
        p.name,
        p.attributes.action,
        p.type,
        p.resourceType,
      ]),
    ).toEqual([
      ['reserve.readiness.read', 'read', 'resource', 'catalog-entity'],
      ['reserve.runbook.update', 'update', 'resource', 'catalog-entity'],
      ['reserve.action.execute', 'update', 'resource', 'catalog-entity'],
      ['reserve.waiver.create', 'create', 'resource', 'catalog-entity'],
    ]);
    expect(reservePermissions).toEqual([
      reserveReadinessReadPermission,
      reserveRunbookUpdatePermission,
      reserveActionExecutePermission,
      reserveWaiverCreatePermission,
    ]);
  });
});
