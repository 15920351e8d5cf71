import {
  ClusterUpgradeFacts,
  Runbook,
  RunbookCommand,
  RunbookItem,
  RunbookSection,
} from '@kube-reserve/plugin-reserve-common';
import type { V1Node } from '@kubernetes/client-node';
import { ClusterSideView } from '../view/EntityView';
import { platformSides } from '../checks/platform/clusterScoped';
import {
  minorOf,
  minorsApart,
  nextMinorOf,
  parseKubernetesVersion,
} from '../platform/kubernetesVersion';
import {
  inUpgradeOrder,
  isControlPlane,
  kubeletVersionOf,
  nodeName,
  zoneOf,
} from '../platform/nodeFacts';
import { drainSafety, drainSafetyBasis } from './drainSafety';
import {
  RunbookContext,
  checkItem,
  computedItem,
  manualItem,
  progressOf,
} from './runbookItems';

const runbook = 'cluster-upgrade';

const removedApisUnknown = {
  state: 'unknown' as const,
  message:
    'Kube Reserve does not collect which API versions the service\u2019s manifests use, so it cannot tell. Before upgrading, check the API server\u2019s apiserver_requested_deprecated_apis metric or scan the manifests (e.g. with pluto).',
};

function nodeCommands(
  cluster: string,
  node: V1Node,
  next: string | undefined,
  first: boolean,
): RunbookCommand[] {
  const name = nodeName(node);
  const install = (packages: string) =>
    `sudo apt-get install -y --allow-change-held-packages ${packages}`;
  // The first control-plane node upgrades to the release of the kubeadm just installed there.
  const upgrade = first
    ? `ssh ${name} 'sudo kubeadm upgrade apply "$(kubeadm version -o short)"'`
    : `ssh ${name} sudo kubeadm upgrade node`;
  // Without the cluster's version the packages to install are unknown: drain and uncordon only.
  const packages: RunbookCommand[] = next
    ? [
        {
          label: `Install kubeadm ${next} on ${name}`,
          command: `ssh ${name} '${install(`"kubeadm=${next}.*"`)}'`,
        },
        {
          label: first
            ? `Upgrade the control plane from ${name} to the release of the kubeadm just installed`
            : `Upgrade ${name}`,
          command: upgrade,
        },
        {
          label: `Upgrade the kubelet on ${name}`,
          command: `ssh ${name} '${install(
            `"kubelet=${next}.*" "kubectl=${next}.*"`,
          )} && sudo systemctl daemon-reload && sudo systemctl restart kubelet'`,
        },
      ]
    : [];
  return [
    {
      label: `Drain ${name}`,
      command: `kubectl --context ${cluster} drain ${name} --ignore-daemonsets --delete-emptydir-data`,
    },
    ...packages,
    {
      label: `Uncordon ${name}`,
      command: `kubectl --context ${cluster} uncordon ${name}`,
    },
  ];
}

function reservesFirstItem(side: ClusterSideView, sides: ClusterSideView[]) {
  const current = parseKubernetesVersion(side.version);
  const reserves = sides.filter(s => s !== side);
  const behind = reserves.filter(reserve => {
    const version = parseKubernetesVersion(reserve.version);
    return !current || !version || minorsApart(version, current) < 1;
  });
  const basics = {
    id: `${side.cluster.name}.reserves-first`,
    cluster: side.cluster.name,
    title: 'The reserves run the next minor already',
  };
  if (reserves.length === 0) {
    return computedItem({
      ...basics,
      state: 'not-applicable',
      message: 'The service has no reserve',
    });
  }
  return behind.length === 0
    ? computedItem({
        ...basics,
        state: 'pass',
        message: 'Every reserve was upgraded first',
      })
    : computedItem({
        ...basics,
        state: 'warn',
        message: `Upgrade ${behind
          .map(r => r.cluster.name)
          .join(
            ', ',
          )} first: a failed primary upgrade then has somewhere to go`,
      });
}

