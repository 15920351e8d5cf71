import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OwnedCluster,
  OwnershipResponse,
  summarizeReport,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterOverview } from '../overview/ClusterOverview';
import { ReadinessService } from '../readiness/ReadinessService';

const CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';
const OWNER_BATCH = 100;

/**
 * A group's rollup: one summary row per entity it owns (with its child groups' entities when
 * aggregated, as the org plugin's ownership card counts them) and the clusters it owns.
 */
export class OwnershipService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      readiness: ReadinessService;
      clusters: ClusterOverview;
      now?: () => Date;
    },
  ) {}

  /** The rollup of one group; NotFoundError for an unknown group, InputError for a non-group. */
  async getOwnership(
    groupRef: CompoundEntityRef,
    aggregate: boolean,
    credentials: BackstageCredentials,
  ): Promise<OwnershipResponse> {
    const { catalog, readiness, clusters: overview } = this.options;
    const group = await catalog.getEntityByRef(groupRef, { credentials });
    if (!group) {
      throw new NotFoundError(
        `No group ${stringifyEntityRef(groupRef)} in the catalog`,
      );
    }
    if (group.kind.toLowerCase() !== 'group') {
      throw new InputError(
        `group must refer to a Group, but ${stringifyEntityRef(group)} is a ${
          group.kind
        }`,
      );
    }
    const owners = aggregate
      ? await this.descendantGroups(group, credentials)
      : [stringifyEntityRef(group)];
    const owned = await this.ownedEntities(owners, credentials);

    const clusters: OwnedCluster[] = owned
      .filter(isClusterResource)
      .map(entity => ({
        entityRef: stringifyEntityRef(entity),
        title: entity.metadata.title,
        owner: ownerOf(entity),
        summary: overview.get(entity.metadata.name),
      }));
    const components = owned.filter(entity => entity.kind === 'Component');
    const reports = await readiness.reportsFor(components);
    const entities = components
      .map((entity, i) => {
        const row = summarizeReport(
          {
            entityRef: stringifyEntityRef(entity),
            kind: entity.kind,
            title: entity.metadata.title,
          },
          ownerOf(entity),
          reports[i],
        );
        const { failover } = reports[i];
        return failover
          ? {
              ...row,
              failedOver: {
                servingCluster: failover.servingCluster,
                since: failover.since,
              },
            }
          : row;
      })
      .sort(
        (a, b) => a.score - b.score || a.entityRef.localeCompare(b.entityRef),
      );

    return {
      group: stringifyEntityRef(group),
      aggregate,
      entities,
      clusters,
      generatedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
  }

  // The group and every group below it, each visited once even if the hierarchy has a cycle.
  private async descendantGroups(
    group: Entity,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const seen = new Set([stringifyEntityRef(group)]);
    let frontier = [group];
    while (frontier.length > 0) {
      const childRefs = frontier
        .flatMap(g =>
          getEntityRelations(g, RELATION_PARENT_OF, { kind: 'group' }),
        )
        .map(ref => stringifyEntityRef(ref))
        .filter(ref => !seen.has(ref));
      childRefs.forEach(ref => seen.add(ref));
      if (childRefs.length === 0) break;
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: childRefs },
        { credentials },
      );
      frontier = items.filter((item): item is Entity => Boolean(item));
    }
    return [...seen];
  }

  private async ownedEntities(
    owners: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const byRef = new Map<string, Entity>();
    for (let i = 0; i < owners.length; i += OWNER_BATCH) {
      const { items } = await this.options.catalog.getEntities(
        {
          filter: {
            kind: ['Component', 'Resource'],
            'relations.ownedBy': owners.slice(i, i + OWNER_BATCH),
          },
        },
        { credentials },
      );
      items.forEach(item => byRef.set(stringifyEntityRef(item), item));
    }
    return [...byRef.values()];
  }
}

function isClusterResource(entity: Entity): boolean {
  return (
    entity.kind === 'Resource' && entity.spec?.type === CLUSTER_RESOURCE_TYPE
  );
}

function ownerOf(entity: Entity): string {
  const [owner] = getEntityRelations(entity, RELATION_OWNED_BY);
  return owner ? stringifyEntityRef(owner) : String(entity.spec?.owner ?? '');
}

function getEntityRelations(
  entity: Entity,
  type: string,
  filter?: { kind: string },
): CompoundEntityRef[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => parseEntityRef(relation.targetRef))
    .filter(ref => !filter || ref.kind.toLowerCase() === filter.kind);
}
