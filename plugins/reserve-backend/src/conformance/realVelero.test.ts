import { resolve } from 'node:path';
import {
  ControlPlanes,
  KubeApi,
  KubeObject,
  startControlPlanes,
} from '@kube-reserve/control-planes';
import {
  ActionExecution,
  ActionPlan,
  CheckResult,
  EntityReport,
} from '@kube-reserve/plugin-reserve-common';
import { loadFixtures } from '@kube-reserve/cluster-sim';
import { demoCatalogConfig, examplesDir } from '../__testUtils__/demoCatalog';
import {
  demoReserveConfig,
  startDemoClusters,
} from '../__testUtils__/startDemoBackend';
import {
  ClusterTargets,
  ReserveTestBackend,
  startReserveBackend,
  waitFor,
} from '../__testUtils__/startReserveBackend';

jest.setTimeout(900_000);

const checkout = '/api/reserve/entities/component/default/checkout';
// checkout's pair: only these two clusters run (search-indexer's reserve-fra-b stays off).
const pair = ['prod-fra', 'reserve-ams'];
const veleroApi = '/apis/velero.io/v1/namespaces/velero';
const mergePatch = 'application/merge-patch+json';
const everyThirty = {
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: { name: 'checkout-every-30s', namespace: 'velero' },
  spec: {
    schedule: '@every 30s',
    template: {
      includedNamespaces: ['checkout'],
      storageLocation: 'default',
      ttl: '1h0m0s',
      snapshotVolumes: false,
    },
  },
};
const invalidSchedule = {
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: { name: 'not-a-cron', namespace: 'velero' },
  spec: {
    schedule: 'every day',
    template: { includedNamespaces: ['checkout'] },
  },
};
/** The Restore a drill of checkout creates on reserve-ams (planRestoreDrill). */
const drillRestore = (name: string, backupName: string) => ({
  apiVersion: 'velero.io/v1',
  kind: 'Restore',
  metadata: { name, namespace: 'velero' },
  spec: {
    backupName,
    includedNamespaces: ['checkout'],
    namespaceMapping: { checkout: 'checkout-drill' },
    excludedResources: ['cronjobs.batch', 'jobs.batch'],
  },
});
// Velero's default is a minute; a platform team may ask for less, and the test does.
const locationPeriods = { backupSyncPeriod: '10s', validationFrequency: '10s' };

interface VeleroObject extends KubeObject {
  spec: Record<string, any>;
  status?: Record<string, any>;
}

/** How a field reads, apart from what differs between any two runs (instants, names, counts). */
function shapeOf(object: unknown, fields: string[]): Record<string, string> {
  return Object.fromEntries(
    fields.map(field => {
      const value = field
        .split('|')
        .reduce<any>((o, key) => (o === undefined ? o : o[key]), object);
      let shape: string;
      if (value === undefined) shape = 'absent';
      else if (typeof value === 'number') shape = 'number';
      else if (Array.isArray(value)) shape = `${value.length} items`;
      else if (typeof value !== 'string') shape = typeof value;
      else if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value))
        shape = 'RFC 3339 seconds';
      else if (/^\d{4}-/.test(value))
        shape = `time ${value.replace(/\d/g, 'n')}`;
      else if (/(phase|formatVersion|storageLocation|ttl)$/.test(field))
        shape = value;
      else shape = 'text';
      return [field, shape];
    }),
  );
}

// The fields the checks and actions read (velero/*.ts, actions/execution/waitConditions.ts).
const fieldsOf = {
  backup: [
    'status|phase',
    'status|startTimestamp',
    'status|completionTimestamp',
    'status|expiration',
    'status|errors',
    'status|warnings',
    'status|validationErrors',
    'status|failureReason',
    'status|formatVersion',
    'spec|storageLocation',
    'spec|ttl',
    'metadata|labels|velero.io/schedule-name',
    'metadata|labels|velero.io/storage-location',
  ],
  schedule: ['status|phase', 'status|lastBackup', 'status|validationErrors'],
  location: [
    'status|phase',
    'status|lastSyncedTime',
    'status|lastValidationTime',
  ],
  restore: [
    'status|phase',
    'status|startTimestamp',
    'status|completionTimestamp',
    'status|errors',
    'status|warnings',
    'status|failureReason',
    'status|validationErrors',
  ],
};

