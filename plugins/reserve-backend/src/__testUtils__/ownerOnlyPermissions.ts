import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** The user the test permissions let change things. */
export const owner = 'user:default/owner';
/** A signed-in user who may read but not change anything. */
export const intruder = 'user:default/intruder';

/** Reads for everyone, changes for {@link owner} only: the shape of the demo's owner-only policy. */
export const ownerOnlyPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(requests, options) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(({ permission }) => ({
        result:
          permission.attributes.action === 'read' || user === owner
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});

/** A signed-in user whom {@link denyCheckoutToOutsider} denies readiness of checkout, and nothing else to read. */
export const outsider = 'user:default/outsider';

/**
 * The owner-only policy, plus one denial: `reserve.readiness.read` on checkout for the
 * {@link outsider}. The resource refs the plugin asks about are what the policy sees.
 */
export const denyCheckoutToOutsider = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(requests, options) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(request => {
        const { permission } = request;
        const resourceRef =
          'resourceRef' in request ? request.resourceRef : undefined;
        if (permission.name === 'reserve.readiness.read') {
          return {
            result:
              user === outsider && resourceRef === 'component:default/checkout'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          };
        }
        return {
          result:
            permission.attributes.action === 'read' || user === owner
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      });
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});
