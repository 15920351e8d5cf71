/**
 * Real Kubernetes control planes started from cluster-sim fixtures: etcd, kube-apiserver with
 * RBAC, controller manager, scheduler and KWOK, built from source by
 * `scripts/build-kube-binaries.sh`.
 *
 * @packageDocumentation
 */

export { startControlPlanes } from './startControlPlanes';
export type {
  ControlPlanes,
  ControlPlanesOptions,
  RealCluster,
} from './startControlPlanes';
export { KubeApi, KubeApiError } from './KubeApi';
export type {
  ObjectStore,
  RunningVelero,
  VeleroOptions,
  VeleroServer,
} from './velero';
export type { KubeObject, KubeWatch, WatchEvent } from './KubeApi';
export { crdsOf, policyRulesOf, rbacObjectsOf } from './seed';
