import { ClusterPair } from '@kube-reserve/plugin-reserve-common';
import { ParsedValue } from './policyValues';

/** The fields of a pair an entity's `kube-reserve.io/clusters` annotation overrides. */
export type ClusterOverride = Partial<ClusterPair>;

/**
 * Reads `primary=prod-fra,reserves=reserve-ams,reserve-lon`.
 *
 * Commas separate both keys and list items: an entry without `=` continues the previous
 * key's list, so several reserves need no second separator.
 */
export function parseClusterOverride(
  text: string,
): ParsedValue<ClusterOverride> {
  const values = new Map<string, string[]>();
  let currentKey: string | undefined;
  for (const entry of text
    .split(',')
    .map(e => e.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf('=');
    if (separator >= 0) {
      currentKey = entry.slice(0, separator).trim();
      if (values.has(currentKey)) {
        return { problem: `'${currentKey}' is given twice` };
      }
      values.set(currentKey, []);
      const first = entry.slice(separator + 1).trim();
      if (first) values.get(currentKey)!.push(first);
    } else if (currentKey) {
      values.get(currentKey)!.push(entry);
    } else {
      return { problem: `'${entry}' is not of the form key=value` };
    }
  }

  const unknownKeys = [...values.keys()].filter(
    key => key !== 'primary' && key !== 'reserves',
  );
  if (unknownKeys.length > 0) {
    return {
      problem: `unknown key ${unknownKeys
        .map(k => `'${k}'`)
        .join(', ')}; expected primary=<cluster>,reserves=<cluster>,...`,
    };
  }
  if (values.size === 0) {
    return {
      problem: 'is empty; expected primary=<cluster>,reserves=<cluster>,...',
    };
  }

  const override: ClusterOverride = {};
  const primary = values.get('primary');
  if (primary) {
    if (primary.length !== 1) {
      return { problem: 'primary names exactly one cluster' };
    }
    override.primary = primary[0];
  }
  const reserves = values.get('reserves');
  if (reserves) {
    if (reserves.length === 0) {
      return { problem: 'reserves names no cluster' };
    }
    override.reserves = [...new Set(reserves)];
  }
  if (override.primary && override.reserves?.includes(override.primary)) {
    return { problem: `${override.primary} cannot be its own reserve` };
  }
  return { value: override };
}

/**
 * The entity's pair: its override over the configured pair.
 *
 * An entity does not name its primary by default, so the first configured pair is the
 * default pair. When the override names a primary, its reserves default to those of the
 * configured pair with that primary (none if there is no such pair).
 */
export function resolveClusterPair(
  override: ClusterOverride,
  pairs: readonly ClusterPair[],
): ClusterPair | undefined {
  const base = override.primary
    ? pairs.find(pair => pair.primary === override.primary) ?? {
        primary: override.primary,
        reserves: [],
      }
    : pairs[0];
  if (!base) {
    return undefined;
  }
  const primary = override.primary ?? base.primary;
  const reserves = (override.reserves ?? base.reserves).filter(
    name => name !== primary,
  );
  return { primary, reserves };
}