/** The same Velero objects, as real Velero and as cluster-sim's controllers leave them. */
type Observed = Record<string, { fields: string[]; object: unknown }>;

/**
 * The steps of the tests above on cluster-sim's Velero (demo fixtures, same Schedule, same
 * location periods, the drill's Restore, a backup removed from the bucket, an invalid cron),
 * answering the objects it leaves, to be held to real Velero's.
 */
async function observeOnSimulator(): Promise<Observed> {
  const sim = await startDemoClusters();
  try {
    const api = (name: string) =>
      new KubeApi(sim.cluster(name).url, sim.cluster(name).token(), sim.caPem);
    const [prod, reserve] = [api('prod-fra'), api('reserve-ams')];
    const get = (on: KubeApi, plural: string, name: string) =>
      on.request<VeleroObject>('GET', `${veleroApi}/${plural}/${name}`);
    const until = async <T>(
      what: string,
      look: () => Promise<T | undefined>,
    ) => {
      let found: T | undefined;
      await waitFor(
        what,
        async () => (found = await look()) !== undefined,
        120_000,
      );
      return found!;
    };
    for (const on of [prod, reserve]) {
      await on.request(
        'PATCH',
        `${veleroApi}/backupstoragelocations/default`,
        { spec: locationPeriods },
        mergePatch,
      );
    }
    await prod.request('POST', `${veleroApi}/schedules`, everyThirty);
    const backup = await until(
      'a scheduled backup on the simulator',
      async () =>
        (
          await prod.request<{ items: VeleroObject[] }>(
            'GET',
            `${veleroApi}/backups`,
          )
        ).items.find(
          b =>
            b.metadata.labels?.['velero.io/schedule-name'] ===
              'checkout-every-30s' && b.status?.phase === 'Completed',
        ),
    );
    const name = backup.metadata.name;
    await prod.request(
      'PATCH',
      `${veleroApi}/schedules/checkout-every-30s`,
      { spec: { paused: true } },
      mergePatch,
    );
    const copy = await until('the copy on the simulated reserve', () =>
      get(reserve, 'backups', name).catch(() => undefined),
    );
    const observed: Observed = {
      'a scheduled backup': { fields: fieldsOf.backup, object: backup },
      'its copy synced to the reserve': {
        fields: fieldsOf.backup,
        object: copy,
      },
      'the paused Schedule after its first run': {
        fields: fieldsOf.schedule,
        object: await get(prod, 'schedules', 'checkout-every-30s'),
      },
      'the location on prod-fra': {
        fields: fieldsOf.location,
        object: await get(prod, 'backupstoragelocations', 'default'),
      },
      'the location on reserve-ams': {
        fields: fieldsOf.location,
        object: await get(reserve, 'backupstoragelocations', 'default'),
      },
    };
    const restoreOf = async (restoreName: string) => {
      // As a drill does: the scratch namespace first (its kube-root-ca.crt comes with it).
      await until(
        'checkout-drill gone on the simulator',
        async () =>
          !(await reserve.exists('/api/v1/namespaces/checkout-drill')) ||
          undefined,
      );
      await reserve.request('POST', '/api/v1/namespaces', {
        metadata: { name: 'checkout-drill' },
      });
      await until('kube-root-ca.crt in checkout-drill', () =>
        reserve
          .request(
            'GET',
            '/api/v1/namespaces/checkout-drill/configmaps/kube-root-ca.crt',
          )
          .catch(() => undefined),
      );
      await reserve.request(
        'POST',
        `${veleroApi}/restores`,
        drillRestore(restoreName, name),
      );
      return until(`${restoreName} finished on the simulator`, async () => {
        const r = await get(reserve, 'restores', restoreName);
        return [
          'Completed',
          'Failed',
          'PartiallyFailed',
          'FailedValidation',
        ].includes(r.status?.phase)
          ? r
          : undefined;
      });
    };
    observed['the Restore of a drill'] = {
      fields: fieldsOf.restore,
      object: await restoreOf('drill-on-sim'),
    };
    await reserve.request('DELETE', '/api/v1/namespaces/checkout-drill');
    sim.bucket.remove(
      { bucket: 'kube-reserve-demo-backups', prefix: 'prod-fra' },
      name,
    );
    observed['a Restore whose backup left the bucket'] = {
      fields: fieldsOf.restore,
      object: await restoreOf('failed-drill-on-sim'),
    };
    await prod.request('POST', `${veleroApi}/schedules`, invalidSchedule);
    observed['a Schedule with an invalid cron'] = {
      fields: fieldsOf.schedule,
      object: await until(
        'the invalid Schedule validated on the simulator',
        async () => {
          const schedule = await get(prod, 'schedules', 'not-a-cron');
          return schedule.status?.phase === 'FailedValidation'
            ? schedule
            : undefined;
        },
      ),
    };
    return observed;
  } finally {
    await sim.stop();
  }
}

