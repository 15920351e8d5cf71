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
import { CatalogMirror } from '../catalog/CatalogMirror';
import { HistoryStore } from '../database/HistoryStore';
import { WaiverStore } from '../database/WaiverStore';
import { ClusterOverview } from '../overview/ClusterOverview';
import { ReadinessService } from '../readiness/ReadinessService';

const CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';
const OWNER_BATCH = 100;
const OWNED_KINDS = ['Component', 'Resource'];
// How far back a row's movement looks.
const MOVEMENT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A group's rollup: one summary row per entity it owns (with its child groups' entities when
 * aggregated, as the org plugin's ownership card counts them) and the clusters it owns.
 * Groups and owned entities come from the catalog mirror while it is trusted, else from the
 * catalog with the caller's credentials.
 */
export class OwnershipService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      mirror?: Pick<CatalogMirror, 'get' | 'list'>;
      readiness: ReadinessService;
      clusters: ClusterOverview;
      /** Where each entity stood 30 days ago comes from its history, when given. */
      history?: Pick<HistoryStore, 'statesAt'>;
      /** Each entity's waivers in force, when given. */
      waivers?: Pick<WaiverStore, 'waiversInForce'>;
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
    // A group the mirror does not hold (yet) is read, with what it owns, from the catalog.
    const mirrored = this.options.mirror?.get(groupRef);
    const mirror = mirrored ? this.options.mirror : undefined;
    const group =
      mirrored ?? (await catalog.getEntityByRef(groupRef, { credentials }));
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
      ? await this.descendantGroups(group, mirror, credentials)
      : [stringifyEntityRef(group)];
    const owned = mirror
      ? ownedIn(mirror.list(OWNED_KINDS), owners)
      : await this.ownedEntities(owners, credentials);

    const clusters: OwnedCluster[] = owned
      .filter(isClusterResource)
      .map(entity => ({
        entityRef: stringifyEntityRef(entity),
        title: entity.metadata.title,
        owner: ownerOf(entity),
        summary: overview.get(entity.metadata.name),
      }));
    const components = owned.filter(entity => entity.kind === 'Component');
    const now = this.options.now?.() ?? new Date();
    const periodStart = new Date(now.getTime() - MOVEMENT_DAYS * DAY_MS);
    const refs = components.map(entity => stringifyEntityRef(entity));
    const [reports, then, waivers] = await Promise.all([
      readiness.reportsFor(components),
      this.options.history?.statesAt(refs, periodStart),
      this.options.waivers?.waiversInForce(refs, now),
    ]);
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
        const past = then?.get(row.entityRef);
        const accepted = waivers?.get(row.entityRef);
        return {
          ...row,
          ...(failover
            ? {
                failedOver: {
                  servingCluster: failover.servingCluster,
                  since: failover.since,
                },
              }
            : {}),
          ...(past
            ? {
                movement: {
                  days: MOVEMENT_DAYS,
                  score: past.score,
                  verdict: past.verdict,
                  since: new Date(
                    Math.max(Date.parse(past.at), periodStart.getTime()),
                  ).toISOString(),
                },
              }
            : {}),
          ...(accepted ? { waivers: accepted } : {}),
        };
      })
      .sort(
        (a, b) => a.score - b.score || a.entityRef.localeCompare(b.entityRef),
      );

    return {
      group: stringifyEntityRef(group),
      aggregate,
      entities,
      clusters,
      generatedAt: now.toISOString(),
    };
  }

  // The group and every group below it, each visited once even if the hierarchy has a cycle.
  private async descendantGroups(
    group: Entity,
    mirror: Pick<CatalogMirror, 'get'> | undefined,
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
      frontier = await this.groups(childRefs, mirror, credentials);
    }
    return [...seen];
  }

  private async groups(
    refs: string[],
    mirror: Pick<CatalogMirror, 'get'> | undefined,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const items = mirror
      ? refs.map(ref => mirror.get(ref))
      : (
          await this.options.catalog.getEntitiesByRefs(
            { entityRefs: refs },
            { credentials },
          )
        ).items;
    return items.filter((item): item is Entity => Boolean(item));
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
            kind: OWNED_KINDS,
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

// The entities owned by one of `owners`, as the catalog's `relations.ownedBy` filter finds them.
function ownedIn(entities: Entity[], owners: string[]): Entity[] {
  const wanted = new Set(owners.map(owner => owner.toLocaleLowerCase('en-US')));
  return entities.filter(entity =>
    getEntityRelations(entity, RELATION_OWNED_BY).some(ref =>
      wanted.has(stringifyEntityRef(ref).toLocaleLowerCase('en-US')),
    ),
  );
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
