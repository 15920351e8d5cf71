import {
  CheckResult,
  getCheckDefinition,
} from '@kube-reserve/plugin-reserve-common';
import { readyReport } from '../__testUtils__/reports';
import { CommandNames, commandNamesOf, fillCommand } from './commands';

const names: CommandNames = {
  primary: 'prod-fra',
  reserves: ['reserve-ams'],
  namespaces: ['invoice-mailer'],
};

const remediation = (id: CheckResult['id']) =>
  getCheckDefinition(id).remediation.command!;

describe('commands filled in with real names', () => {
  it('fills the reserve, namespace and CronJob a parity.cronjobs finding names', () => {
    const check: CheckResult = {
      id: 'parity.cronjobs',
      state: 'fail',
      message:
        'CronJob invoice-mailer/invoice-mailer-dunning is active on reserve-ams: every job would run twice',
      clusters: [
        {
          cluster: 'prod-fra',
          state: 'pass',
          message: 'CronJobs on prod-fra are active, as primary-only wants',
        },
        {
          cluster: 'reserve-ams',
          state: 'fail',
          message:
            'CronJob invoice-mailer/invoice-mailer-dunning is active on reserve-ams: every job would run twice',
        },
      ],
    };
    expect(fillCommand(remediation('parity.cronjobs'), check, names)).toBe(
      `kubectl --context reserve-ams -n invoice-mailer patch cronjob invoice-mailer-dunning -p '{"spec":{"suspend":true}}'`,
    );
  });

  it('fills the container and the primary image of a parity.images finding', () => {
    const message =
      'Deployment payments-api/payments-api container payments-api runs registry.example.com/payments/payments-api:2.6.4 on reserve-ams but registry.example.com/payments/payments-api:2.7.1 on the primary';
    const check: CheckResult = {
      id: 'parity.images',
      state: 'fail',
      message,
      clusters: [{ cluster: 'reserve-ams', state: 'fail', message }],
    };
    expect(
      fillCommand(remediation('parity.images'), check, {
        ...names,
        namespaces: [],
      }),
    ).toBe(
      'kubectl --context reserve-ams -n payments-api set image deployment/payments-api payments-api=registry.example.com/payments/payments-api:2.7.1',
    );
  });

  it('scales a StatefulSet as a StatefulSet, to the target the finding names', () => {
    const message =
      "StatefulSet event-store/event-store runs 1 on reserve-ams, below the 2 that warm mode 3:2 needs for the primary's 3";
    const check: CheckResult = {
      id: 'parity.capacity',
      state: 'fail',
      message,
      clusters: [{ cluster: 'reserve-ams', state: 'fail', message }],
    };
    expect(fillCommand(remediation('parity.capacity'), check, names)).toBe(
      'kubectl --context reserve-ams -n event-store scale statefulset/event-store --replicas=2',
    );
  });

  it('fills the cluster, namespace and Certificate of a platform.certificates finding', () => {
    const message =
      'Certificate payments-api/payments-api-tls on prod-fra expires in 5 d 23 h (2026-12-12), under 7 d';
    const check: CheckResult = {
      id: 'platform.certificates',
      state: 'fail',
      message,
      clusters: [
        { cluster: 'prod-fra', state: 'fail', message },
        {
          cluster: 'reserve-ams',
          state: 'pass',
          message: '1 Certificate on reserve-ams Ready and valid beyond 30 d',
        },
      ],
    };
    expect(
      fillCommand(remediation('platform.certificates'), check, names),
    ).toBe('cmctl --context prod-fra -n payments-api renew payments-api-tls');
  });

  it('names the Velero Schedule and backup a finding names', () => {
    const fresh: CheckResult = {
      id: 'backup.fresh',
      state: 'fail',
      message:
        'Backup event-store-daily-20261122030007, the newest restore point, started 10 h 22 min ago, older than the RPO of 1 h',
      clusters: [],
    };
    expect(
      fillCommand(
        'velero backup create --from-schedule <schedule>',
        {
          ...fresh,
          message:
            'Schedule event-store-daily leaves 24 h between runs at its largest gap',
        },
        names,
      ),
    ).toBe('velero backup create --from-schedule event-store-daily');
    const healthy: CheckResult = {
      id: 'backup.healthy',
      state: 'fail',
      message:
        'backup event-store-daily-20261121030007 Failed: found a backup with status "InProgress" during the server starting',
      clusters: [],
    };
    expect(fillCommand(remediation('backup.healthy'), healthy, names)).toBe(
      'velero backup logs event-store-daily-20261121030007',
    );
  });

  it('leaves a placeholder where the finding names several objects or none', () => {
    const check: CheckResult = {
      id: 'parity.deployed',
      state: 'fail',
      message:
        'Deployment reviews-api/reviews-api is missing on reserve-ams; CronJob reviews-api/reviews-api-weekly-digest is missing on reserve-ams',
      clusters: [],
    };
    expect(fillCommand(remediation('parity.deployed'), check, names)).toBe(
      'kubectl --context reserve-ams -n reviews-api apply -f <manifests>',
    );
    const two: CheckResult = {
      id: 'parity.cronjobs',
      state: 'fail',
      message:
        'CronJob shop/a is active on reserve-ams; CronJob shop/b is active on reserve-ams',
      clusters: [],
    };
    expect(fillCommand(remediation('parity.cronjobs'), two, names)).toBe(
      `kubectl --context reserve-ams -n shop patch cronjob <name> -p '{"spec":{"suspend":true}}'`,
    );
  });

  it('does not pick one object out of a list cut short', () => {
    const check: CheckResult = {
      id: 'parity.cronjobs',
      state: 'fail',
      message: 'CronJob shop/a is active on reserve-ams; and 2 more',
      clusters: [],
    };
    expect(fillCommand(remediation('parity.cronjobs'), check, names)).toBe(
      `kubectl --context reserve-ams -n invoice-mailer patch cronjob <name> -p '{"spec":{"suspend":true}}'`,
    );
  });

  it("keeps the collector's service account namespace a placeholder", () => {
    const check: CheckResult = {
      id: 'topology.reachable',
      state: 'fail',
      message: 'prod-fra did not answer',
      clusters: [
        {
          cluster: 'prod-fra',
          state: 'fail',
          message: 'prod-fra did not answer',
        },
      ],
    };
    expect(fillCommand(remediation('topology.reachable'), check, names)).toBe(
      'kubectl --context prod-fra auth can-i --list --as=system:serviceaccount:<namespace>:<service-account>',
    );
  });

  it('takes the clusters by the role they play now: the serving reserve is the primary', () => {
    const failedOver = {
      ...readyReport,
      namespaces: ['checkout'],
      clusters: readyReport.clusters.map(c => ({
        ...c,
        roleInPair:
          c.roleInPair === 'primary'
            ? ('reserve' as const)
            : ('primary' as const),
      })),
    };
    expect(commandNamesOf(failedOver)).toEqual({
      primary: 'reserve-ams',
      reserves: ['prod-fra'],
      namespaces: ['checkout'],
    });
    expect(
      fillCommand(
        'kubectl --context <reserve-cluster> get storageclass',
        { id: 'parity.storage', state: 'fail', message: 'x', clusters: [] },
        commandNamesOf(failedOver),
      ),
    ).toBe('kubectl --context prod-fra get storageclass');
  });
});
