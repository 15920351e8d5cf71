import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogMirror } from '../catalog/CatalogMirror';
import { EntityKinds } from '../view/entityKinds';

/** Where the entities that requests name are read. */
export interface EntitySource {
  catalog: CatalogService;
  /** The catalog mirror, when the plugin keeps one. */
  mirror?: Pick<CatalogMirror, 'get'>;
  kinds?: EntityKinds;
}

/**
 * The entity a request names, for `what` (`readiness`, `history`...): InputError when its kind
 * has no workloads; from the mirror, or else from the catalog with the caller's credentials;
 * NotFoundError when neither has it.
 */
export async function requestedEntity(
  source: EntitySource,
  ref: CompoundEntityRef,
  credentials: BackstageCredentials,
  what: string,
): Promise<Entity> {
  (source.kinds ?? new EntityKinds()).assertApplies(ref, what);
  const entity =
    source.mirror?.get(ref) ??
    (await source.catalog.getEntityByRef(ref, { credentials }));
  if (!entity) {
    throw new NotFoundError(
      `No entity ${stringifyEntityRef(ref)} in the catalog`,
    );
  }
  return entity;
}
