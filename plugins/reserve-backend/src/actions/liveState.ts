import { ClusterSideView } from '../readiness/EntityView';
import { EntitySelection } from '../readiness/entitySelection';
import { ClusterOperator, PlainObject } from './ClusterOperator';
import { apiVersionOf } from './planning/objectState';
import { SideState } from './planning/sideState';

const listedKinds = [
  ['deployments', 'Deployment'],
  ['statefulSets', 'StatefulSet'],
  ['cronJobs', 'CronJob'],
  ['horizontalPodAutoscalers', 'HorizontalPodAutoscaler'],
] as const;

/**
 * Reads the entity's objects on a cluster live: its workloads, CronJobs and autoscalers in its
 * namespaces (by the entity's selection), and the declared external services with their
 * Endpoints. Throws ClusterRequestError when the cluster does not answer.
 */
export async function readLiveSide(options: {
  operator: ClusterOperator;
  selection: EntitySelection;
  namespaces: string[];
  externalServices: string[];
}): Promise<SideState> {
  const { operator, selection, namespaces, externalServices } = options;
  const side: SideState = {
    cluster: operator.cluster,
    live: true,
    deployments: [],
    statefulSets: [],
    cronJobs: [],
    horizontalPodAutoscalers: [],
    services: [],
    endpoints: [],
  };
  for (const namespace of namespaces) {
    for (const [list, kind] of listedKinds) {
      const items = await operator.list(apiVersionOf[kind], kind, namespace);
      side[list].push(...items.filter(o => selection.owns(o, namespaces)));
    }
    for (const name of externalServices) {
      for (const kind of ['Service', 'Endpoints'] as const) {
        const object = await operator.read({
          apiVersion: 'v1',
          kind,
          namespace,
          name,
        });
        if (object) {
          (kind === 'Service' ? side.services : side.endpoints).push(object);
        }
      }
    }
  }
  return side;
}

const plain = (items: unknown[] | undefined): PlainObject[] =>
  JSON.parse(JSON.stringify(items ?? []));

/** A side from the last snapshot, for a primary that does not answer: values to aim for only. */
export function snapshotSide(
  side: ClusterSideView,
  problem: string,
): SideState {
  return {
    cluster: side.cluster.name,
    live: false,
    problem,
    deployments: plain(side.deployments),
    statefulSets: plain(side.statefulSets),
    cronJobs: plain(side.cronJobs),
    horizontalPodAutoscalers: plain(side.horizontalPodAutoscalers),
    services: plain(side.services),
    endpoints: plain(side.endpoints),
  };
}
