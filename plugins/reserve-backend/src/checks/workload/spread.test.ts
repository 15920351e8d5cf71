import type {
  V1PodAffinityTerm,
  V1TopologySpreadConstraint,
} from '@kubernetes/client-node';
import {
  aDeployment,
  aNode,
  aPrimary,
  aStatefulSet,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkSpread } from './spread';

const zoneSpread = {
  maxSkew: 1,
  topologyKey: 'topology.kubernetes.io/zone',
  whenUnsatisfiable: 'ScheduleAnyway',
  labelSelector: { matchLabels: { app: 'api' } },
};
const oneZone = [aNode('fra-w-1', 'fra1-a'), aNode('fra-w-2', 'fra1-a')];
const twoZones = [aNode('fra-w-1', 'fra1-a'), aNode('fra-w-2', 'fra1-b')];

const hostname = 'kubernetes.io/hostname';

/** The ZooKeeper ensemble of the Kubernetes docs: pods labelled app.kubernetes.io/name=zk. */
const zkWith = (podSpec: object) => {
  const zk = aStatefulSet('zk', {
    namespace: 'zk',
    replicas: 3,
    podSpec: { topologySpreadConstraints: [], ...podSpec },
  });
  zk.spec!.template.metadata = { labels: { 'app.kubernetes.io/name': 'zk' } };
  return zk;
};
const zkAntiAffinity = (term: Partial<V1PodAffinityTerm>) =>
  zkWith({
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { topologyKey: hostname, ...term },
        ],
      },
    },
  });
const zkSpread = (constraint: Partial<V1TopologySpreadConstraint>) =>
  zkWith({
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: hostname,
        whenUnsatisfiable: 'DoNotSchedule',
        ...constraint,
      },
    ],
  });
const ownPods = { matchLabels: { 'app.kubernetes.io/name': 'zk' } };
const spreadOf = (statefulSet: ReturnType<typeof zkWith>) =>
  checkSpread(
    anEntityView({
      primary: aPrimary({ statefulSets: [statefulSet], nodes: oneZone }),
    }),
  );

