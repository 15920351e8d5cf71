import type { KubernetesObject, V1Lease } from '@kubernetes/client-node';
import { ClusterSnapshot } from '../clusters/ClusterSnapshot';
import { leaderLeaseNames, readLeaderLease } from '../platform/leaderLeases';

/**
 * What the checks read of one cluster's snapshot, to tell whether a newer snapshot would be
 * judged the same. Each collection makes a new snapshot (a new time, Leases renewed), but a
 * watched kind that did not change keeps its very list of objects, so two snapshots judge
 * alike when they hold the same lists, the same Lease holders and freshness, and the same
 * cluster and kind states.
 */
export interface JudgedFacts {
  /** Each kind's objects (by identity), Leases apart. */
  lists: ReadonlyMap<string, readonly KubernetesObject[]>;
  /** Who holds each leader Lease and whether it was fresh when seen. */
  leaders: string;
  /** The cluster's state, version and certificate, and each kind's state and message. */
  states: string;
}

const memo = new WeakMap<ClusterSnapshot, JudgedFacts>();

/** The judged facts of a snapshot (computed once per snapshot). */
export function judgedFacts(snapshot: ClusterSnapshot): JudgedFacts {
  let facts = memo.get(snapshot);
  if (facts) return facts;
  const lists = new Map<string, readonly KubernetesObject[]>();
  for (const [key, listing] of snapshot.kinds) {
    if (key !== 'leases') lists.set(key, listing.items);
  }
  const leases = snapshot.kinds.get('leases');
  const leaders = leases
    ? JSON.stringify(
        leaderLeaseNames.map(name => {
          const lease = readLeaderLease(
            name,
            leases.items as V1Lease[],
            leases.fetchedAt,
          );
          return [name, lease.holder ?? null, lease.fresh];
        }),
      )
    : '';
  const { status } = snapshot;
  const states = JSON.stringify([
    status.state,
    status.message ?? null,
    snapshot.version ?? null,
    snapshot.apiCertificateNotAfter ?? null,
    Object.entries(status.kinds)
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
      .map(([key, kind]) => [key, kind.state, kind.message ?? null]),
  ]);
  facts = { lists, leaders, states };
  memo.set(snapshot, facts);
  return facts;
}

/** Whether two snapshots would be judged alike (see JudgedFacts). */
export function judgedAlike(
  a: ClusterSnapshot | undefined,
  b: ClusterSnapshot | undefined,
): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const [x, y] = [judgedFacts(a), judgedFacts(b)];
  if (x.leaders !== y.leaders || x.states !== y.states) return false;
  if (x.lists.size !== y.lists.size) return false;
  for (const [key, items] of x.lists) {
    if (y.lists.get(key) !== items) return false;
  }
  return true;
}
