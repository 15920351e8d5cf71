function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The list fields whose items the API server merges by a key instead of replacing the list, as
 * their `patchMergeKey` tags declare in the Kubernetes types. Only fields of the kinds the
 * simulator serves are listed; any other list is replaced, like a list without the tag.
 */
const MERGE_KEYS: Record<string, (items: any[]) => string> = {
  containers: () => 'name',
  initContainers: () => 'name',
  ephemeralContainers: () => 'name',
  env: () => 'name',
  volumes: () => 'name',
  imagePullSecrets: () => 'name',
  volumeMounts: () => 'mountPath',
  volumeDevices: () => 'devicePath',
  hostAliases: () => 'ip',
  topologySpreadConstraints: () => 'topologyKey',
  conditions: () => 'type',
  // Container ports merge by containerPort, Service ports by port.
  ports: items =>
    items.some(i => isObject(i) && 'containerPort' in i)
      ? 'containerPort'
      : 'port',
};

function mergeList(field: string, target: unknown, patch: any[]): unknown[] {
  const keyOf = MERGE_KEYS[field];
  if (!keyOf || !Array.isArray(target) || !patch.every(isObject)) {
    return patch
      .filter(i => !(isObject(i) && i.$patch === 'delete'))
      .map(i => strip(i));
  }
  const key = keyOf([...patch, ...target]);
  const result: any[] = target.map(i => structuredClone(i));
  for (const item of patch) {
    const index = result.findIndex(
      existing => isObject(existing) && existing[key] === item[key],
    );
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = applyStrategicMergePatch(result[index], item);
    } else {
      result.push(strip(item));
    }
  }
  return result;
}

/** Removes patch directives from a value that is inserted rather than merged. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!k.startsWith('$') && v !== null) out[k] = strip(v);
  }
  return out;
}

/**
 * Applies a strategic merge patch for the fields the simulator's kinds carry: maps merge, null
 * deletes, keyed lists (containers, env, ports, volumes, ...) merge item by item, and items
 * carrying `$patch: delete` are removed. Other directives (`$setElementOrder`, `$retainKeys`)
 * are accepted and ignored.
 */
export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') return strip(patch);
  const result: Record<string, unknown> = isObject(target)
    ? structuredClone(target)
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(key, result[key], value);
    } else {
      result[key] = applyStrategicMergePatch(result[key], value);
    }
  }
  return result;
}
