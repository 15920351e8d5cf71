import { CheckDefinition } from './definition';

/** Checks of where the entity's clusters stand relative to each other. */
export const topologyChecks = [
  {
    id: 'topology.reserve-exists',
    title: 'A reserve cluster exists',
    category: 'topology',
    severity: 'critical',
    rationale:
      'However many masters it has, one cluster lives in one data centre: a fire, a cut cable or a banned provider takes all of it. Without a reserve there is nowhere to fail over to.',
    remediation: {
      text: 'Configure a reserve cluster for the entity, either through a pair under `reserve.pairs` or with the annotation `kube-reserve.io/clusters: primary=<primary-cluster>,reserves=<reserve-cluster>`, then deploy the service there.',
    },
    docsUrl: 'https://kubernetes.io/docs/setup/best-practices/multiple-zones/',
  },
  {
    id: 'topology.failure-domain',
    title: 'The reserve is in another failure domain',
    category: 'topology',
    severity: 'critical',
    rationale:
      'A reserve in the same site burns down with the primary ("the backup servers were in the same rack"). Another provider and another region also survive a provider-wide or regional outage.',
    remediation: {
      text: 'Move the reserve to another site, preferably at another provider in another region, and record its site, provider and region under `reserve.clusters`.',
    },
    docsUrl: 'https://kubernetes.io/docs/setup/best-practices/multiple-zones/',
  },
  {
    id: 'topology.reachable',
    title: 'Every cluster of the pair answers',
    category: 'topology',
    severity: 'high',
    rationale:
      'A cluster that Kube Reserve cannot read cannot be checked, and a reserve that cannot be reached may not be reachable in an emergency either.',
    remediation: {
      text: 'Check the cluster URL, CA and service account token under `kubernetes.clusterLocatorMethods`, and that the token may list the resources Kube Reserve reads.',
      command:
        'kubectl --context <cluster> auth can-i --list --as=system:serviceaccount:<namespace>:<service-account>',
    },
    docsUrl:
      'https://backstage.io/docs/features/kubernetes/configuration#clusterlocatormethods',
  },
] as const satisfies readonly CheckDefinition[];
