import {
  ActionRunbookItem,
  AutoRunbookItem,
  FailoverState,
  ManualRunbookItem,
  Runbook,
  RunbookItem,
} from '@kube-reserve/plugin-reserve-common';
import {
  aBackup,
  aClusterNode,
  aDeployment,
  aHealthyCluster,
  aSchedule,
  anEntityView,
  reserveFacts,
  testNow,
  withoutKind,
} from '../view/__fixtures__/builders';
import { buildEntityBackups } from '../readiness/backupsSection';
import { StoredRunbookTick } from '../database/RunbookStore';
import { EntityView } from '../view/EntityView';
import { aServiceView, reportOf } from './__fixtures__/runbookFixtures';
import { buildRunbooks } from './buildRunbooks';

function runbooksOf(view: EntityView, ticks: StoredRunbookTick[] = []) {
  return buildRunbooks(reportOf(view), view, ticks, testNow);
}

function runbook(runbooks: Runbook[], id: string): Runbook {
  return runbooks.find(r => r.id === id)!;
}

function itemsOf(book: Runbook): RunbookItem[] {
  return book.sections.flatMap(s => s.items);
}

function item<T extends RunbookItem>(book: Runbook, id: string): T {
  return itemsOf(book).find(i => i.id === id) as T;
}

describe('buildRunbooks', () => {
  it('builds the four runbooks of the design, in order', () => {
    expect(runbooksOf(aServiceView()).map(r => r.id)).toEqual([
      'failover',
      'restore-drill',
      'certificate-renewal',
      'cluster-upgrade',
    ]);
  });

  describe('failover', () => {
    const failover = runbook(runbooksOf(aServiceView()), 'failover');

    it('lists the steps of DESIGN §6 with their kinds', () => {
      expect(itemsOf(failover).map(i => [i.id, i.kind])).toEqual([
        ['reserve-verdict', 'auto'],
        ['database-promoted', 'manual'],
        ['repoint-external-services', 'action'],
        ['scale-reserve', 'action'],
        ['switch-cronjobs', 'action'],
        ['switch-traffic', 'manual'],
        ['reserve-available', 'auto'],
        ['fail-back', 'action'],
      ]);
    });

    it('makes action items buttons of the action that does them, available when it can be planned', () => {
      const view = aServiceView();
      const books = buildRunbooks(reportOf(view), view, [], testNow, {
        failover: { available: true },
        'restore-drill': {
          available: false,
          reason: 'No Completed backup of the entity is visible on reserve-ams',
        },
      });
      expect(
        item<ActionRunbookItem>(runbook(books, 'failover'), 'scale-reserve'),
      ).toMatchObject({
        actionId: 'scale-reserve',
        action: 'failover',
        available: true,
      });
      expect(
        item<ActionRunbookItem>(runbook(books, 'failover'), 'fail-back'),
      ).toMatchObject({
        actionId: 'failback',
        action: 'failback',
        available: false,
      });
      expect(
        item<ActionRunbookItem>(
          runbook(books, 'restore-drill'),
          'cleanup-drill',
        ),
      ).toMatchObject({
        actionId: 'cleanup-drill',
        action: 'restore-drill',
        available: false,
        unavailableReason:
          'No Completed backup of the entity is visible on reserve-ams',
      });
    });

    it('names action items plainly as not available when the actions are not wired in', () => {
      const scale = item<ActionRunbookItem>(failover, 'scale-reserve');
      expect(scale).toMatchObject({
        actionId: 'scale-reserve',
        available: false,
      });
      expect(scale.unavailableReason).toContain('run the commands shown');
    });

    it('fills the commands with the real cluster contexts, namespaces and names', () => {
      const commands = itemsOf(failover)
        .flatMap(i => i.commands ?? [])
        .map(c => c.command);
      expect(commands).toContain(
        'kubectl --context reserve-ams -n shop scale deployment/api --replicas=2',
      );
      expect(commands).toContain(
        `kubectl --context prod-fra -n shop patch cronjob/nightly --type=merge -p '{"spec":{"suspend":true}}'`,
      );
      expect(commands).toContain(
        'kubectl --context reserve-ams -n shop get service shop-db -o yaml',
      );
      expect(item(failover, 'switch-traffic').description).toContain(
        'shop.example.com',
      );
    });

    it('shows the reserve workloads available, and a reserve still at 0 replicas as a warning', () => {
      expect(item<AutoRunbookItem>(failover, 'reserve-available').state).toBe(
        'pass',
      );
      const cold = aServiceView({
        reserves: [
          aHealthyCluster(reserveFacts, {
            deployments: [aDeployment('api', { replicas: 0 })],
          }),
        ],
      });
      expect(
        item<AutoRunbookItem>(
          runbook(runbooksOf(cold), 'failover'),
          'reserve-available',
        ),
      ).toMatchObject({
        state: 'warn',
        message: expect.stringContaining('scaled to 0'),
      });
    });
  });

  describe('manual items', () => {
    const tick = (
      overrides: Partial<StoredRunbookTick>,
    ): StoredRunbookTick => ({
      entityRef: 'component:default/shop',
      runbook: 'failover',
      item: 'database-promoted',
      tickedBy: 'user:default/guest',
      tickedAt: '2026-02-20T10:00:00.000Z',
      note: 'promoted in ams3',
      expiresAt: '2026-03-20T10:00:00.000Z',
      ...overrides,
    });

    it('are open until ticked', () => {
      expect(
        item<ManualRunbookItem>(
          runbook(runbooksOf(aServiceView()), 'failover'),
          'database-promoted',
        ),
      ).toMatchObject({
        state: 'open',
      });
    });

    it('show who ticked them, when and why while the tick holds', () => {
      const failover = runbook(
        runbooksOf(aServiceView(), [tick({})]),
        'failover',
      );
      expect(
        item<ManualRunbookItem>(failover, 'database-promoted'),
      ).toMatchObject({
        state: 'done',
        tick: {
          by: 'user:default/guest',
          at: '2026-02-20T10:00:00.000Z',
          note: 'promoted in ams3',
        },
      });
      expect(failover.progress).toEqual({ done: 1, total: 2 });
    });

    it('show as expired once the tick expired, keeping the tick', () => {
      const expired = tick({ expiresAt: '2026-03-01T11:59:59.000Z' });
      const failover = runbook(
        runbooksOf(aServiceView(), [expired]),
        'failover',
      );
      expect(
        item<ManualRunbookItem>(failover, 'database-promoted'),
      ).toMatchObject({
        state: 'expired',
        tick: { by: 'user:default/guest' },
      });
    });
  });

  describe('restore drill', () => {
    it('mirrors the backup checks and names the drill namespace on the reserve', () => {
      const view = aServiceView();
      view.primary = { ...view.primary!, veleroSchedules: [aSchedule()] };
      const drill = runbook(runbooksOf(view), 'restore-drill');
      expect(itemsOf(drill).map(i => [i.id, i.kind])).toEqual([
        ['backup-fresh', 'auto'],
        ['backup-now', 'action'],
        ['restore-drill', 'action'],
        ['restored-available', 'auto'],
        ['cleanup-drill', 'action'],
      ]);
      expect(item<AutoRunbookItem>(drill, 'backup-fresh').checkId).toBe(
        'backup.fresh',
      );
      expect(item(drill, 'cleanup-drill').commands?.[0].command).toBe(
        'kubectl --context reserve-ams delete namespace shop-drill',
      );
      expect(item(drill, 'restore-drill').commands?.[0].command).toBe(
        'velero --kubecontext reserve-ams restore create shop-drill-20260301120000 --from-schedule hourly --include-namespaces shop --namespace-mappings shop:shop-drill --wait',
      );
    });

    it('restores the newest backup the reserve lists when no Schedule covers the service', () => {
      const view = aServiceView();
      view.reserves[0] = {
        ...view.reserves[0],
        veleroBackups: [aBackup('manual-1')],
      };
      const evaluated = reportOf(view);
      const report = {
        ...evaluated,
        backups: buildEntityBackups(view, evaluated.checks),
      };
      const drill = runbook(
        buildRunbooks(report, view, [], testNow),
        'restore-drill',
      );
      expect(item(drill, 'restore-drill').commands?.[0]).toEqual({
        label: 'Restore backup manual-1 on reserve-ams',
        command:
          'velero --kubecontext reserve-ams restore create shop-drill-20260301120000 --from-backup manual-1 --include-namespaces shop --namespace-mappings shop:shop-drill --wait',
      });
      expect(item(drill, 'backup-now')).toMatchObject({
        title: 'Back up now',
        commands: [
          {
            label: 'Back up shop on prod-fra',
            command:
              'velero --kubecontext prod-fra backup create shop-20260301120000 --include-namespaces shop --wait',
          },
        ],
      });
    });

    it('offers no restore command when the reserve has nothing to restore from', () => {
      const drill = runbook(runbooksOf(aServiceView()), 'restore-drill');
      expect(item(drill, 'restore-drill')).not.toHaveProperty('commands');
    });
  });

  describe('certificate renewal', () => {
    const certificates = runbook(
      runbooksOf(aServiceView()),
      'certificate-renewal',
    );

    it('has a section per cluster with every expiry date', () => {
      expect(certificates.sections.map(s => s.cluster)).toEqual([
        'prod-fra',
        'reserve-ams',
      ]);
      expect(
        certificates.sections[0].expiries?.map(e => [e.subject, e.state]),
      ).toEqual([
        ['API server serving certificate', 'pass'],
        ['Certificate shop/shop-tls', 'pass'],
      ]);
    });

    it('gives the kubeadm commands for each control-plane node', () => {
      const renew = item(certificates, 'prod-fra.renew');
      expect(renew.commands?.map(c => c.command)).toEqual([
        'ssh prod-fra-cp-1 sudo kubeadm certs renew all',
        'ssh prod-fra-cp-2 sudo kubeadm certs renew all',
        'ssh prod-fra-cp-3 sudo kubeadm certs renew all',
      ]);
      expect(
        item(certificates, 'prod-fra.renew-service-certificates').commands?.[0]
          .command,
      ).toBe('cmctl --context prod-fra -n shop renew shop-tls');
      expect(
        item<AutoRunbookItem>(certificates, 'prod-fra.new-expiry-seen'),
      ).toMatchObject({
        checkId: 'platform.api-cert',
        state: 'pass',
      });
    });

    it('asks the cluster for its control-plane nodes when Kube Reserve cannot name them', () => {
      const view = aServiceView();
      view.primary = withoutKind(view.primary!, 'nodes');
      const book = runbook(runbooksOf(view), 'certificate-renewal');
      expect(item(book, 'prod-fra.renew').commands).toEqual([
        {
          label: 'Renew on each control-plane node of prod-fra',
          command: `for node in $(kubectl --context prod-fra get nodes -l node-role.kubernetes.io/control-plane -o jsonpath='{.items[*].metadata.name}'); do ssh "$node" sudo kubeadm certs renew all; done`,
        },
      ]);
      expect(item(book, 'prod-fra.refresh-kubeconfigs').commands?.[0]).toEqual({
        label: 'Copy admin.conf from the first control-plane node of prod-fra',
        command: `ssh "$(kubectl --context prod-fra get nodes -l node-role.kubernetes.io/control-plane -o jsonpath='{.items[0].metadata.name}')" sudo cat /etc/kubernetes/admin.conf > ~/.kube/prod-fra.conf`,
      });
    });

    it('leaves out the kubeadm steps for a managed control plane', () => {
      const managed = aServiceView({
        reserves: [
          aHealthyCluster({ ...reserveFacts, managedControlPlane: true }),
        ],
      });
      const book = runbook(runbooksOf(managed), 'certificate-renewal');
      expect(book.sections[1].items.map(i => i.id)).toEqual([
        'reserve-ams.new-expiry-seen',
        'reserve-ams.certificates-ready',
      ]);
    });
  });

  describe('cluster upgrade', () => {
    const upgrade = runbook(runbooksOf(aServiceView()), 'cluster-upgrade');

    it('puts the reserve first, each cluster with its current and next minor', () => {
      expect(
        upgrade.sections.map(s => [
          s.cluster,
          s.upgrade?.currentMinor,
          s.upgrade?.nextMinor,
        ]),
      ).toEqual([
        ['reserve-ams', '1.35', '1.36'],
        ['prod-fra', '1.35', '1.36'],
      ]);
      expect(upgrade.sections[0].upgrade?.removedApisInUse.state).toBe(
        'unknown',
      );
    });

    it('goes through control-plane nodes one at a time, then workers, each drained, upgraded and uncordoned', () => {
      const ids = upgrade.sections[1].items
        .map(i => i.id)
        .filter(id => id.endsWith('.upgrade'));
      expect(ids).toEqual([
        'prod-fra.prod-fra-cp-1.upgrade',
        'prod-fra.prod-fra-cp-2.upgrade',
        'prod-fra.prod-fra-cp-3.upgrade',
        'prod-fra.prod-fra-w-1.upgrade',
        'prod-fra.prod-fra-w-2.upgrade',
        'prod-fra.prod-fra-w-3.upgrade',
      ]);
      const first = item(
        upgrade,
        'prod-fra.prod-fra-cp-1.upgrade',
      ).commands!.map(c => c.command);
      expect(first[0]).toBe(
        'kubectl --context prod-fra drain prod-fra-cp-1 --ignore-daemonsets --delete-emptydir-data',
      );
      // The release the kubeadm just installed is: the patch kubeadm upgrade plan names.
      expect(first[2]).toBe(
        `ssh prod-fra-cp-1 'sudo kubeadm upgrade apply "$(kubeadm version -o short)"'`,
      );
      expect(first[4]).toBe(
        'kubectl --context prod-fra uncordon prod-fra-cp-1',
      );
      expect(
        item(upgrade, 'prod-fra.prod-fra-w-1.upgrade').commands![2].command,
      ).toBe('ssh prod-fra-w-1 sudo kubeadm upgrade node');
    });

    it('asks for the reserves to be upgraded before the primary', () => {
      expect(
        item<AutoRunbookItem>(upgrade, 'prod-fra.reserves-first'),
      ).toMatchObject({
        state: 'warn',
        message: expect.stringContaining('Upgrade reserve-ams first'),
      });
    });

    it('judges drain safety from replicas and PDB, saying pods are not collected', () => {
      const safe = item<AutoRunbookItem>(
        upgrade,
        'prod-fra.prod-fra-w-1.drain-safe',
      );
      expect(safe.state).toBe('pass');
      expect(safe.description).toContain('Pods are not collected');
      const single = aServiceView({
        reserves: [
          aHealthyCluster(reserveFacts, {
            deployments: [aDeployment('api', { replicas: 1 })],
          }),
        ],
      });
      const reserveSection = runbook(runbooksOf(single), 'cluster-upgrade')
        .sections[0];
      expect(
        reserveSection.items.find(
          i => i.id === 'reserve-ams.reserve-ams-w-1.drain-safe',
        ),
      ).toMatchObject({
        state: 'fail',
        message: expect.stringContaining('1 replica'),
      });
    });

    it('skips control-plane nodes of a managed control plane and has the provider upgrade it', () => {
      const managed = aServiceView({
        reserves: [
          aHealthyCluster(
            { ...reserveFacts, managedControlPlane: true },
            {
              nodes: [
                aClusterNode('pool-1', 'worker'),
                aClusterNode('pool-2', 'worker'),
              ],
            },
          ),
        ],
      });
      const section = runbook(runbooksOf(managed), 'cluster-upgrade')
        .sections[0];
      expect(section.items.map(i => i.id)).toEqual([
        'reserve-ams.version-skew',
        'reserve-ams.control-plane',
        'reserve-ams.pool-1.drain-safe',
        'reserve-ams.pool-1.upgrade',
        'reserve-ams.pool-2.drain-safe',
        'reserve-ams.pool-2.upgrade',
      ]);
    });
  });

  describe('commands to copy', () => {
    const placeholder = /<[a-z][a-z-]*>/;
    const commandsOf = (view: EntityView) =>
      runbooksOf(view)
        .flatMap(itemsOf)
        .flatMap(i => i.commands ?? [])
        .map(c => c.command);

    it('are filled with real names, never <placeholders>, even where the evidence is thin', () => {
      const full = aServiceView();
      full.primary = { ...full.primary!, veleroSchedules: [aSchedule()] };
      const noReserve = anEntityView({ reserves: [] });
      const unknownVersions = aServiceView();
      unknownVersions.primary = {
        ...withoutKind(unknownVersions.primary!, 'nodes'),
        version: undefined,
      };
      for (const view of [full, aServiceView(), noReserve, unknownVersions]) {
        const commands = commandsOf(view);
        expect(commands.length).toBeGreaterThan(0);
        expect(commands.filter(c => placeholder.test(c))).toEqual([]);
      }
    });
  });

  describe('failover, while failed over', () => {
    const failover: FailoverState = {
      servingCluster: 'reserve-ams',
      formerPrimary: 'prod-fra',
      since: '2026-03-01T11:20:00.000Z',
      by: 'user:default/guest',
      executionId: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
      pendingOnFormerPrimary: [
        {
          title: 'Suspend CronJob shop/nightly on prod-fra',
          cluster: 'prod-fra',
          reason: 'prod-fra unreachable: connect ECONNREFUSED 10.0.0.1:6443',
        },
        {
          title: "Scale the entity's Deployments on prod-fra to 0",
          cluster: 'prod-fra',
          reason: 'prod-fra unreachable: connect ECONNREFUSED 10.0.0.1:6443',
        },
      ],
    };
    const failedOver = () => {
      const view = aServiceView();
      return runbook(
        buildRunbooks({ ...reportOf(view), failover }, view, [], testNow),
        'failover',
      );
    };

    it('leads with Fail back, then what the failover could not do on the former primary', () => {
      const book = failedOver();
      expect(book.title).toBe('Fail back to prod-fra');
      expect(book.sections.map(s => s.id)).toEqual(['fail-back', 'steps']);
      expect(book.sections[0].items.map(i => [i.id, i.kind])).toEqual([
        ['fail-back', 'action'],
        ['pending.prod-fra.suspend-cronjob-shop-nightly-on-prod-fra', 'manual'],
        [
          'pending.prod-fra.scale-the-entity-s-deployments-on-prod-fra-to-0',
          'manual',
        ],
      ]);
      expect(book.description).toContain(
        'component:default/shop serves from reserve-ams since 2026-03-01T11:20:00.000Z',
      );
    });

    it('lists each pending step as something to do when the former primary answers again, with why and how', () => {
      const [, suspend, scale] = failedOver().sections[0].items;
      expect(suspend).toEqual({
        kind: 'manual',
        id: 'pending.prod-fra.suspend-cronjob-shop-nightly-on-prod-fra',
        cluster: 'prod-fra',
        title:
          'To do when prod-fra answers again: Suspend CronJob shop/nightly on prod-fra',
        description:
          'The failover could not do it: prod-fra unreachable: connect ECONNREFUSED 10.0.0.1:6443. Do it as soon as prod-fra answers, before failing back.',
        commands: [
          {
            label: 'Suspend CronJob shop/nightly on prod-fra',
            command: `kubectl --context prod-fra -n shop patch cronjob/nightly --type=merge -p '{"spec":{"suspend":true}}'`,
          },
        ],
        state: 'open',
      });
      expect(scale).not.toHaveProperty('commands');
    });

    it('counts ticks of the pending items in the progress', () => {
      const view = aServiceView();
      const tick: StoredRunbookTick = {
        entityRef: view.entityRef,
        runbook: 'failover',
        item: 'pending.prod-fra.suspend-cronjob-shop-nightly-on-prod-fra',
        tickedBy: 'user:default/guest',
        tickedAt: '2026-03-01T11:50:00.000Z',
        expiresAt: '2026-03-31T11:50:00.000Z',
      };
      const book = runbook(
        buildRunbooks({ ...reportOf(view), failover }, view, [tick], testNow),
        'failover',
      );
      expect(book.progress).toEqual({ done: 1, total: 4 });
    });
  });
});
