/** A namespaced resource of an entity that a backup must contain, e.g. `deployments.apps`. */
export interface GroupResource {
  resource: string;
  group: string;
}

// The names Velero's discovery helper resolves for the resources Kube Reserve asks about:
// plural, singular and short name, as `kubectl api-resources` lists them.
const known: ReadonlyArray<GroupResource & { names: readonly string[] }> = [
  { resource: 'deployments', group: 'apps', names: ['deployment', 'deploy'] },
  { resource: 'statefulsets', group: 'apps', names: ['statefulset', 'sts'] },
  { resource: 'daemonsets', group: 'apps', names: ['daemonset', 'ds'] },
  { resource: 'cronjobs', group: 'batch', names: ['cronjob', 'cj'] },
  { resource: 'pods', group: '', names: ['pod', 'po'] },
  {
    resource: 'persistentvolumeclaims',
    group: '',
    names: ['persistentvolumeclaim', 'pvc'],
  },
];

/** How Velero writes a group-resource: `deployments.apps`, or `pods` for the core group. */
export function groupResourceString({
  resource,
  group,
}: GroupResource): string {
  return group ? `${resource}.${group}` : resource;
}

/**
 * The group-resource Velero compares an include/exclude item with. Velero resolves each item
 * through API discovery (so `deploy` and `Deployment` mean `deployments.apps`) and keeps an
 * item it cannot resolve as written, which then only matches as a glob.
 */
export function resolveResourceItem(item: string): string {
  const lower = item.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const match = known.find(
    k =>
      (k.resource === name || k.names.includes(name)) &&
      (group === undefined || group === k.group),
  );
  return match ? groupResourceString(match) : item;
}
