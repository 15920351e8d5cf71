import { KindListing } from '../clusters/ClusterSnapshot';
import { resourceOfKind } from '../view/EntityView';
import { EntitySelection } from '../view/entitySelection';
import {
  ClusterOperator,
  ClusterRequestError,
  PlainObject,
} from './ClusterOperator';
import { apiVersionOf } from './planning/objectState';
import { KindSource, SideKind, SideState } from './planning/sideState';

const listedKinds = [
  ['deployments', 'Deployment'],
  ['statefulSets', 'StatefulSet'],
  ['cronJobs', 'CronJob'],
  ['horizontalPodAutoscalers', 'HorizontalPodAutoscaler'],
] as const;

const namedKinds = [
  ['services', 'Service'],
  ['endpoints', 'Endpoints'],
] as const;

/** What reading a side needs: the cluster, the entity's objects, and the last listings. */
export interface SideReading {
  cluster: string;
  /** The cluster's operator connection (a rejection: the cluster cannot be acted on). */
  operator: () => Promise<ClusterOperator>;
  selection: EntitySelection;
  namespaces: string[];
  externalServices: string[];
  /** The collector's last good listing of a kind (`deployments`, `cronjobs`...), if any. */
  lastListing: (key: string) => KindListing | undefined;
  now: Date;
}

class DoesNotAnswer extends Error {}

/**
 * Reads the entity's objects on a cluster live, kind by kind: its workloads, CronJobs and
 * autoscalers in its namespaces (by the entity's selection), and the declared external
 * services with their Endpoints. A kind that fails (a 500, a 403) comes from the collector's
 * last listing of it, if there is one; a cluster that does not answer (unreachable, token
 * refused) is asked nothing more and every kind comes from its last listing. Only an error
 * that is no cluster's answer is thrown.
 */
export async function readSide(reading: SideReading): Promise<SideState> {
  const side: SideState = {
    cluster: reading.cluster,
    answers: true,
    notLive: {},
    deployments: [],
    statefulSets: [],
    cronJobs: [],
    horizontalPodAutoscalers: [],
    services: [],
    endpoints: [],
  };
  const failed = new Map<SideKind, string>();
  const attempt = async (kind: SideKind, read: () => Promise<void>) => {
    try {
      await read();
    } catch (error) {
      if (!(error instanceof ClusterRequestError)) throw error;
      const { reason, message } = error.failure;
      if (reason === 'unreachable' || reason === 'unauthorized') {
        side.answers = false;
        side.problem =
          reason === 'unauthorized'
            ? `the operator token is refused: ${message}`
            : message;
        throw new DoesNotAnswer();
      }
      failed.set(kind, message);
    }
  };
  try {
    const operator = await reading.operator();
    for (const [list, kind] of listedKinds) {
      await attempt(list, async () => {
        const found: PlainObject[] = [];
        for (const namespace of reading.namespaces) {
          const items = await operator.list(
            apiVersionOf[kind],
            kind,
            namespace,
          );
          found.push(
            ...items.filter(o => reading.selection.owns(o, reading.namespaces)),
          );
        }
        side[list] = found;
      });
    }
    for (const [list, kind] of namedKinds) {
      await attempt(list, async () => {
        const found: PlainObject[] = [];
        for (const namespace of reading.namespaces) {
          for (const name of reading.externalServices) {
            const object = await operator.read({
              apiVersion: 'v1',
              kind,
              namespace,
              name,
            });
            if (object) found.push(object);
          }
        }
        side[list] = found;
      });
    }
  } catch (error) {
    if (!(error instanceof DoesNotAnswer)) throw error;
  }
  const notLive: SideKind[] = side.answers
    ? [...failed.keys()]
    : [...listedKinds, ...namedKinds].map(([list]) => list);
  for (const list of notLive) {
    const problem = failed.get(list) ?? side.problem!;
    const { items, source } = lastKnown(reading, list, problem);
    side[list] = items;
    side.notLive[list] = source;
  }
  return side;
}

// The entity's objects of one kind in the collector's last listing of it, and its age.
function lastKnown(
  reading: SideReading,
  list: SideKind,
  problem: string,
): { items: PlainObject[]; source: KindSource } {
  const listing = reading.lastListing(resourceOfKind[list]);
  if (!listing) {
    return { items: [], source: { from: 'unknown', problem } };
  }
  const { namespaces, selection, externalServices } = reading;
  const named = namedKinds.some(([kind]) => kind === list);
  const items = (listing.items as PlainObject[]).filter(o =>
    named
      ? namespaces.includes(o.metadata?.namespace ?? '') &&
        externalServices.includes(o.metadata?.name ?? '')
      : selection.owns(o, namespaces),
  );
  return {
    items: JSON.parse(JSON.stringify(items)),
    source: {
      from: 'listing',
      problem,
      ageMs: Math.max(0, reading.now.getTime() - listing.fetchedAt.getTime()),
    },
  };
}
