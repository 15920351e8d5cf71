import type { KubernetesObject } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../clusters/ClusterSnapshot';
import { judgedAlike } from './judgedFacts';

const deployments: KubernetesObject[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop' } },
];
const lease = (holder: string, renewTime: string) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'kube-scheduler', namespace: 'kube-system' },
  spec: { holderIdentity: holder, renewTime, leaseDurationSeconds: 15 },
});

// A snapshot collected at `at` with these deployments and a scheduler Lease renewed at `renewed`.
function snapshot(
  at: string,
  options: {
    items?: KubernetesObject[];
    holder?: string;
    renewed?: string;
    deploymentsState?: 'ok' | 'failed';
  } = {},
): ClusterSnapshot {
  const fetchedAt = new Date(at);
  return {
    name: 'prod-fra',
    status: {
      state: 'ok',
      collectedAt: at,
      kinds: {
        deployments: {
          state: options.deploymentsState ?? 'ok',
          collection: 'watch',
        },
        leases: { state: 'ok', collection: 'watch' },
      },
    },
    version: 'v1.34.2',
    kinds: new Map([
      ['deployments', { items: options.items ?? deployments, fetchedAt }],
      [
        'leases',
        {
          items: [lease(options.holder ?? 'a', options.renewed ?? at)],
          fetchedAt,
        },
      ],
    ]),
  };
}

describe('judgedAlike', () => {
  const first = snapshot('2026-03-01T12:00:00.000Z');

  it('takes a later collection with the same lists and renewed Leases as judged alike', () => {
    expect(judgedAlike(first, snapshot('2026-03-01T12:00:30.000Z'))).toBe(true);
  });

  it('tells a changed list, even with equal content, a new leader, an expired Lease or a kind failing apart', () => {
    const later = '2026-03-01T12:00:30.000Z';
    expect(
      judgedAlike(first, snapshot(later, { items: [...deployments] })),
    ).toBe(false);
    expect(judgedAlike(first, snapshot(later, { holder: 'b' }))).toBe(false);
    // Seen at 12:00:30, last renewed at 12:00:00 with a 15 s Lease: expired.
    expect(
      judgedAlike(
        first,
        snapshot(later, { renewed: '2026-03-01T12:00:00.000Z' }),
      ),
    ).toBe(false);
    expect(
      judgedAlike(first, snapshot(later, { deploymentsState: 'failed' })),
    ).toBe(false);
    expect(judgedAlike(first, undefined)).toBe(false);
  });
});
