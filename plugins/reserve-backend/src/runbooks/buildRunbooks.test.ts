import {
  ActionRunbookItem,
  AutoRunbookItem,
  ManualRunbookItem,
  Runbook,
  RunbookItem,
} from '@kube-reserve/plugin-reserve-common';
import {
  aClusterNode,
  aDeployment,
  aHealthyCluster,
  reserveFacts,
  testNow,
} from '../checks/__fixtures__/builders';
import { StoredRunbookTick } from '../database/RunbookStore';
import { EntityView } from '../readiness/EntityView';
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
      const drill = runbook(runbooksOf(aServiceView()), 'restore-drill');
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
      expect(item(drill, 'restore-drill').commands?.[0].command).toContain(
        '--namespace-mappings shop:shop-drill',
      );
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
      expect(first[2]).toBe(
        'ssh prod-fra-cp-1 sudo kubeadm upgrade apply v1.36.<patch>',
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
});
