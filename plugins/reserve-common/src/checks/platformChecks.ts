import { CheckDefinition } from './definition';

/** Checks of the clusters themselves: certificates, versions, control plane, nodes. */
export const platformChecks = [
  {
    id: 'platform.api-cert',
    title: 'API server certificate valid',
    category: 'platform',
    severity: 'critical',
    rationale:
      'kubeadm certificates last one year; when the API server\u2019s expires, nothing can be deployed or failed over to that cluster.',
    remediation: {
      text: 'Renew the control-plane certificates on every control-plane node, restart the control-plane pods and refresh kubeconfigs.',
      command: 'kubeadm certs check-expiration && kubeadm certs renew all',
    },
    docsUrl:
      'https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/',
  },
  {
    id: 'platform.certificates',
    title: 'cert-manager certificates ready',
    category: 'platform',
    severity: 'high',
    rationale:
      'An expired TLS certificate in the entity\u2019s namespaces takes the service down as surely as a lost node.',
    remediation: {
      text: 'Find out why the Certificate is not Ready (issuer, DNS challenge, rate limits) and renew it.',
      command: 'cmctl --context <cluster> -n <namespace> renew <certificate>',
    },
    docsUrl: 'https://cert-manager.io/docs/usage/certificate/',
  },
  {
    id: 'platform.version-supported',
    title: 'Kubernetes version supported',
    category: 'platform',
    severity: 'medium',
    rationale:
      'A minor version past end of life gets no security fixes, and the longer an upgrade waits the more versions it must step through.',
    remediation: {
      text: 'Plan the upgrade one minor version at a time, the reserve first.',
      command: 'kubeadm upgrade plan',
    },
    docsUrl: 'https://kubernetes.io/releases/',
  },
  {
    id: 'platform.version-skew',
    title: 'Versions within the skew policy',
    category: 'platform',
    severity: 'high',
    rationale:
      'Primary and reserve more than one minor apart may not accept the same manifests; kubelets newer than the API server, or more than three minors older, are unsupported.',
    remediation: {
      text: 'Upgrade the lagging cluster or nodes one minor version at a time.',
      command: 'kubectl --context <cluster> get nodes -o wide',
    },
    docsUrl: 'https://kubernetes.io/releases/version-skew-policy/',
  },
  {
    id: 'platform.control-plane',
    title: 'Highly available control plane',
    category: 'platform',
    severity: 'high',
    rationale:
      'etcd needs a majority: three (or five) control-plane nodes survive the loss of one; two survive nothing better than one.',
    remediation: {
      text: 'Run an odd number of at least three control-plane nodes.',
      command:
        'kubeadm join <endpoint> --control-plane --token <token> --discovery-token-ca-cert-hash <hash> --certificate-key <key>',
    },
    docsUrl:
      'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/high-availability/',
  },
  {
    id: 'platform.leader-election',
    title: 'Scheduler and controller manager have a leader',
    category: 'platform',
    severity: 'high',
    rationale:
      'Without a fresh leader lease, nothing schedules pods or reconciles Deployments, so a failover never comes up.',
    remediation: {
      text: 'Look at the kube-scheduler and kube-controller-manager pods and their logs on the control-plane nodes.',
      command: 'kubectl --context <cluster> -n kube-system get lease',
    },
    docsUrl: 'https://kubernetes.io/docs/concepts/architecture/leases/',
  },
  {
    id: 'platform.nodes',
    title: 'Nodes ready and schedulable',
    category: 'platform',
    severity: 'high',
    rationale:
      'With fewer than two ready, schedulable workers, one node failure or drain leaves nowhere to run pods.',
    remediation: {
      text: 'Bring NotReady nodes back or replace them, and uncordon nodes left cordoned after maintenance.',
      command: 'kubectl --context <cluster> uncordon <node>',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/architecture/nodes/#condition',
  },
  {
    id: 'platform.ingress-controller',
    title: 'Redundant ingress controller',
    category: 'platform',
    severity: 'high',
    rationale:
      'All traffic enters through the ingress controller: a single replica without a PodDisruptionBudget is a single point of failure on every drain.',
    remediation: {
      text: 'Run the ingress controller with at least two replicas and a PodDisruptionBudget, on every cluster.',
      command:
        'kubectl --context <cluster> -n <ingress-namespace> scale deployment/<controller> --replicas=2',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/services-networking/ingress-controllers/',
  },
] as const satisfies readonly CheckDefinition[];
