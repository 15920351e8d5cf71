import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityHistory } from '@kube-reserve/plugin-reserve-common';
import { CatalogMirror } from '../catalog/CatalogMirror';
import { HistoryStore } from '../database/HistoryStore';
import { EntityKinds } from '../view/entityKinds';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An entity's recorded readiness changes, for `GET .../history`. */
export class ReadinessHistory {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      mirror?: Pick<CatalogMirror, 'get'>;
      store: HistoryStore;
      kinds?: EntityKinds;
      now?: () => Date;
    },
  ) {}

  /**
   * The entity's changes over the last `days`; NotFoundError when the caller cannot see it,
   * InputError when its kind has no workloads.
   */
  async getEntityHistory(
    ref: CompoundEntityRef,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<EntityHistory> {
    const { catalog, mirror, store } = this.options;
    (this.options.kinds ?? new EntityKinds()).assertApplies(ref, 'history');
    const entity =
      mirror?.get(ref) ?? (await catalog.getEntityByRef(ref, { credentials }));
    if (!entity) {
      throw new NotFoundError(
        `No entity ${stringifyEntityRef(ref)} in the catalog`,
      );
    }
    const entityRef = stringifyEntityRef(entity);
    const now = this.options.now?.() ?? new Date();
    const [changes, notReady] = await Promise.all([
      store.listChanges(entityRef, new Date(now.getTime() - days * DAY_MS)),
      store.notReadySince(entityRef),
    ]);
    return {
      entityRef,
      days,
      changes,
      ...(notReady
        ? {
            notReadySince: notReady.since,
            notReadySinceComplete: notReady.complete,
          }
        : {}),
      generatedAt: now.toISOString(),
    };
  }
}
