import { RegisteredCheck } from './CheckFunction';
import { checkCapacity } from './parity/capacity';
import { checkCronJobs } from './parity/cronJobs';
import { checkDeployed } from './parity/deployed';
import { checkExternalServices } from './parity/externalServices';
import { checkImages } from './parity/images';
import { checkIngress } from './parity/ingress';
import { checkSiteConfig } from './parity/siteConfig';
import { checkSpec } from './parity/spec';
import { checkStorage } from './parity/storage';
import { checkFailureDomain } from './topology/failureDomain';
import { checkReachable } from './topology/reachable';
import { checkReserveExists } from './topology/reserveExists';
import { checkAvailable } from './workload/available';
import { checkImagesPinned } from './workload/imagePinned';
import { checkPodDisruptionBudgets } from './workload/pdb';
import { checkProbes } from './workload/probes';
import { checkReplicas } from './workload/replicas';
import { checkResourceRequests } from './workload/resources';
import { checkSpread } from './workload/spread';

/** Every implemented check, in catalogue order; backup.* and platform.* are not implemented yet. */
export const implementedChecks: readonly RegisteredCheck[] = [
  { id: 'topology.reserve-exists', run: checkReserveExists },
  { id: 'topology.failure-domain', run: checkFailureDomain },
  { id: 'topology.reachable', run: checkReachable },
  { id: 'workload.replicas', run: checkReplicas },
  { id: 'workload.pdb', run: checkPodDisruptionBudgets },
  { id: 'workload.spread', run: checkSpread },
  { id: 'workload.probes', run: checkProbes },
  { id: 'workload.resources', run: checkResourceRequests },
  { id: 'workload.image-pinned', run: checkImagesPinned },
  { id: 'workload.available', run: checkAvailable },
  { id: 'parity.deployed', run: checkDeployed },
  { id: 'parity.images', run: checkImages },
  { id: 'parity.spec', run: checkSpec },
  { id: 'parity.capacity', run: checkCapacity },
  { id: 'parity.site-config', run: checkSiteConfig },
  { id: 'parity.cronjobs', run: checkCronJobs },
  { id: 'parity.external-services', run: checkExternalServices },
  { id: 'parity.storage', run: checkStorage },
  { id: 'parity.ingress', run: checkIngress },
];
