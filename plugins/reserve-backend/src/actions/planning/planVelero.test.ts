import { backupFromSchedule, planBackupNow } from './planBackupNow';
import { planRestoreDrill, RestoreDrillInput } from './planRestoreDrill';

const schedule = {
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: {
    name: 'hourly',
    namespace: 'velero',
    uid: 'u-1',
    resourceVersion: '7',
    labels: { team: 'platform' },
    annotations: { 'example.com/owner': 'platform' },
  },
  spec: {
    schedule: '0 * * * *',
    template: { includedNamespaces: ['shop'], ttl: '720h0m0s' },
  },
  status: { phase: 'Enabled' },
};
const now = new Date('2026-11-22T13:05:09.123Z');

describe('planBackupNow', () => {
  it('builds the Backup as velero backup create --from-schedule does', () => {
    expect(backupFromSchedule(schedule, now)).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: 'hourly-20261122130509',
        namespace: 'velero',
        labels: { team: 'platform', 'velero.io/schedule-name': 'hourly' },
        annotations: { 'example.com/owner': 'platform' },
      },
      spec: { includedNamespaces: ['shop'], ttl: '720h0m0s' },
    });
    expect(
      backupFromSchedule(
        {
          ...schedule,
          spec: { ...schedule.spec, useOwnerReferencesInBackup: true },
        },
        now,
      ).metadata?.ownerReferences,
    ).toEqual([
      {
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        name: 'hourly',
        uid: 'u-1',
        controller: true,
      },
    ]);
  });

  it('creates the Backup, then follows it to completion; a paused schedule only warns', () => {
    const plan = planBackupNow({
      primary: 'prod',
      schedule: { ...schedule, spec: { ...schedule.spec, paused: true } },
      now,
      waitTimeoutMs: 60_000,
    });
    expect(plan.steps.map(s => [s.kind, s.title])).toEqual([
      [
        'create',
        'Create Backup hourly-20261122130509 on prod from Schedule hourly',
      ],
      ['wait', 'Wait until Backup hourly-20261122130509 is Completed'],
    ]);
    expect(plan.warnings[0]).toContain('is paused');
    expect(plan.fingerprint.map(e => e.object.kind)).toEqual([
      'Schedule',
      'Backup',
    ]);
  });
});

describe('planRestoreDrill', () => {
  const input = (
    overrides: Partial<RestoreDrillInput> = {},
  ): RestoreDrillInput => ({
    planId: '00000000-0000-4000-8000-000000000001',
    entityRef: 'component:default/shop',
    entityName: 'shop',
    reserve: 'spare',
    namespaces: ['shop'],
    backup: {
      metadata: {
        name: 'hourly-20261122120000',
        namespace: 'velero',
        resourceVersion: '9',
      },
      status: { phase: 'Completed', startTimestamp: '2026-11-22T12:00:01Z' },
    },
    leftoverNamespaces: [],
    veleroNamespace: 'velero',
    rpo: { ms: 4 * 3600_000, text: '4h' },
    now,
    waitTimeoutMs: 60_000,
    ...overrides,
  });

  it('restores into a labelled scratch namespace, waits, records, and cleans up even after a failure', () => {
    const plan = planRestoreDrill(input());
    expect(plan.steps.map(s => [s.kind, s.always ?? false])).toEqual([
      ['create', false],
      ['create', false],
      ['wait', false],
      ['wait', false],
      ['record', true],
      ['delete', true],
    ]);
    expect(plan.steps[0].manifest).toMatchObject({
      kind: 'Namespace',
      metadata: {
        name: 'shop-drill',
        labels: { 'kube-reserve.io/drill-of': 'shop' },
      },
    });
    expect(plan.steps[1].manifest).toMatchObject({
      kind: 'Restore',
      metadata: {
        name: 'shop-drill-20261122130509',
        labels: {
          'kube-reserve.io/drill-of': 'shop',
          'kube-reserve.io/plan': '00000000-0000-4000-8000-000000000001',
        },
      },
      spec: {
        backupName: 'hourly-20261122120000',
        includedNamespaces: ['shop'],
        namespaceMapping: { shop: 'shop-drill' },
      },
    });
    expect(plan.warnings).toEqual([]);
  });

  it('warns when the newest backup is older than the RPO and deletes a leftover scratch namespace first', () => {
    const plan = planRestoreDrill(
      input({
        rpo: { ms: 60_000, text: '1m' },
        leftoverNamespaces: ['shop-drill'],
      }),
    );
    expect(plan.warnings).toEqual([
      'The newest backup, hourly-20261122120000, is older than the RPO of 1m: the drill restores it anyway.',
      'Namespace shop-drill on spare is left from an earlier drill: the plan deletes it first.',
    ]);
    expect(plan.steps[0]).toMatchObject({
      kind: 'delete',
      object: { kind: 'Namespace', name: 'shop-drill' },
    });
    expect(plan.steps[0].always).toBeUndefined();
  });
});
