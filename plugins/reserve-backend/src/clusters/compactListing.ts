import type { KubernetesObject } from '@kubernetes/client-node';
import { withoutBulkyMetadata } from './compactObjects';

/** The most the API server lets one object's annotations weigh, keys and values together. */
export const ANNOTATIONS_LIMIT_BYTES = 256 * 1024;

/** A listing as the collector keeps it, with what it left out and why. */
export interface CompactListing {
  items: KubernetesObject[];
  /** One sentence per kind of trouble found in the answer; empty when it was sound. */
  problems: string[];
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

function describeObject(item: KubernetesObject): string {
  const { namespace, name } = item.metadata!;
  return namespace ? `${namespace}/${name}` : name!;
}

// Annotations past the API server's limit cannot have come from a sound API server; the
// largest go first until the rest fit, so an object's other annotations stay readable.
function withinAnnotationsLimit(item: KubernetesObject): {
  item: KubernetesObject;
  dropped: string[];
} {
  const annotations = item.metadata?.annotations;
  if (!annotations) return { item, dropped: [] };
  const sizes = Object.entries(annotations).map(
    ([key, value]) => [key, key.length + (value?.length ?? 0)] as const,
  );
  let total = sizes.reduce((sum, [, size]) => sum + size, 0);
  if (total <= ANNOTATIONS_LIMIT_BYTES) return { item, dropped: [] };
  const kept = { ...annotations };
  const dropped: string[] = [];
  for (const [key, size] of [...sizes].sort((a, b) => b[1] - a[1])) {
    if (total <= ANNOTATIONS_LIMIT_BYTES) break;
    delete kept[key];
    total -= size;
    dropped.push(`${key} (${describeSize(size)})`);
  }
  return {
    item: { ...item, metadata: { ...item.metadata, annotations: kept } },
    dropped,
  };
}

/**
 * Keeps what checks can use of a listing, compacted by `compact`: an object without a name is
 * skipped (no entity can select it, and no sound API server sends one), and annotations past
 * what the API server stores are dropped, so that one malformed object neither sinks the
 * listing nor weighs on every snapshot, report and plan. Each problem is named.
 */
export function compactListing(
  items: readonly KubernetesObject[],
  compact: (item: KubernetesObject) => KubernetesObject = withoutBulkyMetadata,
): CompactListing {
  const problems: string[] = [];
  const named = items.filter(
    item => typeof item?.metadata?.name === 'string' && item.metadata.name,
  );
  const nameless = items.length - named.length;
  if (nameless > 0) {
    problems.push(
      `skipped ${nameless} ${
        nameless === 1 ? 'object' : 'objects'
      } without metadata.name`,
    );
  }
  const trimmed: string[] = [];
  const kept = named.map(original => {
    const { item, dropped } = withinAnnotationsLimit(original);
    if (dropped.length > 0) {
      trimmed.push(`${describeObject(item)}: ${dropped.join(', ')}`);
    }
    return compact(item);
  });
  if (trimmed.length > 0) {
    const shown = trimmed.slice(0, 3).join('; ');
    const more = trimmed.length > 3 ? `; and ${trimmed.length - 3} more` : '';
    problems.push(
      `dropped annotations past the API server's ${describeSize(
        ANNOTATIONS_LIMIT_BYTES,
      )} limit from ${shown}${more}`,
    );
  }
  return { items: kept, problems };
}
