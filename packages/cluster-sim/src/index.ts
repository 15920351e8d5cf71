/**
 * A Kubernetes API simulator serving several clusters over HTTPS, for Kube Reserve's demo and tests.
 *
 * @packageDocumentation
 */

export { startSimulator } from './simulator';
export type {
  SimulatorOptions,
  Simulator,
  SimulatedCluster,
  FaultSwitch,
  RequestTally,
} from './simulator';
export type { ArrivedRequest, RequestCounts } from './server/RequestCounter';
export type { ObjectChange } from './cluster/ClusterObjects';
export { AdminServer } from './admin/AdminServer';
export { ClusterObjects } from './cluster/ClusterObjects';
export type {
  ClusterFixture,
  ClusterDefinition,
  NodeDefinition,
} from './fixtures/ClusterFixture';
export { FixtureError } from './fixtures/FixtureError';
export { loadFixtures, loadClusterFolder } from './fixtures/loadFixtures';
export type { Faults } from './faults/FaultState';
export type { TokenDefinition, TokenRule } from './auth/tokens';
export type { KubeObject } from './store/ObjectStore';
export { BucketStore } from './velero/BucketStore';
export type { StoredBackup, BucketLocation } from './velero/BucketStore';
export { kindTable } from './kinds/kindTable';
export type { KindInfo } from './kinds/kindTable';
export { FAIL_ANNOTATION } from './velero/backupController';
export { HOLD_STATUS_ANNOTATION } from './controllers/saveIfChanged';
export { RENEW_ANNOTATION } from './controllers/leaseController';
// For starting real control planes from the same fixtures (packages/control-planes).
export {
  createCertificateAuthority,
  generateKeyPair,
  issueServingCertificate,
} from './tls/certificates';
export type {
  CertificateAuthority,
  KeyPair,
  ServingCertificate,
} from './tls/certificates';
export { parseInstant } from './fixtures/placeholders';
export { userOf } from './auth/tokens';
export { buildKubeconfig, chooseToken } from './kubeconfig';
