import {
  CheckResult,
  FailoverState,
} from '@kube-reserve/plugin-reserve-common';
import {
  aBackup,
  aBackupStorageLocation,
  aCronJob,
  aDeployment,
  aHealthyCluster,
  aPodDisruptionBudget,
  aSchedule,
  anEntityView,
  healthyPrimaryVelero,
  healthyReserveVelero,
  hour,
  primaryFacts,
  reserveFacts,
  unreachable,
} from '../view/__fixtures__/builders';
import { ClusterSideView, EntityView } from '../view/EntityView';
import { judgeEntity } from './judgeEntity';

const byExecution: FailoverState = {
  servingCluster: 'reserve-ams',
  formerPrimary: 'prod-fra',
  since: '2026-03-01T11:20:00.000Z',
  by: 'user:default/guest',
  executionId: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  pendingOnFormerPrimary: [],
};

const refused = 'connect ECONNREFUSED 10.0.0.1:6443';
const lastData = '2026-03-01T11:59:30Z';
const downSince = '2026-03-01T11:59:40.000Z';

/** The side, unreachable since `downSince` with its last data from `lastData`. */
function down(side: ClusterSideView): ClusterSideView {
  const gone = unreachable(side, refused);
  return { ...gone, status: { ...gone.status, staleSince: downSince } };
}

const check = (checks: CheckResult[], id: string) =>
  checks.find(c => c.id === id)!;
const onCluster = (checks: CheckResult[], id: string, cluster: string) =>
  check(checks, id).clusters.find(c => c.cluster === cluster);

/**
 * The shop service after a failover to reserve-ams: reserve-ams runs the full 6 replicas
 * with its CronJob active and lists the primary's backups through its ReadOnly location;
 * prod-fra still runs 6 with its CronJob suspended.
 */
function failedOverShop(
  formerPrimary: Partial<Parameters<typeof aHealthyCluster>[1]> = {},
): EntityView {
  const workloads = (suspend: boolean) => ({
    deployments: [aDeployment('api', { replicas: 6 })],
    podDisruptionBudgets: [aPodDisruptionBudget('api')],
    cronJobs: [aCronJob('mailer', { suspend })],
  });
  return anEntityView({
    primary: aHealthyCluster(primaryFacts, {
      ...workloads(true),
      ...healthyPrimaryVelero(),
      ...formerPrimary,
    }),
    reserves: [
      aHealthyCluster(reserveFacts, {
        ...workloads(false),
        ...healthyReserveVelero(),
      }),
    ],
  });
}