describe('workload.spread', () => {
  it('passes pods spread across nodes when all nodes share one zone', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api')],
      nodes: oneZone,
    });
    expect(checkSpread(anEntityView({ primary })).state).toBe('pass');
  });

  it('passes pods spread across nodes and zones', () => {
    const deployment = aDeployment('api');
    deployment.spec!.template.spec!.topologySpreadConstraints!.push(zoneSpread);
    const primary = aPrimary({ deployments: [deployment], nodes: twoZones });
    expect(checkSpread(anEntityView({ primary })).state).toBe('pass');
  });

  it('passes a podAntiAffinity on the hostname', () => {
    const deployment = aDeployment('api', {
      podSpec: {
        topologySpreadConstraints: [],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                topologyKey: 'kubernetes.io/hostname',
                labelSelector: { matchLabels: { app: 'api' } },
              },
            ],
          },
        },
      },
    });
    const primary = aPrimary({ deployments: [deployment], nodes: oneZone });
    expect(checkSpread(anEntityView({ primary })).state).toBe('pass');
  });

  it('fails ZooKeeper whose podAntiAffinity selects app=zk while its pods carry app.kubernetes.io/name=zk', () => {
    const result = spreadOf(
      zkAntiAffinity({
        labelSelector: {
          matchExpressions: [{ key: 'app', operator: 'In', values: ['zk'] }],
        },
      }),
    );
    expect(result).toMatchObject({
      state: 'fail',
      message:
        'StatefulSet zk/zk on prod-fra is not spread across nodes: podAntiAffinity on kubernetes.io/hostname selects app=zk, not the pods of StatefulSet zk/zk',
    });
  });

  it('passes a podAntiAffinity that selects the workload\u2019s own pods', () => {
    expect(spreadOf(zkAntiAffinity({ labelSelector: ownPods })).state).toBe(
      'pass',
    );
  });

  it('passes a preferred podAntiAffinity that selects the workload\u2019s own pods', () => {
    const zk = zkWith({
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                topologyKey: hostname,
                labelSelector: ownPods,
              },
            },
          ],
        },
      },
    });
    expect(spreadOf(zk).state).toBe('pass');
  });

  it('fails a preferred podAntiAffinity that selects another app\u2019s pods', () => {
    const zk = zkWith({
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                topologyKey: hostname,
                labelSelector: { matchLabels: { app: 'zk-other' } },
              },
            },
          ],
        },
      },
    });
    expect(spreadOf(zk).message).toContain(
      'podAntiAffinity on kubernetes.io/hostname selects app=zk-other, not the pods of StatefulSet zk/zk',
    );
  });

  it('fails a podAntiAffinity without a labelSelector, which selects no pods', () => {
    const result = spreadOf(zkAntiAffinity({}));
    expect(result.state).toBe('fail');
    expect(result.message).toContain(
      'podAntiAffinity on kubernetes.io/hostname has no labelSelector, so it selects no pods',
    );
  });

  it('fails a podAntiAffinity that looks only at other namespaces', () => {
    const result = spreadOf(
      zkAntiAffinity({ labelSelector: ownPods, namespaces: ['kafka'] }),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain(
      'podAntiAffinity on kubernetes.io/hostname looks at namespaces kafka, not zk, where StatefulSet zk/zk runs',
    );
  });

  it('passes a podAntiAffinity that lists the workload\u2019s namespace', () => {
    expect(
      spreadOf(
        zkAntiAffinity({ labelSelector: ownPods, namespaces: ['kafka', 'zk'] }),
      ).state,
    ).toBe('pass');
  });

  it('passes a podAntiAffinity whose empty namespaceSelector takes every namespace', () => {
    expect(
      spreadOf(
        zkAntiAffinity({
          labelSelector: ownPods,
          namespaces: ['kafka'],
          namespaceSelector: {},
        }),
      ).state,
    ).toBe('pass');
  });

  it('does not count a podAntiAffinity that picks namespaces by labels Kube Reserve cannot read', () => {
    const result = spreadOf(
      zkAntiAffinity({
        labelSelector: ownPods,
        namespaceSelector: { matchLabels: { team: 'data' } },
      }),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain(
      'picks namespaces by labels, which Kube Reserve cannot read, and does not list zk',
    );
  });

  it('counts a podAntiAffinity picking namespaces by labels when it also lists the workload\u2019s', () => {
    expect(
      spreadOf(
        zkAntiAffinity({
          labelSelector: ownPods,
          namespaces: ['zk'],
          namespaceSelector: { matchLabels: { team: 'data' } },
        }),
      ).state,
    ).toBe('pass');
  });

  it('does not count a podAntiAffinity whose mismatchLabelKeys exclude the workload\u2019s own pods', () => {
    expect(
      spreadOf(
        zkAntiAffinity({
          labelSelector: ownPods,
          mismatchLabelKeys: ['app.kubernetes.io/name'],
        }),
      ).message,
    ).toContain(
      'selects app.kubernetes.io/name=zk,app.kubernetes.io/name!=zk, not the pods',
    );
  });

  it('fails a topologySpreadConstraint that selects another app\u2019s pods', () => {
    const result = spreadOf(
      zkSpread({ labelSelector: { matchLabels: { app: 'kafka' } } }),
    );
    expect(result.message).toBe(
      'StatefulSet zk/zk on prod-fra is not spread across nodes: topologySpreadConstraint on kubernetes.io/hostname selects app=kafka, not the pods of StatefulSet zk/zk',
    );
  });

  it('fails a topologySpreadConstraint without a labelSelector, which counts no pods', () => {
    expect(
      spreadOf(zkSpread({ matchLabelKeys: ['app.kubernetes.io/name'] }))
        .message,
    ).toContain(
      'topologySpreadConstraint on kubernetes.io/hostname has no labelSelector, so it selects no pods',
    );
  });

  it('passes a topologySpreadConstraint whose matchLabelKeys add the pods\u2019 own values', () => {
    expect(
      spreadOf(
        zkSpread({
          labelSelector: {
            matchExpressions: [
              { key: 'app.kubernetes.io/name', operator: 'Exists' },
            ],
          },
          matchLabelKeys: ['app.kubernetes.io/name', 'pod-template-hash'],
        }),
      ).state,
    ).toBe('pass');
  });

  it('says why a zone rule does not count when nodes span zones', () => {
    const deployment = aDeployment('api');
    deployment.spec!.template.spec!.topologySpreadConstraints!.push({
      ...zoneSpread,
      labelSelector: { matchLabels: { app: 'web' } },
    });
    const result = checkSpread(
      anEntityView({
        primary: aPrimary({ deployments: [deployment], nodes: twoZones }),
      }),
    );
    expect(result).toMatchObject({
      state: 'warn',
      message:
        'Deployment shop/api on prod-fra is not spread across zones although its nodes span fra1-a, fra1-b: topologySpreadConstraint on topology.kubernetes.io/zone selects app=web, not the pods of Deployment shop/api',
    });
  });

  it('warns when nodes span zones but the pods are not spread over them', () => {
    const primary = aPrimary({
      deployments: [aDeployment('api')],
      nodes: twoZones,
    });
    const result = checkSpread(anEntityView({ primary }));
    expect(result.state).toBe('warn');
    expect(result.message).toContain('its nodes span fra1-a, fra1-b');
  });

  it('fails pods the scheduler may pack onto one node', () => {
    const deployment = aDeployment('api', {
      podSpec: { topologySpreadConstraints: [] },
    });
    const result = checkSpread(
      anEntityView({ primary: aPrimary({ deployments: [deployment] }) }),
    );
    expect(result.state).toBe('fail');
    expect(result.message).toContain('is not spread across nodes');
  });

  it('is unknown whether zones apply when nodes cannot be read', () => {
    const primary = withoutKind(
      aPrimary({ deployments: [aDeployment('api')] }),
      'nodes',
    );
    const result = checkSpread(anEntityView({ primary }));
    expect(result.state).toBe('unknown');
    expect(result.message).toContain('nodes forbidden on prod-fra');
  });

  it('is unknown when the primary is unreachable', () => {
    const primary = unreachable(
      aPrimary({ deployments: [aDeployment('api')] }),
    );
    expect(checkSpread(anEntityView({ primary })).state).toBe('unknown');
  });

  it('does not apply without Deployments or StatefulSets', () => {
    expect(checkSpread(anEntityView()).state).toBe('not-applicable');
  });
});
