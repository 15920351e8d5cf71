import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { reserveReadinessReadPermission } from '@kube-reserve/plugin-reserve-common';
import { actorOf } from '../actions/actor';

type EntityPermission = ResourcePermission<'catalog-entity'>;

/**
 * The permission decisions of the authorized services. A caller who may not read an entity's
 * readiness learns nothing about it: the refusal is the NotFoundError a missing entity gets.
 * A caller who may read it but not change it gets a NotAllowedError, and an audit line.
 */
export class EntityAuthorizer {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      auditor: AuditorService;
    },
  ) {}

  /** Throws `notFound` unless the caller may read the entity's readiness. */
  async authorizeRead(
    entityRef: string,
    credentials: BackstageCredentials,
    notFound: () => NotFoundError,
  ): Promise<void> {
    const [read] = await this.allowed(credentials, [
      { permission: reserveReadinessReadPermission, resourceRef: entityRef },
    ]);
    if (!read) throw notFound();
  }

  /**
   * Throws `notFound` unless the caller may read the entity's readiness, and NotAllowedError
   * (audited) unless they may also make the change `permission` guards.
   */
  async authorizeChange(
    permission: EntityPermission,
    entityRef: string,
    credentials: BackstageCredentials,
    notFound: () => NotFoundError,
  ): Promise<void> {
    const [read, change] = await this.allowed(credentials, [
      { permission: reserveReadinessReadPermission, resourceRef: entityRef },
      { permission, resourceRef: entityRef },
    ]);
    if (!read) throw notFound();
    if (!change) {
      const error = new NotAllowedError(
        `Not allowed to ${permission.name} on ${entityRef}`,
      );
      const event = await this.options.auditor.createEvent({
        eventId: 'permission-refused',
        severityLevel: 'medium',
        meta: {
          actor: actorOf(credentials),
          permission: permission.name,
          entityRef,
        },
      });
      await event.fail({ error });
      throw error;
    }
  }

  /** Whether the caller may read each entity's readiness, in one batch. */
  readable(
    entityRefs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    return this.allowed(
      credentials,
      entityRefs.map(resourceRef => ({
        permission: reserveReadinessReadPermission,
        resourceRef,
      })),
    );
  }

  private async allowed(
    credentials: BackstageCredentials,
    requests: { permission: EntityPermission; resourceRef: string }[],
  ): Promise<boolean[]> {
    if (requests.length === 0) return [];
    const decisions = await this.options.permissions.authorize(requests, {
      credentials,
    });
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }
}

/** What a missing entity answers; a refused read answers the same. */
export function noEntity(entityRef: string): () => NotFoundError {
  return () => new NotFoundError(`No entity ${entityRef} in the catalog`);
}
