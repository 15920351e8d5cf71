import { CheckDefinition } from './definition';

/** Checks that the reserve holds what the primary runs, differing only where it must. */
export const parityChecks = [
  {
    id: 'parity.deployed',
    title: 'Every workload is deployed on the reserve',
    category: 'parity',
    severity: 'critical',
    rationale:
      'A workload missing from the reserve is a part of the service that does not come back after a failover.',
    remediation: {
      text: 'Let CI roll the same manifests into the reserve as into the primary (parallel deployment).',
      command:
        'kubectl --context <reserve-cluster> -n <namespace> apply -f <manifests>',
    },
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/',
  },
  {
    id: 'parity.images',
    title: 'Same images on both sides',
    category: 'parity',
    severity: 'critical',
    rationale:
      'A reserve running another image version turns a failover into an unplanned rollback or roll forward.',
    remediation: {
      text: 'Deploy the same image tag or digest to the reserve as to the primary.',
      command:
        'kubectl --context <reserve-cluster> -n <namespace> set image deployment/<name> <container>=<primary-image>',
    },
    docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/',
  },
  {
    id: 'parity.spec',
    title: 'Same pod templates on both sides',
    category: 'parity',
    severity: 'medium',
    rationale:
      'Beyond replicas and site configuration, the reserve should run exactly what the primary runs; any other difference is drift that surprises during a failover.',
    remediation: {
      text: 'Apply the primary manifests to the reserve; keep site differences in the declared site-config ConfigMaps and Secrets.',
      command:
        'kubectl --context <reserve-cluster> -n <namespace> diff -f <manifests>',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/workloads/pods/#pod-templates',
  },
  {
    id: 'parity.capacity',
    title: 'Reserve sized for its mode',
    category: 'parity',
    severity: 'high',
    rationale:
      'A hot reserve must carry full traffic, a warm one its share of the replica ratio, and a cold one must at least have quota to scale up to the primary.',
    remediation: {
      text: 'Scale the reserve to its target size; for a cold reserve, raise the namespace ResourceQuota to fit the primary.',
      command:
        'kubectl --context <reserve-cluster> -n <namespace> scale deployment/<name> --replicas=<target>',
    },
    docsUrl: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
  },
  {
    id: 'parity.site-config',
    title: 'Site configuration differs where it must',
    category: 'parity',
    severity: 'high',
    rationale:
      'ConfigMaps and Secrets naming a database or endpoint must differ between sites: a reserve configured like the primary writes to the primary\u2019s burned-down database.',
    remediation: {
      text: 'Create the declared site-config objects on both sides with each site\u2019s own values; declare in `kube-reserve.io/site-config` any other object that differs on purpose.',
      command:
        'kubectl --context <reserve-cluster> -n <namespace> create secret generic <name> --from-env-file=<reserve-values.env>',
    },
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/configmap/',
  },
  {
    id: 'parity.cronjobs',
    title: 'CronJobs run on one side only',
    category: 'parity',
    severity: 'critical',
    rationale:
      'CronJobs active on both clusters do every job twice (customers get every e-mail twice); suspended on the primary, they do not run at all.',
    remediation: {
      text: 'Suspend the reserve\u2019s CronJobs and keep the primary\u2019s active (or annotate `kube-reserve.io/cronjobs: everywhere` when running twice is intended).',
      command:
        'kubectl --context <reserve-cluster> -n <namespace> patch cronjob <name> -p \'{"spec":{"suspend":true}}\'',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-suspension',
  },
  {
    id: 'parity.external-services',
    title: 'External dependencies behind a Service',
    category: 'parity',
    severity: 'medium',
    rationale:
      'When databases and APIs are reached through an ExternalName or selectorless Service, a failover changes one address instead of fifteen deployments; raw IPs in environment variables are missed.',
    remediation: {
      text: 'Create an ExternalName Service (or a selectorless Service with Endpoints) per external dependency on both sides, and point the workloads at its name.',
      command:
        'kubectl --context <cluster> -n <namespace> create service externalname <name> --external-name=<host>',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors',
  },
  {
    id: 'parity.storage',
    title: 'Storage classes exist on the reserve',
    category: 'parity',
    severity: 'high',
    rationale:
      'A PersistentVolumeClaim whose StorageClass the reserve lacks stays Pending, and its pods never start.',
    remediation: {
      text: 'Create the StorageClass on the reserve (or mark one as default), and make sure the volumes\u2019 data is backed up where the reserve can restore it.',
      command: 'kubectl --context <reserve-cluster> get storageclass',
    },
    docsUrl: 'https://kubernetes.io/docs/concepts/storage/storage-classes/',
  },
  {
    id: 'parity.ingress',
    title: 'Ingress hosts and class on the reserve',
    category: 'parity',
    severity: 'medium',
    rationale:
      'Traffic can only be switched to the reserve if it has an Ingress for the same hosts, served by an IngressClass that exists there.',
    remediation: {
      text: 'Deploy the Ingress to the reserve and install the IngressClass it names.',
      command: 'kubectl --context <reserve-cluster> get ingressclass',
    },
    docsUrl:
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class',
  },
] as const satisfies readonly CheckDefinition[];