/**
 * Velero for real: the demo's prod-fra and reserve-ams, each with `velero server`
 * built from source and running against it, one S3 bucket (versitygw) shared by the primary's
 * ReadWrite location and the reserve's ReadOnly one. Nothing plays Velero's part here.
 */
describe('Velero on real control planes', () => {
  let planes: ControlPlanes;
  let backend: ReserveTestBackend<ClusterTargets>;
  const timings: string[] = [];
  let scheduleCreated = 0;
  const real: Observed = {};
  let simulated: Promise<Observed>;

  const admin = (cluster: string) => planes.cluster(cluster).admin;
  const list = async (cluster: string, plural: string) =>
    (
      await admin(cluster).request<{ items: VeleroObject[] }>(
        'GET',
        `${veleroApi}/${plural}`,
      )
    ).items;
  const get = (cluster: string, plural: string, name: string) =>
    admin(cluster).request<VeleroObject>(
      'GET',
      `${veleroApi}/${plural}/${name}`,
    );
  const patch = (cluster: string, plural: string, name: string, body: object) =>
    admin(cluster).request(
      'PATCH',
      `${veleroApi}/${plural}/${name}`,
      body,
      mergePatch,
    );
  const report = async (): Promise<EntityReport> =>
    (await backend.get(`${checkout}/readiness`)).body;
  const check = (r: EntityReport, id: string): CheckResult =>
    r.checks.find(c => c.id === id)!;
  /** Waits until checkout's checks read as expected, and answers that report. */
  const checksBecome = async (
    expected: Record<string, string>,
    timeoutMs = 120_000,
  ): Promise<EntityReport> => {
    let last: EntityReport | undefined;
    const states = (r: EntityReport) =>
      Object.fromEntries(
        Object.keys(expected).map(id => [id, check(r, id).state]),
      );
    await waitFor(
      `checkout's ${JSON.stringify(expected)}`,
      async () => {
        last = await report();
        return JSON.stringify(states(last)) === JSON.stringify(expected);
      },
      timeoutMs,
    ).catch(error => {
      const seen = last
        ? Object.keys(expected).map(
            id =>
              `${id}: ${check(last!, id).state}: ${check(last!, id).message}`,
          )
        : [];
      throw new Error(`${error.message}; last seen:\n  ${seen.join('\n  ')}`);
    });
    return last!;
  };
  const plan = async (action: string): Promise<ActionPlan> => {
    const res = await backend.post(`${checkout}/actions/${action}/plan`, {});
    expect(res.status).toBe(200);
    return res.body;
  };
  const start = async (planned: ActionPlan): Promise<string> => {
    const res = await backend.post(
      `${checkout}/actions/${planned.action}/executions`,
      { planId: planned.id, confirmation: 'checkout' },
    );
    expect(res.status).toBe(202);
    return res.body.id;
  };
  const finished = async (id: string): Promise<ActionExecution> => {
    let last: ActionExecution | undefined;
    await waitFor(
      `execution ${id} to finish`,
      async () => {
        last = (await backend.get(`/api/reserve/executions/${id}`)).body;
        return last!.state !== 'running';
      },
      300_000,
    );
    return last!;
  };
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

  beforeAll(async () => {
    const started = Date.now();
    planes = await startControlPlanes({
      clusters: loadFixtures(resolve(examplesDir, 'clusters')).filter(fixture =>
        pair.includes(fixture.name),
      ),
      velero: true,
    });
    timings.push(
      `2 clusters and their Velero servers up in ${seconds(
        Date.now() - started,
      )}`,
    );
    for (const cluster of pair) {
      await patch(cluster, 'backupstoragelocations', 'default', {
        spec: locationPeriods,
      });
    }
    // Created now, so that Velero's first run (due 30 s after creation, seen at its next
    // minutely look at its Schedules) overlaps the backend's start.
    scheduleCreated = Date.now();
    await admin('prod-fra').request(
      'POST',
      `${veleroApi}/schedules`,
      everyThirty,
    );
    // The simulator goes through the same steps meanwhile (see the last test).
    simulated = observeOnSimulator();
    simulated.catch(() => undefined);

    const targets: ClusterTargets = {
      caPem: planes.caPem,
      clusters: planes.clusters.map(cluster => ({
        name: cluster.name,
        url: cluster.url,
        token: cluster.token,
      })),
      cluster: name => planes.cluster(name),
    };
    backend = await startReserveBackend({
      sim: targets,
      reserve: {
        ...demoReserveConfig,
        clusters: Object.fromEntries(
          pair.map(name => [
            name,
            (demoReserveConfig.clusters as Record<string, object>)[name],
          ]),
        ),
        refresh: { frequency: { seconds: 3 }, timeout: { seconds: 15 } },
      },
      catalog: demoCatalogConfig,
    });
    await backend.waitForComponents(10);
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`velero:\n  ${timings.join('\n  ')}`);
    await backend?.stop();
    await planes?.stop();
  });

  it('backs checkout up every 30 s on prod-fra; reserve-ams syncs the backups; the schedule, freshness and location checks pass', async () => {
    let backup: VeleroObject | undefined;
    await waitFor(
      'a Completed backup of checkout-every-30s on prod-fra',
      async () => {
        backup = (await list('prod-fra', 'backups')).find(
          b =>
            b.metadata.labels?.['velero.io/schedule-name'] ===
              'checkout-every-30s' && b.status?.phase === 'Completed',
        );
        return backup !== undefined;
      },
      240_000,
    );
    timings.push(
      `first scheduled backup Completed ${seconds(
        Date.now() - scheduleCreated,
      )} after the Schedule was created`,
    );
    const { status } = backup!;
    // What Velero writes on a Completed backup, and what the checks read.
    expect(status).toMatchObject({
      phase: 'Completed',
      startTimestamp: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      ),
      completionTimestamp: expect.stringMatching(/Z$/),
      expiration: expect.stringMatching(/Z$/),
    });
    // No more runs: a newer backup not synced yet would keep backup.location at warn (rightly:
    // the reserve could not restore it yet). hourly still covers checkout.
    await patch('prod-fra', 'schedules', 'checkout-every-30s', {
      spec: { paused: true },
    });
    const synced = Date.now();
    await waitFor(
      `${backup!.metadata.name} synced to reserve-ams`,
      async () =>
        (
          await list('reserve-ams', 'backups')
        ).some(b => b.metadata.name === backup!.metadata.name),
      120_000,
    );
    timings.push(`synced to reserve-ams ${seconds(Date.now() - synced)} later`);
    real['a scheduled backup'] = { fields: fieldsOf.backup, object: backup };
    real['its copy synced to the reserve'] = {
      fields: fieldsOf.backup,
      object: await get('reserve-ams', 'backups', backup!.metadata.name),
    };
    real['the paused Schedule after its first run'] = {
      fields: fieldsOf.schedule,
      object: await get('prod-fra', 'schedules', 'checkout-every-30s'),
    };
    for (const cluster of pair) {
      real[`the location on ${cluster}`] = {
        fields: fieldsOf.location,
        object: await get(cluster, 'backupstoragelocations', 'default'),
      };
    }
    const r = await checksBecome({
      'backup.schedule': 'pass',
      'backup.fresh': 'pass',
      'backup.location': 'pass',
    });
    expect(
      r.backups!.backups.find(b => b.name === backup!.metadata.name),
    ).toMatchObject({ phase: 'Completed', visibleOn: ['reserve-ams'] });
  });

  it('fails backup.location while the object store is down, naming the locations, and passes once it is back', async () => {
    const store = planes.velero!.objectStore;
    await store.stop();
    try {
      await waitFor(
        'both locations Unavailable',
        async () =>
          (
            await Promise.all(
              pair.map(c => get(c, 'backupstoragelocations', 'default')),
            )
          ).every(l => l.status?.phase === 'Unavailable'),
        120_000,
      );
      const down = await checksBecome({ 'backup.location': 'fail' });
      expect(check(down, 'backup.location').message).toMatch(/default/);
      expect(check(down, 'backup.location').message).toMatch(/Unavailable/);
    } finally {
      await store.start();
    }
    await checksBecome({ 'backup.location': 'pass' });
  });

  it('fails backup.schedule once every Schedule covering checkout is paused, and does not count a backup of another namespace', async () => {
    const covering = ['hourly', 'checkout-every-30s'];
    for (const name of covering) {
      await patch('prod-fra', 'schedules', name, { spec: { paused: true } });
    }
    const paused = await checksBecome({ 'backup.schedule': 'fail' });
    expect(check(paused, 'backup.schedule').message).toMatch(/paused/);

    // A Backup of payments-api only, made after every backup of checkout.
    const name = `payments-api-only-${Date.now()}`;
    await admin('prod-fra').request('POST', `${veleroApi}/backups`, {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name, namespace: 'velero' },
      spec: {
        includedNamespaces: ['payments-api'],
        storageLocation: 'default',
        snapshotVolumes: false,
      },
    });
    await waitFor(
      `${name} Completed`,
      async () =>
        (await get('prod-fra', 'backups', name)).status?.phase === 'Completed',
      120_000,
    );
    // Once collected it counts for payments-api, and not for checkout.
    await waitFor(
      `${name} among payments-api's backups`,
      async () =>
        (
          await backend.get(
            '/api/reserve/entities/component/default/payments-api/readiness',
          )
        ).body.backups.backups.some((b: { name: string }) => b.name === name),
      60_000,
    );
    const after = await report();
    expect(after.backups!.backups.map(b => b.name)).not.toContain(name);
    // checkout-every-30s stays paused and is removed; hourly runs again.
    await patch('prod-fra', 'schedules', 'hourly', { spec: { paused: false } });
    await admin('prod-fra').request(
      'DELETE',
      `${veleroApi}/schedules/checkout-every-30s`,
    );
    await checksBecome({ 'backup.schedule': 'pass' });
  });

  let drilledBackup = '';

  it('backs checkout up now through the API: the Backup velero backup create --from-schedule makes, followed to Completed', async () => {
    const planned = await plan('backup-now');
    const create = planned.steps.find(s => s.kind === 'create')!;
    const started = Date.now();
    const done = await finished(await start(planned));
    expect({ state: done.state, message: done.message }).toEqual({
      state: 'succeeded',
      message: done.message,
    });
    timings.push(
      `backup-now: Completed ${seconds(
        Date.now() - started,
      )} after the run started`,
    );
    const stored = await get('prod-fra', 'backups', create.object!.name);
    expect(stored.metadata.labels?.['velero.io/schedule-name']).toBe(
      (create.manifest as VeleroObject).metadata.labels?.[
        'velero.io/schedule-name'
      ],
    );
    expect(stored.status?.phase).toBe('Completed');
    drilledBackup = create.object!.name;
    await waitFor(
      `${drilledBackup} synced to reserve-ams`,
      async () =>
        (
          await list('reserve-ams', 'backups')
        ).some(b => b.metadata.name === drilledBackup),
      120_000,
    );
  });

  it('drills checkout on reserve-ams: restores into a scratch namespace, waits for the workloads, records the measured RTO, removes the namespace', async () => {
    // The collector has seen the backup on reserve-ams before planning.
    await waitFor(
      `${drilledBackup} visible on reserve-ams in the report`,
      async () =>
        (
          await report()
        ).backups!.backups.some(
          b => b.name === drilledBackup && b.visibleOn.includes('reserve-ams'),
        ),
      60_000,
    );
    const planned = await plan('restore-drill');
    const restore = planned.steps.find(
      s => s.kind === 'create' && s.object?.kind === 'Restore',
    )!;
    expect((restore.manifest as VeleroObject).spec.backupName).toBe(
      drilledBackup,
    );
    const done = await finished(await start(planned));
    expect({ state: done.state, message: done.message }).toEqual({
      state: 'succeeded',
      message: done.message,
    });
    const restored = await get('reserve-ams', 'restores', restore.object!.name);
    real['the Restore of a drill'] = {
      fields: fieldsOf.restore,
      object: restored,
    };
    expect(restored.status).toMatchObject({
      phase: 'Completed',
      startTimestamp: expect.stringMatching(/Z$/),
      completionTimestamp: expect.stringMatching(/Z$/),
    });
    await waitFor(
      'checkout-drill removed from reserve-ams',
      async () =>
        !(await admin('reserve-ams').exists(
          '/api/v1/namespaces/checkout-drill',
        )),
      120_000,
    );
    const r = await checksBecome({ 'backup.restore-drill': 'pass' });
    const drill = r.backups!.drills.find(
      d => d.restoreName === restore.object!.name,
    )!;
    expect(drill).toMatchObject({
      cluster: 'reserve-ams',
      backupName: drilledBackup,
      phase: 'Completed',
      namespaceMapping: { checkout: 'checkout-drill' },
    });
    expect(drill.durationMs).toBeGreaterThan(0);
    const waited = done.steps.find(s =>
      s.title.startsWith('Wait until the restored workloads'),
    )!;
    timings.push(
      `restore drill: Restore ${seconds(
        drill.durationMs!,
      )} (Velero's start to completion, the recorded RTO); run ${seconds(
        Date.parse(done.finishedAt!) - Date.parse(done.startedAt),
      )} in all; workloads: ${waited.output}`,
    );
  });

  it('records a drill whose backup is gone from the bucket as failed, and removes its scratch namespace', async () => {
    const planned = await plan('restore-drill');
    const restore = planned.steps.find(
      s => s.kind === 'create' && s.object?.kind === 'Restore',
    )!;
    const backupName = (restore.manifest as VeleroObject).spec.backupName;
    const deleted = await planes.velero!.objectStore.deleteObjects(
      'kube-reserve-demo-backups',
      `prod-fra/backups/${backupName}/`,
    );
    expect(deleted).toBeGreaterThan(0);
    const done = await finished(await start(planned));
    expect(done.state).toBe('failed');
    expect(done.message).toMatch(
      new RegExp(
        `Restore velero/${
          restore.object!.name
        } ended (Failed|FailedValidation)`,
      ),
    );
    expect(
      done.steps
        .filter(step => planned.steps[step.index].always)
        .map(step => step.state),
    ).toEqual(['succeeded', 'succeeded']);
    await waitFor(
      'checkout-drill removed from reserve-ams',
      async () =>
        !(await admin('reserve-ams').exists(
          '/api/v1/namespaces/checkout-drill',
        )),
      120_000,
    );
    const drill = (await report()).backups!.drills.find(
      d => d.restoreName === restore.object!.name,
    );
    expect(drill?.phase).toMatch(/^(Failed|FailedValidation)$/);
    real['a Restore whose backup left the bucket'] = {
      fields: fieldsOf.restore,
      object: await get('reserve-ams', 'restores', restore.object!.name),
    };
    timings.push(`failed drill: ${done.message}`);
  });

  it("holds cluster-sim's Velero to real Velero: the fields the checks read, after the same steps", async () => {
    await admin('prod-fra').request(
      'POST',
      `${veleroApi}/schedules`,
      invalidSchedule,
    );
    await waitFor(
      'the invalid Schedule validated',
      async () =>
        (await get('prod-fra', 'schedules', 'not-a-cron')).status?.phase ===
        'FailedValidation',
      60_000,
    );
    real['a Schedule with an invalid cron'] = {
      fields: fieldsOf.schedule,
      object: await get('prod-fra', 'schedules', 'not-a-cron'),
    };
    const sim = await simulated;
    const differences: string[] = [];
    for (const [what, { fields, object }] of Object.entries(real)) {
      const a = shapeOf(object, fields);
      const b = sim[what] ? shapeOf(sim[what].object, fields) : undefined;
      for (const field of fields) {
        if (a[field] !== b?.[field]) {
          differences.push(
            `${what}: ${field}: real ${a[field]}, simulator ${
              b?.[field] ?? 'not observed'
            }`,
          );
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(
      `velero differential: ${Object.keys(real).length} objects, ${
        differences.length
      } differences${differences.map(d => `\n  ${d}`).join('')}`,
    );
    expect(differences).toEqual([]);
  });
});
