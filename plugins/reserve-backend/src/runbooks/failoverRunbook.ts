import {
  CheckState,
  Runbook,
  RunbookCommand,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../view/EntityView';
import { scalableWorkloads } from '../checks/workloads';
import { pendingOnFormerPrimaryItems } from './pendingSteps';
import { reserveAvailability } from './reserveAvailability';
import {
  RunbookContext,
  actionItem,
  computedItem,
  manualItem,
  progressOf,
} from './runbookItems';

const runbook = 'failover';

const verdictStates: Record<Verdict, CheckState> = {
  ready: 'pass',
  'at-risk': 'warn',
  'not-ready': 'fail',
  unknown: 'unknown',
};

function hostsOf(side: ClusterSideView | undefined): string[] {
  const hosts = (side?.ingresses ?? []).flatMap(i =>
    (i.spec?.rules ?? [])
      .map(r => r.host)
      .filter((h): h is string => Boolean(h)),
  );
  return [...new Set(hosts)].sort();
}

function scaleCommands(
  primary: ClusterSideView | undefined,
  reserve: string,
): RunbookCommand[] {
  if (!primary?.deployments || !primary.statefulSets) return [];
  const lists = {
    deployments: primary.deployments,
    statefulSets: primary.statefulSets,
  };
  return scalableWorkloads(lists).map(w => ({
    label: `Scale ${w.ref} on ${reserve} to the primary's ${w.replicas}`,
    command: `kubectl --context ${reserve} -n ${
      w.namespace
    } scale ${w.kind.toLowerCase()}/${w.name} --replicas=${w.replicas}`,
  }));
}

function cronJobCommands(
  primary: ClusterSideView | undefined,
  reserve: string,
): RunbookCommand[] {
  return (primary?.cronJobs ?? []).flatMap(c => {
    const { namespace, name } = c.metadata ?? {};
    return [
      {
        label: `Suspend CronJob ${namespace}/${name} on ${
          primary!.cluster.name
        }`,
        command: `kubectl --context ${
          primary!.cluster.name
        } -n ${namespace} patch cronjob/${name} --type=merge -p '{"spec":{"suspend":true}}'`,
      },
      {
        label: `Resume CronJob ${namespace}/${name} on ${reserve}`,
        command: `kubectl --context ${reserve} -n ${namespace} patch cronjob/${name} --type=merge -p '{"spec":{"suspend":false}}'`,
      },
    ];
  });
}

/**
 * Failover to reserve: verdict, database, external services, scale, CronJobs, traffic,
 * availability, then fail back. While the entity is failed over it leads with the failback,
 * and what the failover could not do on the former primary.
 */
export function failoverRunbook(context: RunbookContext): Runbook {
  const { report, view } = context;
  const failover = report.failover;
  const primary = view.primary;
  const target =
    view.reserves.find(r => r.cluster.name === failover?.servingCluster) ??
    view.reserves[0];
  const reserveName = target?.cluster.name;
  const reserve = reserveName ?? 'the reserve';
  // Commands name real clusters only: without a reserve there is nothing to run.
  const onReserve = (commands: () => RunbookCommand[]) =>
    reserveName ? commands() : [];
  const namespaces = view.namespaces.join(', ') || 'the service';
  const hosts = hostsOf(primary);
  const services = view.policy.externalServices;
  const steps = [
    computedItem({
      id: 'reserve-verdict',
      title: reserveName
        ? `The reserve ${reserveName} is ready to take over`
        : 'A reserve is ready to take over',
      state: verdictStates[report.verdict],
      message: `Verdict ${report.verdict}, score ${report.score}`,
    }),
    manualItem(context, runbook, {
      id: 'database-promoted',
      title: `Database replica promoted on the reserve's site`,
      description:
        'Promote the database the reserve points at to primary (or confirm the reserve-side database is writable) before traffic moves.',
    }),
    actionItem(context, {
      id: 'repoint-external-services',
      actionId: 'repoint-external-services',
      action: 'failover',
      title: 'Repoint external services to the reserve site',
      description:
        services.length > 0
          ? `Declared external services: ${services.join(', ')}.`
          : 'No external services are declared (kube-reserve.io/external-services).',
      commands: onReserve(() =>
        services.flatMap(service =>
          view.namespaces.map(ns => ({
            label: `Show Service ${ns}/${service} on ${reserve}`,
            command: `kubectl --context ${reserve} -n ${ns} get service ${service} -o yaml`,
          })),
        ),
      ),
    }),
    actionItem(context, {
      id: 'scale-reserve',
      actionId: 'scale-reserve',
      action: 'failover',
      title: `Scale ${reserve} to the primary's size`,
      commands: onReserve(() => scaleCommands(primary, reserve)),
    }),
    actionItem(context, {
      id: 'switch-cronjobs',
      actionId: 'switch-cronjobs',
      action: 'failover',
      title: 'Suspend CronJobs on the primary and resume them on the reserve',
      description: 'So that every job runs once, on the cluster that serves.',
      commands: onReserve(() => cronJobCommands(primary, reserve)),
    }),
    manualItem(context, runbook, {
      id: 'switch-traffic',
      title: 'Switch traffic to the reserve',
      description:
        hosts.length > 0
          ? `Point DNS (or the load balancer) for ${hosts.join(
              ', ',
            )} at the ingress address of ${reserve}.`
          : `The service has no Ingress on the primary; switch whatever routes traffic to ${namespaces} to ${reserve}.`,
      commands: onReserve(() =>
        view.namespaces.map(ns => ({
          label: `Ingress addresses on ${reserve}`,
          command: `kubectl --context ${reserve} -n ${ns} get ingress -o wide`,
        })),
      ),
    }),
    computedItem({
      id: 'reserve-available',
      title: `The service's workloads are available on ${reserve}`,
      ...(target
        ? reserveAvailability(target)
        : {
            state: 'unknown',
            message: 'The entity has no configured reserve',
          }),
    }),
  ];
  const failBack = actionItem(context, {
    id: 'fail-back',
    actionId: 'failback',
    action: 'failback',
    title: `Fail back to ${
      primary?.cluster.name ?? 'the primary'
    } once it is healthy again`,
    description:
      'Its own plan: grow the primary back, switch CronJobs back, and put the reserve as the last failover found it.',
  });
  const contexts =
    'Commands assume kubeconfig contexts named after the clusters.';
  if (!failover) {
    const items = [...steps, failBack];
    return {
      id: runbook,
      title: 'Failover to reserve',
      description: `Move ${report.entityRef} from ${
        primary?.cluster.name ?? 'its primary'
      } to ${reserve}. ${contexts}`,
      sections: [{ id: 'steps', title: 'Steps', items }],
      progress: progressOf(items),
    };
  }
  const failBackItems = [
    failBack,
    ...pendingOnFormerPrimaryItems(context, failover),
  ];
  return {
    id: runbook,
    title: `Fail back to ${failover.formerPrimary}`,
    description: `${report.entityRef} serves from ${
      failover.servingCluster
    } since ${failover.since}. Fail back to ${
      failover.formerPrimary
    } once it is healthy again${
      failover.pendingOnFormerPrimary.length > 0
        ? `, after doing what the failover could not do there`
        : ''
    }. ${contexts}`,
    sections: [
      {
        id: 'fail-back',
        title: `Fail back to ${failover.formerPrimary}`,
        cluster: failover.formerPrimary,
        items: failBackItems,
      },
      {
        id: 'steps',
        title: `Failover to ${failover.servingCluster} (done ${failover.since})`,
        items: steps,
      },
    ],
    progress: progressOf([...failBackItems, ...steps]),
  };
}
