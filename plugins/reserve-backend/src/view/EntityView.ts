import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Endpoints,
  V1Ingress,
  V1IngressClass,
  V1Lease,
  V1Node,
  V1PersistentVolumeClaim,
  V1PodDisruptionBudget,
  V1ResourceQuota,
  V1Service,
  V1StatefulSet,
  V1StorageClass,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import {
  ClusterFacts,
  ClusterStatus,
  DrillRecord,
  EntityPolicy,
} from '@kube-reserve/plugin-reserve-common';
import { COLLECTED_KINDS, ViewListName } from '../clusters/collectedKinds';
import { CertManagerCertificate } from '../kube/certManagerTypes';
import { PlatformThresholds } from '../platform/thresholds';
import {
  VeleroBackup,
  VeleroBackupStorageLocation,
  VeleroRestore,
  VeleroSchedule,
} from '../kube/veleroTypes';

/**
 * A ConfigMap reduced to one hash per key (of `data` and `binaryData`): values, which may
 * weigh megabytes, are not kept. Equal values give equal hashes on every cluster.
 */
export interface ConfigMapDigest {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  keyHashes: Record<string, string>;
}

/**
 * A Secret reduced to one keyed hash (HMAC) per key: values never leave the collector.
 *
 * The collector uses one HMAC key for every cluster, so equal values give equal hashes
 * across clusters and a reserve Secret can be told same, different or missing.
 */
export interface SecretDigest {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  type: string;
  keyHashes: Record<string, string>;
}

/**
 * The object lists a cluster side may carry, each keyed by the name checks use.
 *
 * Namespaced lists hold only the entity's objects (its kubernetes-id or label selector in its
 * namespaces); `ingressClasses`, `storageClasses` and `nodes` are cluster-wide facts.
 */
export interface ClusterObjectLists {
  deployments: V1Deployment[];
  statefulSets: V1StatefulSet[];
  daemonSets: V1DaemonSet[];
  cronJobs: V1CronJob[];
  podDisruptionBudgets: V1PodDisruptionBudget[];
  horizontalPodAutoscalers: V2HorizontalPodAutoscaler[];
  services: V1Service[];
  endpoints: V1Endpoints[];
  configMaps: ConfigMapDigest[];
  secrets: SecretDigest[];
  persistentVolumeClaims: V1PersistentVolumeClaim[];
  ingresses: V1Ingress[];
  resourceQuotas: V1ResourceQuota[];
  ingressClasses: V1IngressClass[];
  storageClasses: V1StorageClass[];
  nodes: V1Node[];
  /** kube-system Leases (leader election of scheduler and controller manager). */
  leases: V1Lease[];
  /** cert-manager Certificates in the entity's namespaces. */
  certificates: CertManagerCertificate[];
  /** Every Deployment of the cluster, to find the ingress controller behind an IngressClass. */
  clusterDeployments: V1Deployment[];
  /** Every PDB of the cluster, likewise. */
  clusterPodDisruptionBudgets: V1PodDisruptionBudget[];
  /** Velero objects in the configured Velero namespace; Backups and Restores of every entity. */
  veleroSchedules: VeleroSchedule[];
  veleroBackups: VeleroBackup[];
  veleroRestores: VeleroRestore[];
  veleroBackupStorageLocations: VeleroBackupStorageLocation[];
}

/** Name of one of a cluster side's object lists, e.g. `cronJobs`. */
export type ClusterObjectKind = keyof ClusterObjectLists;

// The table of collected kinds names every list of ClusterObjectLists, and nothing else.
type SameNames<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
const listsMatchTheKindTable: SameNames<ClusterObjectKind, ViewListName> = true;
void listsMatchTheKindTable;

/**
 * The API resource behind each list, from the kind table: the key of that kind in
 * `ClusterStatus.kinds`, and the word messages use ("secrets forbidden on reserve-ams").
 */
export const resourceOfKind = Object.fromEntries(
  COLLECTED_KINDS.flatMap(kind =>
    kind.views.map(({ list }) => [list, kind.key]),
  ),
) as Readonly<Record<ClusterObjectKind, string>>;

/**
 * The entity's objects on one cluster of its pair, as of that cluster's last snapshot.
 *
 * Each list is undefined when that kind could not be read on this cluster (forbidden, failed,
 * never collected): checks then answer unknown for this cluster. An empty list means the
 * kind was read and the entity has none.
 */
export interface ClusterSideView extends Partial<ClusterObjectLists> {
  cluster: ClusterFacts;
  status: ClusterStatus;
  /** The API server's version (`v1.35.1`), once the cluster answered. */
  version?: string;
  /** The API server's serving certificate notAfter (ISO 8601), once read. */
  apiCertificateNotAfter?: string;
  /**
   * When the Leases were last seen (ISO 8601): their listing, or the watch's last report of
   * them. A Lease renewed every few seconds is judged as it was then, not against a later now.
   */
  leasesSeenAt?: string;
}

/** Everything the checks may know about one entity: plain data, no cluster calls. */
export interface EntityView {
  /** e.g. `component:default/shop`. */
  entityRef: string;
  /** The namespaces the entity's objects were looked up in. */
  namespaces: string[];
  policy: EntityPolicy;
  /** The primary of the entity's pair; absent when no pair names one or it is not configured. */
  primary?: ClusterSideView;
  /** One side per reserve of the pair that is a configured cluster, in the pair's order. */
  reserves: ClusterSideView[];
  /** Cluster names the pair mentions that no `reserve.clusters` entry configures. */
  unconfiguredClusters: string[];
  /**
   * Set while the entity is failed over, on the view its checks judge: the pair's configured
   * primary, now one of `reserves` (the serving cluster is `primary`).
   */
  formerPrimary?: string;
  /** The instant checks measure ages and expiries against. */
  now: Date;
  /**
   * The entity's restore drills recorded by Kube Reserve, newest first: Restore objects are
   * not synced between clusters and disappear with their backup, so the clusters alone forget.
   */
  drills: DrillRecord[];
  /** Certificate expiry thresholds (`reserve.defaults.certWarning`); absent: the built-in 30d / 7d. */
  thresholds?: PlatformThresholds;
}
