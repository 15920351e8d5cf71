import {
  ManualRunbookItem,
  Runbook,
  RunbooksResponse,
} from '@kube-reserve/plugin-reserve-common';

const DAY = 86_400_000;

/** The open manual item of the failover runbook. */
export const databasePromoted: ManualRunbookItem = {
  kind: 'manual',
  id: 'database-promoted',
  title: "Database replica promoted on the reserve's site",
  description: 'Promote the database the reserve points at to primary.',
  state: 'open',
};

const failover: Runbook = {
  id: 'failover',
  title: 'Failover to reserve',
  description: 'Move component:default/checkout from prod-fra to reserve-ams.',
  progress: { done: 1, total: 3 },
  sections: [
    {
      id: 'steps',
      title: 'Steps',
      items: [
        {
          kind: 'auto',
          id: 'reserve-verdict',
          title: 'The reserve reserve-ams is ready to take over',
          state: 'unknown',
          message: 'Verdict unknown, score 35',
        },
        databasePromoted,
        {
          kind: 'action',
          id: 'scale-reserve',
          actionId: 'scale-reserve',
          title: "Scale reserve-ams to the primary's size",
          available: false,
          unavailableReason:
            'Not available yet: this button arrives with the failover actions. Until then, run the commands shown.',
          commands: [
            {
              label: 'Scale Deployment checkout/api on reserve-ams',
              command:
                'kubectl --context reserve-ams -n checkout scale deployment/api --replicas=6',
            },
          ],
        },
        {
          kind: 'manual',
          id: 'switch-traffic',
          title: 'Switch traffic to the reserve',
          state: 'done',
          tick: {
            by: 'user:default/alice',
            at: new Date(Date.now() - 2 * DAY).toISOString(),
            note: 'DNS TTL lowered',
            expiresAt: new Date(Date.now() + 28 * DAY).toISOString(),
          },
        },
        {
          kind: 'manual',
          id: 'runbook-reviewed',
          title: 'Runbook reviewed with the on-call team',
          state: 'expired',
          tick: {
            by: 'user:default/bob',
            at: new Date(Date.now() - 40 * DAY).toISOString(),
            expiresAt: new Date(Date.now() - 10 * DAY).toISOString(),
          },
        },
      ],
    },
  ],
};

const certificateRenewal: Runbook = {
  id: 'certificate-renewal',
  title: 'Certificate renewal',
  description: 'Renew the cluster certificates before they expire.',
  progress: { done: 0, total: 1 },
  sections: [
    {
      id: 'prod-fra',
      title: 'prod-fra',
      cluster: 'prod-fra',
      role: 'primary',
      expiries: [
        {
          subject: 'API server serving certificate',
          notAfter: new Date(Date.now() + 5 * DAY).toISOString(),
          state: 'fail',
          message: 'Expires in 5 days',
        },
        {
          subject: 'Certificate checkout/checkout-tls',
          state: 'unknown',
          message: 'Never issued',
        },
      ],
      items: [
        {
          kind: 'manual',
          id: 'prod-fra.renew',
          cluster: 'prod-fra',
          title: 'Renew every certificate on prod-fra',
          state: 'open',
          commands: [
            {
              label: 'Renew all kubeadm certificates',
              command: 'kubeadm certs renew all',
            },
          ],
        },
      ],
    },
  ],
};

const clusterUpgrade: Runbook = {
  id: 'cluster-upgrade',
  title: 'Cluster upgrade',
  description: 'Upgrade one minor at a time, reserves first.',
  progress: { done: 0, total: 0 },
  sections: [
    {
      id: 'reserve-ams',
      title: 'reserve-ams: v1.34.2 → 1.35',
      cluster: 'reserve-ams',
      role: 'reserve',
      upgrade: {
        currentVersion: 'v1.34.2',
        currentMinor: '1.34',
        nextMinor: '1.35',
        removedApisInUse: {
          state: 'unknown',
          message: 'Kube Reserve cannot tell removed APIs yet',
        },
        managedControlPlane: false,
        nodes: [
          {
            name: 'ams-cp-1',
            role: 'control-plane',
            kubeletVersion: 'v1.34.2',
          },
          {
            name: 'ams-w-1',
            role: 'worker',
            kubeletVersion: 'v1.34.2',
            zone: 'ams3-a',
          },
        ],
      },
      items: [
        {
          kind: 'auto',
          id: 'reserve-ams.ams-w-1.drain-safe',
          cluster: 'reserve-ams',
          title: 'The service tolerates a drain of ams-w-1',
          state: 'fail',
          message: 'Deployment checkout/api has 1 replica',
        },
      ],
    },
  ],
};

/** The runbooks of checkout: failover (mixed items), certificates and upgrade. */
export const runbooks: RunbooksResponse = {
  entityRef: 'component:default/checkout',
  runbooks: [failover, certificateRenewal, clusterUpgrade],
  tickTtl: '30d',
  generatedAt: new Date().toISOString(),
};
