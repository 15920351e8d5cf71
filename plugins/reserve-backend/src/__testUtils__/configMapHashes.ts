import { digestConfigMap } from '../clusters/compactObjects';

/**
 * The hash snapshots keep of a ConfigMap's key with this value (clusters/compactObjects):
 * tests tell a snapshot's ConfigMap values by it.
 */
export function configMapValueHash(value: string): string {
  return digestConfigMap({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {},
    data: { key: value },
  }).keyHashes.key;
}
