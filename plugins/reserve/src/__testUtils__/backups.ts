import {
  BackupSummary,
  EntityBackups,
} from '@kube-reserve/plugin-reserve-common';

const HOUR = 3_600_000;

/** A backup made `hoursAgo` hours before now, Completed and visible on reserve-ams by default. */
export function backup(
  name: string,
  hoursAgo: number,
  overrides: Partial<BackupSummary> = {},
): BackupSummary {
  const startedAt = new Date(Date.now() - hoursAgo * HOUR);
  return {
    cluster: 'prod-fra',
    name,
    schedule: 'checkout-6h',
    phase: 'Completed',
    phaseClass: 'restore-point',
    startedAt: startedAt.toISOString(),
    completedAt: new Date(startedAt.getTime() + 95_000).toISOString(),
    durationMs: 95_000,
    errors: 0,
    warnings: 0,
    validationErrors: [],
    visibleOn: ['reserve-ams'],
    missingOn: [],
    ...overrides,
  };
}

/** The backups section of a service with one schedule, a failed backup and one drill. */
export function entityBackups(
  overrides: Partial<EntityBackups> = {},
): EntityBackups {
  const newest = backup('checkout-6h-20260301060000', 2);
  return {
    schedules: [
      {
        cluster: 'prod-fra',
        name: 'checkout-6h',
        cron: '0 */6 * * *',
        state: 'enabled',
        phase: 'Enabled',
        validationErrors: [],
        nextRunAt: new Date(Date.now() + 4 * HOUR).toISOString(),
        largestGapMs: 6 * HOUR,
        lastSubmittedAt: newest.startedAt,
        lastGoodBackup: {
          cluster: 'prod-fra',
          name: newest.name,
          startedAt: newest.startedAt!,
          completedAt: newest.completedAt,
        },
        uncovered: [],
        volumes: 'fs-backup',
      },
    ],
    backups: [
      newest,
      backup('checkout-6h-20260301000000', 8, {
        phase: 'Failed',
        phaseClass: 'failed',
        errors: 3,
        failureReason: 'BackupStorageLocation default is unavailable',
        visibleOn: [],
        missingOn: ['reserve-ams'],
      }),
      backup('checkout-6h-20260228180000', 14, {
        phase: 'PartiallyFailed',
        phaseClass: 'partially-failed',
        warnings: 2,
      }),
      backup('checkout-6h-20260228120000', 20),
    ],
    rpo: {
      state: 'pass',
      message: 'The newest restore point is 2 h old; the RPO is 4h',
      target: { ms: 4 * HOUR, text: '4h' },
      recoveryPoint: {
        cluster: 'prod-fra',
        name: newest.name,
        startedAt: newest.startedAt!,
      },
      ageMs: 2 * HOUR,
      scheduleIntervalMs: 6 * HOUR,
    },
    drills: [
      {
        entityRef: 'component:default/checkout',
        cluster: 'reserve-ams',
        restoreName: 'checkout-drill-20260220',
        backupName: 'checkout-6h-20260220000000',
        namespaceMapping: { checkout: 'checkout-drill' },
        phase: 'Completed',
        startedAt: new Date(Date.now() - 9 * 24 * HOUR).toISOString(),
        completedAt: new Date(
          Date.now() - 9 * 24 * HOUR + 12 * 60_000,
        ).toISOString(),
        durationMs: 12 * 60_000,
      },
    ],
    problems: [],
    ...overrides,
  };
}
