import {
  CheckId,
  EntityReport,
  formatDuration,
  getCheckDefinition,
  Verdict,
  verdictLabels,
  worstFinding,
} from '@kube-reserve/plugin-reserve-common';
import { entityName, Notice } from './notices';

/** The conditions owners are notified of, each once until it clears. */
export const notifiedConditions = [
  'verdict',
  'api-certificate',
  'drill-overdue',
  'restore-point',
] as const;

export type NotifiedCondition = (typeof notifiedConditions)[number];

/**
 * A condition of an entity as one report shows it. `level` 0 is clear, above 0 raised (the
 * verdict: 1 at risk, 2 unknown, 3 not ready); undefined when the report lacks the data to
 * tell, and then the level last observed stands: missing data neither raises nor clears one.
 */
export interface ObservedCondition {
  condition: NotifiedCondition;
  level?: number;
  /** What to tell the owners if this observation raises the condition (level above 0). */
  notice?: Notice;
}

// The order the pages rank verdicts in: an unknown verdict (a critical check lacks its data,
// e.g. the reserve does not answer) comes right before not ready, as it may hide a failure.
const verdictLevels: Readonly<Record<Verdict, number>> = {
  ready: 0,
  'at-risk': 1,
  unknown: 2,
  'not-ready': 3,
};

/**
 * Whether an observation's change from `previous` (undefined: never observed) is news to
 * the owners: the verdict when it gets worse than it was (its first observation only sets
 * where it starts), the other conditions when they are raised from clear or unobserved.
 */
export function isNews(
  condition: NotifiedCondition,
  level: number,
  previous: number | undefined,
): boolean {
  if (condition === 'verdict') {
    return previous !== undefined && level > previous;
  }
  return level > 0 && !previous;
}

function verdictCondition(report: EntityReport): ObservedCondition {
  const name = entityName(report.entityRef);
  const worst = worstFinding(report.checks);
  const verdict = verdictLabels[report.verdict];
  return {
    condition: 'verdict',
    level: verdictLevels[report.verdict],
    notice: {
      title: `${name}: reserve readiness worsened to ${verdict}`,
      description: `Score ${report.score}/100.${
        worst
          ? ` Worst finding: ${getCheckDefinition(worst.id).title} (${
              worst.state
            }): ${worst.message}`
          : ''
      }`,
      // Bad news is never `normal`: the notifications page shows that with a green tick.
      severity: report.verdict === 'not-ready' ? 'critical' : 'high',
    },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface ClusterCertificate {
  cluster: string;
  notAfter: number;
}

function certificateNotice(
  name: string,
  expiring: ClusterCertificate[],
  now: number,
): Notice {
  const [soonest] = expiring;
  const left = soonest.notAfter - now;
  const validity = expiring.map(
    c =>
      `${c.cluster}'s API server certificate is valid until ${new Date(
        c.notAfter,
      ).toISOString()}`,
  );
  return {
    title:
      left <= 0
        ? `${name}: the API server certificate of ${soonest.cluster} has expired`
        : `${name}: the API server certificate of ${
            soonest.cluster
          } expires in ${formatDuration(left)}`,
    description: `${validity.join(
      '; ',
    )}. Once it expires nothing can be deployed or failed over to ${
      expiring.length > 1 ? 'these clusters' : 'that cluster'
    }: renew it (kubeadm certs renew all) and refresh kubeconfigs.`,
    severity: left <= 0 ? 'critical' : 'high',
  };
}

// Raised when one certificate of the entity's clusters expires within `withinMs` (one read is
// enough to tell); clear only when every one was read and none does.
function apiCertificateCondition(
  report: EntityReport,
  withinMs: number,
): ObservedCondition {
  const now = Date.parse(report.generatedAt);
  const read: ClusterCertificate[] = report.clusters.flatMap(cluster =>
    cluster.apiCertificate
      ? [
          {
            cluster: cluster.name,
            notAfter: Date.parse(cluster.apiCertificate.notAfter),
          },
        ]
      : [],
  );
  const expiring = read
    .filter(c => c.notAfter - now < withinMs)
    .sort((a, b) => a.notAfter - b.notAfter);
  if (expiring.length > 0) {
    return {
      condition: 'api-certificate',
      level: 1,
      notice: certificateNotice(entityName(report.entityRef), expiring, now),
    };
  }
  return {
    condition: 'api-certificate',
    level: read.length === report.clusters.length ? 0 : undefined,
  };
}

// A check's result as a condition: raised while it fails, clear while it passes, warns or is
// waived (the owners accepted it) or does not apply; unknown while its data is missing.
function failingCheckLevel(
  report: EntityReport,
  id: CheckId,
): number | undefined {
  const check = report.checks.find(c => c.id === id);
  if (!check || check.state === 'unknown') return undefined;
  return check.state === 'fail' ? 1 : 0;
}

function checkMessage(report: EntityReport, id: CheckId): string {
  return report.checks.find(c => c.id === id)?.message ?? '';
}

function drillCondition(report: EntityReport): ObservedCondition {
  return {
    condition: 'drill-overdue',
    level: failingCheckLevel(report, 'backup.restore-drill'),
    notice: {
      title: `${entityName(report.entityRef)}: restore drill overdue`,
      description: `${checkMessage(
        report,
        'backup.restore-drill',
      )}. Run the Restore drill runbook on the Reserve tab.`,
      severity: 'high',
    },
  };
}

function restorePointCondition(report: EntityReport): ObservedCondition {
  const rpo = report.backups?.rpo;
  return {
    condition: 'restore-point',
    level: failingCheckLevel(report, 'backup.fresh'),
    notice: {
      title: `${entityName(report.entityRef)}: no restore point within the RPO${
        rpo ? ` of ${rpo.target.text}` : ''
      }`,
      description: rpo?.message ?? checkMessage(report, 'backup.fresh'),
      severity: 'high',
    },
  };
}

/** Which conditions to look at, and the certificate horizon. */
export interface ConditionSettings {
  conditions: ReadonlySet<NotifiedCondition>;
  /** How long before its expiry an API server certificate is news (DESIGN: 14 days). */
  apiCertificateWithinMs: number;
}

/** Each enabled condition of the entity as its report shows it. */
export function observeConditions(
  report: EntityReport,
  settings: ConditionSettings,
): ObservedCondition[] {
  const observers: Record<NotifiedCondition, () => ObservedCondition> = {
    verdict: () => verdictCondition(report),
    'api-certificate': () =>
      apiCertificateCondition(report, settings.apiCertificateWithinMs),
    'drill-overdue': () => drillCondition(report),
    'restore-point': () => restorePointCondition(report),
  };
  return notifiedConditions
    .filter(condition => settings.conditions.has(condition))
    .map(condition => observers[condition]());
}

/** Fourteen days: the certificate horizon DESIGN §10 names. */
export const DEFAULT_API_CERTIFICATE_WITHIN_MS = 14 * DAY_MS;
