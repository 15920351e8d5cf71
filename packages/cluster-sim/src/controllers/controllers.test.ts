import * as k8s from '@kubernetes/client-node';
import { startSimulator, Simulator } from '../simulator';
import {
  clientsFor,
  deployment,
  eventually,
  failureOf,
  shopCluster,
} from '../__testUtils__/testClusters';
import { HOLD_STATUS_ANNOTATION } from './saveIfChanged';
import { RENEW_ANNOTATION } from './leaseController';

describe('cluster controllers and fixture options', () => {
  let sim: Simulator;

  beforeAll(async () => {
    const unavailable = deployment('shop', 'stuck', 3);
    unavailable.metadata.annotations = { [HOLD_STATUS_ANNOTATION]: 'true' };
    unavailable.status = {
      replicas: 3,
      readyReplicas: 1,
      availableReplicas: 1,
      unavailableReplicas: 2,
    };
    const base = shopCluster('alpha');
    sim = await startSimulator({
      clusters: [
        {
          ...base,
          manifests: [
            ...base.manifests!,
            unavailable,
            {
              apiVersion: 'coordination.k8s.io/v1',
              kind: 'Lease',
              metadata: {
                name: 'kube-scheduler',
                namespace: 'kube-system',
                annotations: { [RENEW_ANNOTATION]: 'true' },
              },
              spec: {
                holderIdentity: 'cp-1_abc',
                leaseDurationSeconds: 15,
                renewTime: '${now-1h:micro}',
              },
            },
            {
              apiVersion: 'coordination.k8s.io/v1',
              kind: 'Lease',
              metadata: {
                name: 'kube-controller-manager',
                namespace: 'kube-system',
              },
              spec: {
                holderIdentity: 'cp-1_def',
                leaseDurationSeconds: 15,
                renewTime: '2025-01-01T00:00:00.000000Z',
              },
            },
            {
              apiVersion: 'apps/v1',
              kind: 'DaemonSet',
              metadata: { name: 'agent', namespace: 'kube-system' },
              spec: {
                selector: { matchLabels: { app: 'agent' } },
                template: {
                  metadata: { labels: { app: 'agent' } },
                  spec: { containers: [{ name: 'a', image: 'agent:1' }] },
                },
              },
            },
          ],
        },
        shopCluster('bare', { crds: { certManager: false } }),
      ],
      pace: 20,
    });
  });
  afterAll(() => sim.stop());

  it('keeps a held status as the fixture pinned it', async () => {
    await new Promise(r => setTimeout(r, 100));
    expect(
      sim.cluster('alpha').objects.get('deployments', 'shop', 'stuck')!.status,
    ).toEqual({
      replicas: 3,
      readyReplicas: 1,
      availableReplicas: 1,
      unavailableReplicas: 2,
    });
  });

  it('renews leases marked for renewal and leaves the others to go stale', async () => {
    const renewed = await eventually(() => {
      const lease = sim
        .cluster('alpha')
        .objects.get('leases', 'kube-system', 'kube-scheduler')!;
      return Date.now() - Date.parse(lease.spec.renewTime) < 5000 && lease;
    });
    expect(renewed.spec.renewTime).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/,
    );
    expect(renewed.spec.holderIdentity).toBe('cp-1_abc');
    expect(
      sim
        .cluster('alpha')
        .objects.get('leases', 'kube-system', 'kube-controller-manager')!.spec
        .renewTime,
    ).toBe('2025-01-01T00:00:00.000000Z');
  });

  it('schedules a DaemonSet on the nodes whose taints it tolerates', async () => {
    const agent = await eventually(() => {
      const ds = sim
        .cluster('alpha')
        .objects.get('daemonsets', 'kube-system', 'agent')!;
      return ds.status?.numberReady === 2 && ds;
    });
    expect(agent.status).toMatchObject({
      desiredNumberScheduled: 2,
      numberAvailable: 2,
    });
  });

  it('leaves a dropped CRD group out of discovery and answers its paths with 404', async () => {
    const alpha = clientsFor(sim, 'alpha');
    const bare = clientsFor(sim, 'bare');
    const groups = async (api: typeof alpha) =>
      (await api.kc.makeApiClient(k8s.ApisApi).getAPIVersions()).groups.map(
        g => g.name,
      );
    expect(await groups(alpha)).toContain('cert-manager.io');
    expect(await groups(bare)).not.toContain('cert-manager.io');
    expect(await groups(bare)).toContain('velero.io');
    const { code, body } = await failureOf(
      bare.custom.listNamespacedCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        namespace: 'shop',
        plural: 'certificates',
      }),
    );
    expect(code).toBe(404);
    expect(body.reason).toBe('NotFound');
  });
});