function section(
  side: ClusterSideView,
  sides: ClusterSideView[],
  context: RunbookContext,
): RunbookSection {
  const cluster = side.cluster.name;
  const managed = side.cluster.managedControlPlane === true;
  const version = parseKubernetesVersion(side.version);
  const next = version ? nextMinorOf(version) : undefined;
  const nextText = next ?? 'the next minor';
  const nodes = inUpgradeOrder(side.nodes ?? []).filter(
    n => !managed || !isControlPlane(n),
  );
  const safety = drainSafety(side);
  const upgrade: ClusterUpgradeFacts = {
    ...(side.version ? { currentVersion: side.version } : {}),
    ...(version && next
      ? { currentMinor: minorOf(version), nextMinor: next }
      : {}),
    removedApisInUse: removedApisUnknown,
    managedControlPlane: managed,
    nodes: nodes.map(node => ({
      name: nodeName(node),
      role: isControlPlane(node) ? 'control-plane' : 'worker',
      ...(kubeletVersionOf(node)
        ? { kubeletVersion: kubeletVersionOf(node) }
        : {}),
      ...(zoneOf(node) ? { zone: zoneOf(node) } : {}),
    })),
  };
  const firstMaster = nodes.find(isControlPlane);
  const items: RunbookItem[] = [
    ...(side.cluster.role === 'primary'
      ? [reservesFirstItem(side, sides)]
      : []),
    checkItem(context, {
      id: `${cluster}.version-skew`,
      cluster,
      title: 'Versions within the skew policy',
      checkId: 'platform.version-skew',
    }),
    managed
      ? manualItem(context, runbook, {
          id: `${cluster}.control-plane`,
          cluster,
          title: `Upgrade the managed control plane to ${nextText} with the provider`,
        })
      : manualItem(context, runbook, {
          id: `${cluster}.plan`,
          cluster,
          title: `Plan the upgrade to ${nextText}`,
          description:
            'Point the package repository at the next minor, then let kubeadm name the target patch release.',
          commands:
            firstMaster && version && next
              ? [
                  {
                    label: `Point ${nodeName(
                      firstMaster,
                    )} at the ${next} packages`,
                    command: `ssh ${nodeName(
                      firstMaster,
                    )} 'sudo sed -i "s#/v${minorOf(
                      version,
                    )}/#/v${next}/#" /etc/apt/sources.list.d/kubernetes.list && sudo apt-get update'`,
                  },
                  {
                    label: 'Plan',
                    command: `ssh ${nodeName(
                      firstMaster,
                    )} sudo kubeadm upgrade plan`,
                  },
                ]
              : [],
        }),
    ...nodes.flatMap(node => {
      const name = nodeName(node);
      return [
        computedItem({
          id: `${cluster}.${name}.drain-safe`,
          cluster,
          title: `The service tolerates a drain of ${name}`,
          description: drainSafetyBasis,
          ...safety,
        }),
        manualItem(context, runbook, {
          id: `${cluster}.${name}.upgrade`,
          cluster,
          title: `${
            isControlPlane(node) ? 'Control-plane node' : 'Worker'
          } ${name}: drain, upgrade, uncordon`,
          commands: nodeCommands(cluster, node, next, node === firstMaster),
        }),
      ];
    }),
  ];
  return {
    id: cluster,
    title: `${cluster}: ${
      side.version ?? 'version unknown'
    } \u2192 ${nextText}`,
    cluster,
    role: side.cluster.role,
    upgrade,
    items,
  };
}

/**
 * Cluster upgrade, one minor at a time: the reserves first, then the primary; on each
 * cluster the control-plane nodes one by one, then the workers: drain, upgrade, uncordon.
 */
export function upgradeRunbook(context: RunbookContext): Runbook {
  const sides = platformSides(context.view);
  const ordered = [
    ...sides.filter(s => s.cluster.role === 'reserve'),
    ...sides.filter(s => s.cluster.role !== 'reserve'),
  ];
  const sections = ordered.map(side => section(side, sides, context));
  return {
    id: runbook,
    title: 'Cluster upgrade',
    description:
      'One minor version at a time, reserves first, so the primary always has an upgraded place to fail over to. Commands assume kubeadm clusters installed from pkgs.k8s.io, SSH access by node name and kubeconfig contexts named after the clusters.',
    sections,
    progress: progressOf(sections.flatMap(s => s.items)),
  };
}
