import * as k8s from '@kubernetes/client-node';
import { startSimulator, Simulator } from '../simulator';
import { KubeObject } from '../store/ObjectStore';
import {
  clientsFor,
  eventually,
  shopCluster,
} from '../__testUtils__/testClusters';
import { FAIL_ANNOTATION } from './backupController';

const GROUP = 'velero.io';
const VERSION = 'v1';
const KINDS: Record<string, string> = {
  backups: 'Backup',
  restores: 'Restore',
  schedules: 'Schedule',
};

describe('the Velero simulation', () => {
  let sim: Simulator;
  let primary: ReturnType<typeof clientsFor>;
  let reserve: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    sim = await startSimulator({
      clusters: [
        shopCluster('primary'),
        shopCluster('reserve', {}, 'ReadOnly'),
      ],
      pace: 20,
    });
    primary = clientsFor(sim, 'primary');
    reserve = clientsFor(sim, 'reserve');
  });
  afterAll(() => sim.stop());

  const create = (
    api: typeof primary,
    plural: string,
    name: string,
    spec: object,
    annotations?: Record<string, string>,
  ) =>
    api.custom.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: 'velero',
      plural,
      body: {
        apiVersion: 'velero.io/v1',
        kind: KINDS[plural],
        metadata: { name, annotations },
        spec,
      },
    });
  const read = (
    api: typeof primary,
    plural: string,
    name: string,
  ): Promise<KubeObject> =>
    api.custom.getNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: 'velero',
      plural,
      name,
    });
  const phaseOf = (
    api: typeof primary,
    plural: string,
    name: string,
    phases: string[],
  ) =>
    eventually(async () => {
      const obj = await read(api, plural, name);
      return phases.includes(obj.status?.phase) && obj;
    });

  it('completes a backup and stores the objects it covers in the bucket', async () => {
    const phases: string[] = [];
    const watch = await new k8s.Watch(primary.kc).watch(
      '/apis/velero.io/v1/namespaces/velero/backups',
      { fieldSelector: 'metadata.name=shop-1' },
      (_type, obj) => {
        const phase = obj.status?.phase ?? '(none)';
        if (phases[phases.length - 1] !== phase) phases.push(phase);
      },
      () => undefined,
    );
    await create(primary, 'backups', 'shop-1', {
      includedNamespaces: ['sh*'],
      excludedResources: ['configmaps'],
      ttl: '24h0m0s',
    });
    await eventually(() => phases.includes('Completed'));
    watch.abort();
    expect(phases).toEqual(['(none)', 'New', 'InProgress', 'Completed']);
    const backup = await read(primary, 'backups', 'shop-1');
    const start = Date.parse(backup.status.startTimestamp);
    expect(
      Date.parse(backup.status.completionTimestamp),
    ).toBeGreaterThanOrEqual(start);
    expect(Date.parse(backup.status.expiration) - start).toBe(24 * 3600 * 1000);
    expect(backup.metadata.labels).toMatchObject({
      'velero.io/storage-location': 'default',
    });
    const stored = sim.bucket.read(
      { bucket: 'shared-backups', prefix: 'shop' },
      'shop-1',
    )!;
    const kinds = stored.objects.map(o => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Namespace/shop',
        'Deployment/cart',
        'Deployment/web',
        'Deployment/legacy',
      ]),
    );
    expect(
      kinds.some(k => k.startsWith('ConfigMap/') || k.startsWith('Node/')),
    ).toBe(false);
    expect(backup.status.progress).toEqual({
      totalItems: stored.objects.length,
      itemsBackedUp: stored.objects.length,
    });
  });

  it('honours label selectors and orLabelSelectors', async () => {
    await create(primary, 'backups', 'cart-only', {
      includedNamespaces: ['shop'],
      orLabelSelectors: [
        { matchLabels: { app: 'cart' } },
        { matchLabels: { app: 'web' } },
      ],
    });
    await phaseOf(primary, 'backups', 'cart-only', ['Completed']);
    const stored = sim.bucket.read(
      { bucket: 'shared-backups', prefix: 'shop' },
      'cart-only',
    )!;
    expect(
      stored.objects.map(o => `${o.kind}/${o.metadata.name}`).sort(),
    ).toEqual(['ConfigMap/settings', 'Deployment/cart', 'Deployment/web']);
  });

  it("shows the primary's backup on a reserve reading the same bucket, with a fresh lastSyncedTime", async () => {
    const completed = await read(primary, 'backups', 'shop-1');
    const synced = await eventually(() => read(reserve, 'backups', 'shop-1'));
    expect(synced.status).toEqual(completed.status);
    expect(synced.metadata.labels).toMatchObject({
      'velero.io/storage-location': 'default',
    });
    const location = await read(reserve, 'backupstoragelocations', 'default');
    expect(location.status.phase).toBe('Available');
    expect(Date.parse(location.status.lastSyncedTime)).toBeGreaterThanOrEqual(
      Date.parse(completed.status.completionTimestamp),
    );
    const later = await eventually(async () => {
      const l = await read(reserve, 'backupstoragelocations', 'default');
      return l.status.lastSyncedTime !== location.status.lastSyncedTime && l;
    });
    expect(Date.parse(later.status.lastSyncedTime)).toBeGreaterThan(
      Date.parse(location.status.lastSyncedTime),
    );
  });

  it('never writes through a ReadOnly location', async () => {
    await create(reserve, 'backups', 'on-reserve', {});
    const failed = await phaseOf(reserve, 'backups', 'on-reserve', [
      'FailedValidation',
      'Completed',
    ]);
    expect(failed.status.phase).toBe('FailedValidation');
    expect(failed.status.validationErrors).toEqual([
      "backup can't be created because BackupStorageLocation default is in read-only mode",
    ]);
    expect(
      sim.bucket.read(
        { bucket: 'shared-backups', prefix: 'shop' },
        'on-reserve',
      ),
    ).toBeUndefined();
  });

  it('restores a backup into a mapped namespace, recreating its objects', async () => {
    await eventually(() => read(reserve, 'backups', 'shop-1'));
    await create(reserve, 'restores', 'drill-1', {
      backupName: 'shop-1',
      namespaceMapping: { shop: 'shop-drill' },
    });
    const restore = await phaseOf(reserve, 'restores', 'drill-1', [
      'Completed',
      'Failed',
      'FailedValidation',
    ]);
    expect(restore.status.phase).toBe('Completed');
    expect(
      Date.parse(restore.status.completionTimestamp),
    ).toBeGreaterThanOrEqual(Date.parse(restore.status.startTimestamp));
    const ns = await reserve.core.readNamespace({ name: 'shop-drill' });
    expect(ns.metadata!.labels).toMatchObject({
      'kubernetes.io/metadata.name': 'shop-drill',
      team: 'payments',
    });
    const restored = (
      await reserve.apps.listNamespacedDeployment({ namespace: 'shop-drill' })
    ).items;
    expect(restored.map(d => d.metadata!.name)).toEqual([
      'cart',
      'legacy',
      'web',
    ]);
    expect(restored[0].metadata!.labels).toMatchObject({
      'velero.io/backup-name': 'shop-1',
      'velero.io/restore-name': 'drill-1',
    });
    await eventually(async () => {
      const cart = await reserve.apps.readNamespacedDeployment({
        namespace: 'shop-drill',
        name: 'cart',
      });
      return cart.status?.availableReplicas === 2;
    });
  });

  it('creates correctly named backups on a schedule and records the last one', async () => {
    await create(primary, 'schedules', 'frequent', {
      schedule: '@every 1s',
      template: {
        includedNamespaces: ['shop'],
        metadata: { labels: { purpose: 'test' } },
      },
    });
    const schedule = await eventually(async () => {
      const s = await read(primary, 'schedules', 'frequent');
      return s.status?.lastBackup && s;
    });
    expect(schedule.status.phase).toBe('Enabled');
    const backups = sim
      .cluster('primary')
      .objects.list('backups', 'velero')
      .filter(
        b => b.metadata.labels?.['velero.io/schedule-name'] === 'frequent',
      );
    expect(backups.length).toBeGreaterThanOrEqual(1);
    const [first] = backups;
    expect(first.metadata.name).toMatch(/^frequent-\d{14}$/);
    const stamp = first.metadata.name.slice('frequent-'.length);
    const at = new Date(
      Date.UTC(
        +stamp.slice(0, 4),
        +stamp.slice(4, 6) - 1,
        +stamp.slice(6, 8),
        +stamp.slice(8, 10),
        +stamp.slice(10, 12),
        +stamp.slice(12, 14),
      ),
    );
    expect(
      Math.abs(at.getTime() - Date.parse(schedule.status.lastBackup)),
    ).toBeLessThan(60_000);
    expect(first.metadata.labels).toMatchObject({
      purpose: 'test',
      'velero.io/schedule-name': 'frequent',
    });
    expect(first.spec).toMatchObject({ includedNamespaces: ['shop'] });
    await phaseOf(primary, 'backups', first.metadata.name, ['Completed']);
  });

  it('rejects a bad cron and leaves a paused schedule alone', async () => {
    await create(primary, 'schedules', 'broken', {
      schedule: '*/5 * * * * *',
      template: {},
    });
    const broken = await phaseOf(primary, 'schedules', 'broken', [
      'FailedValidation',
    ]);
    expect(broken.status.validationErrors).toEqual([
      'invalid schedule: expected exactly 5 fields, found 6: */5 * * * * *',
    ]);
    await create(primary, 'schedules', 'paused', {
      schedule: '@every 1s',
      paused: true,
      template: {},
    });
    await phaseOf(primary, 'schedules', 'paused', ['Enabled']);
    await new Promise(r => setTimeout(r, 300));
    expect(
      (await read(primary, 'schedules', 'paused')).status.lastBackup,
    ).toBeUndefined();
  });

  it('fails a backup on demand, by annotation or by cluster fault', async () => {
    await create(
      primary,
      'backups',
      'doomed',
      {},
      { [FAIL_ANNOTATION]: 'disk full' },
    );
    const doomed = await phaseOf(primary, 'backups', 'doomed', [
      'Failed',
      'Completed',
    ]);
    expect(doomed.status).toMatchObject({
      phase: 'Failed',
      failureReason: 'disk full',
    });
    sim.cluster('primary').faults.set({ failBackups: 'bucket unreachable' });
    await create(primary, 'backups', 'doomed-2', {});
    const second = await phaseOf(primary, 'backups', 'doomed-2', [
      'Failed',
      'Completed',
    ]);
    sim.cluster('primary').faults.clear();
    expect(second.status).toMatchObject({
      phase: 'Failed',
      failureReason: 'bucket unreachable',
    });
  });
});