describe('judgeEntity while failed over', () => {
  it('judges the serving cluster as the primary and the former primary as a reserve', () => {
    const view = failedOverShop();
    const judged = judgeEntity(view, byExecution);
    expect(judged.evaluatedView.primary?.cluster).toMatchObject({
      name: 'reserve-ams',
      role: 'primary',
    });
    expect(
      judged.evaluatedView.reserves.map(r => [r.cluster.name, r.cluster.role]),
    ).toEqual([['prod-fra', 'reserve']]);
    expect(judged.evaluatedView.policy.clusters).toEqual({
      primary: 'reserve-ams',
      reserves: ['prod-fra'],
    });
    // The configured view is left as it is: actions plan from it.
    expect(view.primary?.cluster.name).toBe('prod-fra');
  });

  it('passes parity.cronjobs with the CronJob active where it serves and suspended on the former primary', () => {
    const { checks } = judgeEntity(failedOverShop(), byExecution);
    expect(check(checks, 'parity.cronjobs')).toMatchObject({
      state: 'pass',
      clusters: [
        {
          cluster: 'reserve-ams',
          state: 'pass',
          message: 'CronJobs on reserve-ams are active, as primary-only wants',
        },
        {
          cluster: 'prod-fra',
          state: 'pass',
          message: 'CronJobs on prod-fra are suspended, as primary-only wants',
        },
      ],
    });
  });

  it('sizes the former primary against the full size the serving cluster runs', () => {
    const scaledDown = failedOverShop({
      deployments: [aDeployment('api', { replicas: 0 })],
    });
    const { checks } = judgeEntity(scaledDown, byExecution);
    expect(onCluster(checks, 'parity.capacity', 'prod-fra')).toEqual({
      cluster: 'prod-fra',
      state: 'fail',
      message:
        "Deployment shop/api runs 0 on prod-fra, below the 4 that warm mode 6:4 needs for the primary's 6",
    });
    expect(
      check(
        judgeEntity(failedOverShop(), byExecution).checks,
        'parity.capacity',
      ).state,
    ).toBe('pass');
  });

  it('asks for backups where it serves, and no restore drill or read-only location of the former primary', () => {
    const { checks } = judgeEntity(failedOverShop(), byExecution);
    expect(check(checks, 'backup.schedule')).toMatchObject({
      state: 'fail',
      message:
        "No Velero Schedule on reserve-ams covers the entity's namespaces shop: nothing backs it up while it serves from reserve-ams",
    });
    expect(check(checks, 'backup.restore-drill')).toMatchObject({
      state: 'not-applicable',
      message:
        'prod-fra is the former primary: failing back moves the service back there, it restores nothing',
    });
    // prod-fra writes to its location when it serves: ReadWrite is right there.
    expect(onCluster(checks, 'backup.location', 'prod-fra')?.state).toBe(
      'pass',
    );
    expect(check(checks, 'backup.fresh').state).toBe('pass');
  });

  it('says where it serves from, since when and who failed it over', () => {
    expect(judgeEntity(failedOverShop(), byExecution).situation).toEqual({
      kind: 'failed-over',
      message:
        'Serving from reserve-ams since 2026-03-01T11:20:00.000Z (failover by user:default/guest)',
    });
    const byHand: FailoverState = {
      ...byExecution,
      executionId: undefined,
      by: 'user:default/alice',
      note: 'switched DNS by hand at 11:20',
    };
    expect(judgeEntity(failedOverShop(), byHand).situation).toEqual({
      kind: 'failed-over',
      message:
        'Serving from reserve-ams since 2026-03-01T11:20:00.000Z (recorded by hand by user:default/alice: switched DNS by hand at 11:20)',
    });
  });

  describe('with the former primary unreachable', () => {
    const view = () => {
      const shop = failedOverShop();
      return { ...shop, primary: down(shop.primary!) };
    };

    it('never leaves a check unknown for want of its data: it does not apply until it answers', () => {
      const { checks, verdict } = judgeEntity(view(), byExecution);
      expect(checks.filter(c => c.state === 'unknown')).toEqual([]);
      expect(verdict).not.toBe('unknown');
      expect(onCluster(checks, 'parity.images', 'prod-fra')).toEqual({
        cluster: 'prod-fra',
        state: 'not-applicable',
        message: `prod-fra, the former primary, is unreachable (expected while failed over): ${refused}`,
      });
      expect(check(checks, 'parity.cronjobs').state).toBe('pass');
    });

    it('warns in topology.reachable that failing back waits for it', () => {
      const { checks } = judgeEntity(view(), byExecution);
      expect(check(checks, 'topology.reachable')).toMatchObject({
        state: 'warn',
        clusters: [
          { cluster: 'reserve-ams', state: 'pass' },
          {
            cluster: 'prod-fra',
            state: 'warn',
            message: `prod-fra, the former primary, is unreachable (expected while failed over): ${refused}; fail back once it answers`,
          },
        ],
      });
    });
  });

  it('shows what the serving cluster last showed when it stops answering too', () => {
    const shop = failedOverShop();
    const view = { ...shop, reserves: [down(shop.reserves[0])] };
    const { checks } = judgeEntity(view, byExecution);
    expect(onCluster(checks, 'workload.replicas', 'reserve-ams')).toEqual({
      cluster: 'reserve-ams',
      state: 'unknown',
      message: expect.stringMatching(
        new RegExp(
          `^reserve-ams unreachable: .*; last known ${lastData}: .*reserve-ams`,
        ),
      ),
    });
  });

  it('keeps the configured roles when the failover no longer fits the pair', () => {
    const elsewhere = { ...byExecution, servingCluster: 'reserve-lon' };
    const judged = judgeEntity(failedOverShop(), elsewhere);
    expect(judged.evaluatedView.primary?.cluster.name).toBe('prod-fra');
    expect(judged.situation?.kind).toBe('failed-over');
  });
});

