import { CheckDefinition } from './definition';

/** Checks of how the entity's workloads survive trouble within one cluster. */
export const workloadChecks = [
  {
    id: 'workload.replicas',
    title: 'More than one replica',
    category: 'workload',
    severity: 'high',
    rationale:
      'A single replica goes down with its node, and every node drain of an upgrade becomes an outage.',
    remediation: {
      text: 'Run at least two replicas, or give the HorizontalPodAutoscaler a `minReplicas` of two or more.',
      command:
        'kubectl --context <cluster> -n <namespace> scale deployment/<name> --replicas=2',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#scaling-a-deployment',
  },
  {
    id: 'workload.pdb',
    title: 'A PodDisruptionBudget that still allows drains',
    category: 'workload',
    severity: 'high',
    rationale:
      'Without a PodDisruptionBudget a drain may evict every replica at once; with one that allows no disruption, drains hang and upgrades stall.',
    remediation: {
      text: 'Create one PodDisruptionBudget selecting the pods, with `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
      command:
        'kubectl --context <cluster> -n <namespace> create poddisruptionbudget <name> --selector=<label>=<value> --max-unavailable=1',
    },
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  },
  {
    id: 'workload.spread',
    title: 'Pods spread across nodes and zones',
    category: 'workload',
    severity: 'medium',
    rationale:
      'Replicas that the scheduler packs onto one node or one zone fail together, so the second replica protects nothing.',
    remediation: {
      text: 'Add `topologySpreadConstraints` (or `podAntiAffinity`) on `kubernetes.io/hostname`, and on `topology.kubernetes.io/zone` where the nodes span zones.',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
  },
  {
    id: 'workload.probes',
    title: 'Readiness and liveness probes',
    category: 'workload',
    severity: 'medium',
    rationale:
      'Without a readiness probe, traffic reaches pods that cannot serve yet (for instance right after a failover, before the database answers); without a liveness probe a hung process is never restarted.',
    remediation: {
      text: 'Give every container a `readinessProbe`, and a `livenessProbe` that fails only when a restart helps.',
    },
    docsUrl:
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  },
  {
    id: 'workload.resources',
    title: 'CPU and memory requests',
    category: 'workload',
    severity: 'low',
    rationale:
      'Requests are what the scheduler places pods by and what a reserve must have room for; without them capacity cannot be planned.',
    remediation: {
      text: 'Set `resources.requests.cpu` and `resources.requests.memory` on every container.',
      command:
        'kubectl --context <cluster> -n <namespace> set resources deployment/<name> --requests=cpu=100m,memory=128Mi',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  },
  {
    id: 'workload.image-pinned',
    title: 'Images pinned to a tag or digest',
    category: 'workload',
    severity: 'medium',
    rationale:
      '`:latest` or an untagged image resolves to whatever the registry holds when a node pulls it, so the reserve may start different code from the primary.',
    remediation: {
      text: 'Reference images by an immutable version tag or, better, by digest.',
      command:
        'kubectl --context <cluster> -n <namespace> set image deployment/<name> <container>=<image>:<version>',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  },
  {
    id: 'workload.available',
    title: 'All replicas available',
    category: 'workload',
    severity: 'high',
    rationale:
      'Replicas that are desired but not available now are capacity the service does not have when it needs it.',
    remediation: {
      text: 'Look at the rollout and the pods that are not ready (image pulls, crash loops, unschedulable pods).',
      command:
        'kubectl --context <cluster> -n <namespace> rollout status deployment/<name>',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#deployment-status',
  },
] as const satisfies readonly CheckDefinition[];
