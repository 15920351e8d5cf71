import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { OwnerWritesPolicy } from './permissionPolicy';

const guest = {
  credentials: mockCredentials.user('user:default/guest'),
  info: {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-payments'],
  },
};

const entityUpdate = createPermission({
  name: 'reserve.action.execute',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

describe('OwnerWritesPolicy', () => {
  const policy = new OwnerWritesPolicy(
    mockServices.userInfo({
      ownershipEntityRefs: guest.info.ownershipEntityRefs,
    }),
  );

  it('lets everyone read', async () => {
    const read = createPermission({
      name: 'reserve.readiness.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    await expect(policy.handle({ permission: read }, guest)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('allows a change to an entity only to its owners', async () => {
    const decision = await policy.handle({ permission: entityUpdate }, guest);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: {
          claims: ['user:default/guest', 'group:default/team-payments'],
        },
      },
    });
  });

  it('refuses a change to an entity when nobody is signed in', async () => {
    await expect(policy.handle({ permission: entityUpdate })).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
