import { putObject } from '../api/objectWrites';
import { ClusterState } from '../cluster/ClusterState';
import { KindInfo } from '../kinds/kindTable';
import { jsonEqual } from '../store/jsonEqual';
import { KubeObject } from '../store/ObjectStore';

/** The annotation that keeps controllers away from an object's status (a pinned state for demos). */
export const HOLD_STATUS_ANNOTATION = 'cluster-sim.kube-reserve.io/hold-status';

/** Whether a fixture pinned the object's status. */
export function isStatusHeld(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[HOLD_STATUS_ANNOTATION] === 'true';
}

/**
 * Writes a controller's change to an object, unless nothing changed: controllers run every tick,
 * and a write that changes nothing would still cost a resourceVersion and a watch event.
 */
export function saveIfChanged(
  cluster: ClusterState,
  info: KindInfo,
  before: KubeObject,
  after: KubeObject,
): KubeObject {
  if (jsonEqual(before, after)) return before;
  return putObject(cluster, info, after);
}