describe('judgeEntity with the primary unreachable', () => {
  /** The shop service on a well-kept pair whose primary stopped answering after `lastData`. */
  const view = (primaryLists = {}) =>
    anEntityView({
      primary: down(
        aHealthyCluster(primaryFacts, {
          deployments: [aDeployment('api')],
          ...healthyPrimaryVelero(),
          ...primaryLists,
        }),
      ),
      reserves: [
        aHealthyCluster(reserveFacts, {
          deployments: [aDeployment('api')],
          ...healthyReserveVelero(),
        }),
      ],
    });

  it('leads with the primary being unreachable, since when, and the age of its last data', () => {
    expect(judgeEntity(view()).situation).toEqual({
      kind: 'primary-unreachable',
      message: `prod-fra unreachable since ${downSince}; last data ${lastData}`,
    });
  });

  it('says so of a primary never reached, with no data to tell', () => {
    const never = view();
    const { collectedAt: _none, ...status } = never.primary!.status;
    const judged = judgeEntity({
      ...never,
      primary: {
        ...never.primary!,
        status: { ...status, staleSince: undefined },
      },
    });
    expect(judged.situation).toEqual({
      kind: 'primary-unreachable',
      message: `prod-fra unreachable (${refused}); no data collected from it yet`,
    });
  });

  it('counts the restore point a reserve sees through its location, named with that location', () => {
    const { checks } = judgeEntity(view());
    expect(check(checks, 'backup.fresh')).toEqual({
      id: 'backup.fresh',
      state: 'pass',
      message:
        "Backup hourly-1 seen through reserve-ams's location default, the newest restore point, started 20 min ago, within the RPO of 24 h",
      clusters: [
        {
          cluster: 'reserve-ams',
          state: 'pass',
          message:
            "Backup hourly-1 seen through reserve-ams's location default, the newest restore point, started 20 min ago, within the RPO of 24 h",
        },
      ],
    });
  });

  it("shows the primary's Schedules as last known, with their age, leaving backup.schedule unknown", () => {
    const { checks } = judgeEntity(view());
    expect(check(checks, 'backup.schedule')).toMatchObject({
      state: 'unknown',
      message: `prod-fra unreachable: ${refused}; last known ${lastData}: Schedule hourly (0 * * * *) on prod-fra covers the entity, at most 1 h between runs (RPO 24 h)`,
    });
  });

  it("shows the primary's workloads as last known, leaving the workload checks unknown", () => {
    const { checks } = judgeEntity(view());
    expect(onCluster(checks, 'workload.replicas', 'prod-fra')).toEqual({
      cluster: 'prod-fra',
      state: 'unknown',
      message: expect.stringMatching(
        new RegExp(`^prod-fra unreachable: .*; last known ${lastData}: `),
      ),
    });
  });

  it('fails backup.fresh when the newest restore point a reserve sees is older than the RPO', () => {
    const old = aBackup('hourly-old', { startedAgo: 30 * hour });
    const stale = view();
    stale.reserves[0] = { ...stale.reserves[0], veleroBackups: [old] };
    expect(check(judgeEntity(stale).checks, 'backup.fresh')).toMatchObject({
      state: 'fail',
      message:
        "Backup hourly-old seen through reserve-ams's location default, the newest restore point, started 30 h ago, older than the RPO of 24 h",
    });
  });

  it("warns that runs were missed when the reserve's newest restore point is older than twice the last known schedule interval", () => {
    const late = view();
    late.reserves[0] = {
      ...late.reserves[0],
      veleroBackups: [aBackup('hourly-3h', { startedAgo: 3 * hour })],
    };
    expect(check(judgeEntity(late).checks, 'backup.fresh')).toMatchObject({
      state: 'warn',
      message: `Backup hourly-3h seen through reserve-ams's location default, the newest restore point, started 3 h ago, within the RPO of 24 h but more than twice the schedule interval of 1 h (prod-fra's Schedules as last known ${lastData}): runs were missed`,
    });
  });

  it('names no location when the backup does not say which it came through', () => {
    const unnamed = aBackup('hourly-2', {
      spec: { includedNamespaces: ['shop'] },
    });
    const bare = view();
    bare.reserves[0] = {
      ...bare.reserves[0],
      veleroBackups: [unnamed],
      veleroBackupStorageLocations: [
        aBackupStorageLocation({ accessMode: 'ReadOnly' }),
      ],
    };
    expect(check(judgeEntity(bare).checks, 'backup.fresh').message).toMatch(
      /^Backup hourly-2 seen through reserve-ams's location, the newest restore point/,
    );
  });

  it('judges a reachable primary as before, with no situation to lead with', () => {
    const fine = anEntityView({
      primary: aHealthyCluster(primaryFacts, {
        ...healthyPrimaryVelero(),
        veleroSchedules: [aSchedule()],
      }),
      reserves: [aHealthyCluster(reserveFacts, healthyReserveVelero())],
    });
    const judged = judgeEntity(fine);
    expect(judged.situation).toBeUndefined();
    expect(judged.evaluatedView).toBe(fine);
    expect(check(judged.checks, 'backup.fresh').message).toBe(
      'Backup hourly-1, the newest restore point, started 20 min ago, within the RPO of 24 h',
    );
  });
});
