import {
  CertificateExpiry,
  Runbook,
  RunbookItem,
  RunbookSection,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSideView } from '../view/EntityView';
import {
  certificateFinding,
  certificateRef,
} from '../checks/platform/certificates';
import {
  platformContextOf,
  platformSides,
} from '../checks/platform/clusterScoped';
import { assessExpiry } from '../platform/certificateExpiry';
import {
  controlPlaneNodeNames,
  onEachControlPlaneNode,
  sshToFirstControlPlaneNode,
} from './controlPlaneNodes';
import {
  RunbookContext,
  checkItem,
  manualItem,
  progressOf,
} from './runbookItems';

const runbook = 'certificate-renewal';

function expiriesOf(
  side: ClusterSideView,
  context: RunbookContext,
): CertificateExpiry[] {
  const platform = platformContextOf(context.view);
  const api = assessExpiry(
    side.apiCertificateNotAfter,
    platform.now,
    platform.thresholds,
  );
  const certificates = (side.certificates ?? []).map(
    (certificate): CertificateExpiry => {
      const finding = certificateFinding(
        certificate,
        side.cluster.name,
        platform,
      );
      const { notAfter, renewalTime } = certificate.status ?? {};
      return {
        subject: certificateRef(certificate),
        ...(notAfter ? { notAfter } : {}),
        ...(renewalTime ? { renewalTime } : {}),
        state: finding?.state ?? 'pass',
        message:
          finding?.text ?? `${certificateRef(certificate)} is Ready and valid`,
      };
    },
  );
  return [
    {
      subject: 'API server serving certificate',
      ...(side.apiCertificateNotAfter
        ? { notAfter: side.apiCertificateNotAfter }
        : {}),
      state: api.state,
      message: api.text,
    },
    ...certificates,
  ];
}

function kubeadmItems(
  side: ClusterSideView,
  context: RunbookContext,
): RunbookItem[] {
  const cluster = side.cluster.name;
  const onEach = (label: string, command: (node: string) => string) =>
    onEachControlPlaneNode(side, label, command);
  const [first] = controlPlaneNodeNames(side);
  return [
    manualItem(context, runbook, {
      id: `${cluster}.check-expiration`,
      cluster,
      title: 'Check every control-plane certificate',
      commands: onEach(
        'Check expiry',
        n => `ssh ${n} sudo kubeadm certs check-expiration`,
      ),
    }),
    manualItem(context, runbook, {
      id: `${cluster}.renew`,
      cluster,
      title: 'Renew the certificates on every control-plane node',
      commands: onEach('Renew', n => `ssh ${n} sudo kubeadm certs renew all`),
    }),
    manualItem(context, runbook, {
      id: `${cluster}.restart-control-plane`,
      cluster,
      title: 'Restart the control-plane pods, one node at a time',
      description:
        'Static pods only load the renewed certificates when restarted: move their manifests away, wait for the kubelet to stop them, move them back.',
      commands: onEach(
        'Restart control-plane pods',
        n =>
          `ssh ${n} 'sudo mkdir -p /etc/kubernetes/manifests.off && sudo mv /etc/kubernetes/manifests/*.yaml /etc/kubernetes/manifests.off/ && sleep 20 && sudo mv /etc/kubernetes/manifests.off/*.yaml /etc/kubernetes/manifests/'`,
      ),
    }),
    manualItem(context, runbook, {
      id: `${cluster}.refresh-kubeconfigs`,
      cluster,
      title: 'Refresh the admin kubeconfigs',
      description:
        'kubeadm renews the client certificates embedded in admin.conf: copy it again wherever it is used. Kube Reserve\u2019s service account token is not affected.',
      commands: [
        {
          label: `Copy admin.conf from ${
            first ?? `the first control-plane node of ${cluster}`
          }`,
          command: `${sshToFirstControlPlaneNode(
            side,
          )} sudo cat /etc/kubernetes/admin.conf > ~/.kube/${cluster}.conf`,
        },
      ],
    }),
  ];
}

function section(
  side: ClusterSideView,
  context: RunbookContext,
): RunbookSection {
  const cluster = side.cluster.name;
  const managed = side.cluster.managedControlPlane === true;
  const certificates = side.certificates ?? [];
  const items: RunbookItem[] = [
    ...(managed ? [] : kubeadmItems(side, context)),
    ...(certificates.length > 0
      ? [
          manualItem(context, runbook, {
            id: `${cluster}.renew-service-certificates`,
            cluster,
            title:
              'Renew the service\u2019s cert-manager Certificates that are failing or due',
            commands: certificates.map(c => ({
              label: `Renew ${certificateRef(c)}`,
              command: `cmctl --context ${cluster} -n ${c.metadata?.namespace} renew ${c.metadata?.name}`,
            })),
          }),
        ]
      : []),
    checkItem(context, {
      id: `${cluster}.new-expiry-seen`,
      cluster,
      title: 'The new API server certificate expiry is seen',
      checkId: 'platform.api-cert',
    }),
    checkItem(context, {
      id: `${cluster}.certificates-ready`,
      cluster,
      title: 'The service\u2019s Certificates are Ready and far from expiry',
      checkId: 'platform.certificates',
    }),
  ];
  return {
    id: cluster,
    title: managed
      ? `${cluster} (managed control plane: the provider rotates its certificates)`
      : cluster,
    cluster,
    role: side.cluster.role,
    expiries: expiriesOf(side, context),
    items,
  };
}

/** Certificate renewal, per cluster: every expiry date, the kubeadm steps and cert-manager renewals. */
export function certificateRunbook(context: RunbookContext): Runbook {
  const sections = platformSides(context.view).map(side =>
    section(side, context),
  );
  return {
    id: runbook,
    title: 'Certificate renewal',
    description:
      'kubeadm certificates last one year. Renew them on every control-plane node before they expire, then confirm Kube Reserve sees the new dates. Commands assume SSH access by node name and kubeconfig contexts named after the clusters.',
    sections,
    progress: progressOf(sections.flatMap(s => s.items)),
  };
}
