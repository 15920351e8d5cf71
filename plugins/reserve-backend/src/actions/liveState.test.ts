import { ActionObjectRef } from '@kube-reserve/plugin-reserve-common';
import { KindListing } from '../clusters/ClusterSnapshot';
import { ClusterRequestFailure } from '../clusters/ClusterConnection';
import { selectEntityObjects } from '../view/entitySelection';
import {
  ClusterOperator,
  ClusterRequestError,
  PlainObject,
} from './ClusterOperator';
import { SideReading, readSide } from './liveState';

const now = new Date('2026-12-06T14:20:00Z');

const labelled = (name: string, spec: object = {}): PlainObject => ({
  metadata: {
    name,
    namespace: 'shop',
    labels: { 'backstage.io/kubernetes-id': 'shop' },
  },
  spec,
});
const db: PlainObject = {
  metadata: { name: 'db', namespace: 'shop' },
  spec: { type: 'ExternalName', externalName: 'pg.fra1.internal' },
};

// A cluster holding the shop's objects, answering each kind as told.
function cluster(answers: Partial<Record<string, ClusterRequestFailure>>) {
  const objects: Record<string, PlainObject[]> = {
    Deployment: [labelled('shop', { replicas: 6 }), labelled('other-team')],
    StatefulSet: [],
    CronJob: [labelled('shop-reminder', { suspend: false })],
    HorizontalPodAutoscaler: [labelled('shop', { minReplicas: 6 })],
    Service: [db],
    Endpoints: [],
  };
  objects.Deployment[1].metadata!.labels = { app: 'other' };
  const requests: string[] = [];
  const answer = <T>(kind: string, value: () => T): T => {
    requests.push(kind);
    const failure = answers[kind];
    if (failure)
      throw new ClusterRequestError('prod', failure, `listing ${kind}`);
    return value();
  };
  const operator = {
    cluster: 'prod',
    list: async (_apiVersion: string, kind: string) =>
      answer(kind, () => objects[kind]),
    read: async (ref: ActionObjectRef) =>
      answer(ref.kind, () =>
        objects[ref.kind].find(o => o.metadata?.name === ref.name),
      ),
  } as unknown as ClusterOperator;
  return { operator, requests };
}

const listing = (items: PlainObject[], ageMs: number): KindListing => ({
  items,
  fetchedAt: new Date(now.getTime() - ageMs),
});

function reading(
  operator: ClusterOperator,
  listings: Record<string, KindListing> = {},
): SideReading {
  return {
    cluster: 'prod',
    operator: async () => operator,
    selection: selectEntityObjects({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'shop' },
    }),
    namespaces: ['shop'],
    externalServices: ['db'],
    lastListing: key => listings[key],
    now,
  };
}

describe('readSide', () => {
  it('reads every kind of the entity live from a cluster that answers', async () => {
    const { operator } = cluster({});
    const side = await readSide(reading(operator));
    expect(side).toMatchObject({ cluster: 'prod', answers: true, notLive: {} });
    expect(side.deployments.map(d => d.metadata?.name)).toEqual(['shop']);
    expect(side.cronJobs.map(c => c.metadata?.name)).toEqual(['shop-reminder']);
    expect(side.services).toEqual([db]);
  });

  it('takes a kind that answers 500 from its last listing, with its age, and the others live', async () => {
    const failure = { reason: 'failed' as const, message: 'etcd timed out' };
    const { operator } = cluster({ Deployment: failure });
    const side = await readSide(
      reading(operator, {
        deployments: listing(
          [
            labelled('shop', { replicas: 5 }),
            { metadata: { name: 'unrelated', namespace: 'shop' } },
          ],
          12_000,
        ),
      }),
    );
    expect(side.answers).toBe(true);
    expect(side.notLive).toEqual({
      deployments: {
        from: 'listing',
        problem: 'etcd timed out',
        ageMs: 12_000,
      },
    });
    expect(side.deployments).toEqual([labelled('shop', { replicas: 5 })]);
    expect(side.cronJobs.map(c => c.metadata?.name)).toEqual(['shop-reminder']);
  });

  it('knows nothing of a kind that is forbidden and was never listed', async () => {
    const { operator } = cluster({
      CronJob: { reason: 'forbidden', message: 'cronjobs.batch is forbidden' },
    });
    const side = await readSide(reading(operator));
    expect(side.notLive).toEqual({
      cronJobs: { from: 'unknown', problem: 'cronjobs.batch is forbidden' },
    });
    expect(side.cronJobs).toEqual([]);
    expect(side.deployments).toHaveLength(1);
  });

  it('asks a cluster that does not answer nothing more, and takes every kind from its last listings', async () => {
    const refused = {
      reason: 'unreachable' as const,
      message: 'connect ECONNREFUSED 10.0.0.1:6443',
    };
    const { operator, requests } = cluster({
      Deployment: refused,
      CronJob: refused,
      Service: refused,
    });
    const side = await readSide(
      reading(operator, {
        deployments: listing([labelled('shop', { replicas: 6 })], 180_000),
        services: listing(
          [db, { metadata: { name: 'db', namespace: 'x' } }],
          180_000,
        ),
      }),
    );
    expect(requests).toEqual(['Deployment']);
    expect(side).toMatchObject({
      answers: false,
      problem: 'connect ECONNREFUSED 10.0.0.1:6443',
    });
    expect(side.deployments).toEqual([labelled('shop', { replicas: 6 })]);
    expect(side.services).toEqual([db]);
    const problem = refused.message;
    expect(side.notLive).toEqual({
      deployments: { from: 'listing', problem, ageMs: 180_000 },
      statefulSets: { from: 'unknown', problem },
      cronJobs: { from: 'unknown', problem },
      horizontalPodAutoscalers: { from: 'unknown', problem },
      services: { from: 'listing', problem, ageMs: 180_000 },
      endpoints: { from: 'unknown', problem },
    });
  });

  it('says a refused operator token is why the cluster does not answer', async () => {
    const { operator } = cluster({
      Deployment: { reason: 'unauthorized', message: 'Unauthorized' },
    });
    const side = await readSide(reading(operator));
    expect(side.answers).toBe(false);
    expect(side.problem).toBe('the operator token is refused: Unauthorized');
  });

  it('throws what is no cluster answer', async () => {
    const operator = {
      list: async () => {
        throw new TypeError('a bug');
      },
    } as unknown as ClusterOperator;
    await expect(readSide(reading(operator))).rejects.toThrow('a bug');
  });
});
