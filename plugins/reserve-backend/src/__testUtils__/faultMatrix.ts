import type { Faults } from '@kube-reserve/cluster-sim';
import { ClusterSummary } from '@kube-reserve/plugin-reserve-common';

/** A fault of the matrix: how to switch it on, and what the faulty cluster shows once seen. */
export interface MatrixFault {
  name: string;
  faults: Faults;
  /** What the cluster's status says of the fault, or undefined while it does not show. */
  seen(summary: ClusterSummary): string | undefined;
}

const clusterState =
  (state: string, message: RegExp) => (summary: ClusterSummary) =>
    summary.status.state === state && message.test(summary.status.message ?? '')
      ? `${state}: ${summary.status.message}`
      : undefined;

const kindState =
  (kind: string, state: string, message: RegExp) =>
  (summary: ClusterSummary) => {
    const status = summary.status.kinds[kind];
    return summary.status.state === 'ok' &&
      status?.state === state &&
      message.test(status.message ?? '')
      ? `ok, ${kind} ${state}: ${status.message}`
      : undefined;
  };

/** Every fault a cluster can show, each as the collector should name it. */
export const MATRIX_FAULTS: MatrixFault[] = [
  {
    name: 'refused connection',
    faults: { refuseConnections: true },
    seen: clusterState('unreachable', /ECONNREFUSED/),
  },
  {
    name: 'hang',
    faults: { hang: true },
    seen: clusterState('unreachable', /no answer within/),
  },
  {
    name: '401 Unauthorized',
    faults: { unauthorized: true },
    seen: clusterState('unauthorized', /Unauthorized/),
  },
  {
    name: '403 on secrets',
    faults: { forbiddenResources: ['secrets'] },
    seen: kindState('secrets', 'forbidden', /forbidden/),
  },
  {
    name: 'expired certificate',
    faults: { expiredCertificate: true },
    seen: clusterState('unreachable', /expired/i),
  },
  {
    name: '500s on deployments',
    faults: { errorResources: ['deployments'] },
    seen: kindState('deployments', 'failed', /Internal error/),
  },
  {
    name: 'invalid JSON',
    faults: { malformedResources: { deployments: 'invalid-json' } },
    seen: kindState('deployments', 'failed', /not valid JSON/),
  },
  {
    name: 'object without metadata',
    faults: { malformedResources: { deployments: 'no-metadata' } },
    seen: kindState('deployments', 'ok', /without metadata\.name/),
  },
  {
    name: '10 MB object',
    faults: { malformedResources: { deployments: 'huge' } },
    seen: kindState('deployments', 'ok', /past the API server's 256 KiB limit/),
  },
  {
    name: 'slow trickle (20 B/s)',
    faults: { trickleBytesPerSecond: 20 },
    seen: clusterState('unreachable', /no answer within/),
  },
];

/**
 * Whether a cluster's data is whole: the cluster answers, and every kind was listed or, if
 * its latest listing failed (a collection slowed by a busy machine), its last listing is
 * still served, or there was nothing to serve (a CRD that was absent before).
 */
export function servesWholeData(
  summary: ClusterSummary,
  absentBefore: readonly string[],
): boolean {
  return (
    summary.status.state === 'ok' &&
    Object.entries(summary.status.kinds).every(
      ([key, kind]) =>
        kind.state === 'ok' ||
        kind.state === 'absent' ||
        (kind.state === 'failed' &&
          (kind.listedAt !== undefined || absentBefore.includes(key))),
    )
  );
}

/** The kinds a cluster does not serve (optional CRDs not installed there). */
export function absentKinds(summary: ClusterSummary): string[] {
  return Object.entries(summary.status.kinds)
    .filter(([, kind]) => kind.state === 'absent')
    .map(([key]) => key);
}

/** Whether a cluster is back to health: it answers, and every kind listed cleanly (or is absent). */
export function recovered(summary: ClusterSummary): boolean {
  return (
    summary.status.state === 'ok' &&
    Object.values(summary.status.kinds).every(
      kind =>
        (kind.state === 'ok' && kind.message === undefined) ||
        kind.state === 'absent',
    )
  );
}

/** One run of the matrix: a fault on one side, the slowest read, what the cluster showed. */
export interface MatrixRow {
  fault: string;
  side: string;
  slowestMs?: number;
  seen?: string;
  pass: boolean;
}

const shorten = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

/** The matrix as a Markdown table, one row per fault and side. */
export function matrixTable(rows: MatrixRow[], timeoutMs: number): string {
  const cells = rows.map(r => [
    r.fault,
    r.side,
    r.slowestMs === undefined ? '-' : String(r.slowestMs),
    // The API server's 403 wording is long; its start names the kind.
    shorten(r.seen ?? 'not seen', 80),
    r.pass ? 'pass' : 'FAIL',
  ]);
  const header = [
    'fault',
    'side',
    'slowest ms',
    'cluster state seen',
    'result',
  ];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map(c => c[i].length)),
  );
  const line = (c: string[]) =>
    `| ${c.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return `fault matrix (request timeout to the clusters ${timeoutMs} ms)\n${[
    line(header),
    line(widths.map(w => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n')}\n`;
}
