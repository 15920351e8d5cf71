import { CheckId } from './checks';
import { CheckState, ClusterCheckResult } from './report';

/** A cluster-scoped platform check's result on one cluster, with the check it answers for. */
export interface ClusterPlatformCheck extends ClusterCheckResult {
  id: CheckId;
}

/** Where a Kubernetes minor version stands in the upstream support schedule. */
export interface KubernetesSupport {
  /** The minor version, e.g. `1.35`. */
  minor: string;
  /** ISO 8601 date patch releases stop except for critical fixes; absent when the schedule does not say. */
  maintenanceModeStart?: string;
  /** ISO 8601 date the minor gets no more fixes at all. */
  endOfLife: string;
}

/** One leader-election Lease of the control plane, as last seen. */
export interface LeaderLease {
  /** `kube-scheduler` or `kube-controller-manager`. */
  name: string;
  /** The current leader's identity; absent when nobody holds the Lease (or it is missing). */
  holder?: string;
  /** ISO 8601 date-time of the last renewal. */
  renewTime?: string;
  leaseDurationSeconds?: number;
  /** Whether the Lease exists, is held and `now ≤ renewTime + leaseDurationSeconds`. */
  fresh: boolean;
}

/** Node counts of one cluster, as last seen. */
export interface ClusterNodeCounts {
  total: number;
  ready: number;
  controlPlane: number;
  workers: number;
  /** Ready workers that accept pods: not cordoned, no NoSchedule or NoExecute taint. */
  schedulableWorkers: number;
  /** Names of nodes whose Ready condition is not True. */
  notReady: string[];
  /** Names of cordoned nodes (`spec.unschedulable`). */
  cordoned: string[];
}

/**
 * The platform facts of one cluster and its cluster-scoped platform checks (api-cert,
 * version-supported, control-plane, leader-election, nodes), for the platform page and
 * the clusters a team owns. A fact is absent when the cluster's data could not be read.
 */
export interface ClusterPlatformFacts {
  cluster: string;
  /** API server version, e.g. `v1.35.1`. */
  version?: string;
  /** The support schedule of the version's minor; absent when the minor is not in Kube Reserve's data. */
  support?: KubernetesSupport;
  /** The API server's serving certificate notAfter (ISO 8601). */
  apiCertificateNotAfter?: string;
  /** Whole days until that certificate expires (negative once expired). */
  apiCertificateDaysLeft?: number;
  /** True when `reserve.clusters` marks the control plane as managed by the provider. */
  managedControlPlane: boolean;
  /** Nodes carrying the control-plane role label. */
  controlPlaneNodes?: number;
  leaderElection?: LeaderLease[];
  nodes?: ClusterNodeCounts;
  /** Distinct `topology.kubernetes.io/zone` values of the nodes, sorted. */
  zones?: string[];
  /** The cluster-scoped platform checks, in catalogue order. */
  checks: ClusterPlatformCheck[];
  /** The worst state among `checks`. */
  state: CheckState;
}
