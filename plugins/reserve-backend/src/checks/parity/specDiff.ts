import diff from 'microdiff';

/** One differing field of two specs, before it is tied to a workload and cluster. */
export interface FieldChange {
  path: string;
  primary?: string;
  reserve?: string;
  text: string;
}

// Fields that name a ConfigMap or Secret, by the key of the object holding the name.
const referenceNameFields: Record<string, string> = {
  configMapKeyRef: 'name',
  secretKeyRef: 'name',
  configMapRef: 'name',
  secretRef: 'name',
  configMap: 'name',
  secret: 'secretName',
};

// Template annotations that differ between sites without any difference in what runs:
// restarts stamp `restartedAt`, and Helm charts stamp `checksum/<file>` hashes of their
// (site-specific) configuration to roll pods when it changes.
const isSiteNoiseAnnotation = (key: string) =>
  key === 'kubectl.kubernetes.io/restartedAt' || key.startsWith('checksum/');
const siteConfigPlaceholder = '<site-config>';

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasNames(
  items: Json[],
): items is Array<Record<string, Json> & { name: string }> {
  return (
    items.length > 0 &&
    items.every(i => isRecord(i) && typeof i.name === 'string')
  );
}

/**
 * A copy of a spec made comparable: named lists (containers, env, volumes, ports) become
 * maps keyed `[name=x]` so that order does not matter and paths read well, references to
 * the declared site-config objects become a placeholder, and container images are dropped
 * (parity.images reports those).
 */
function comparable(
  value: Json,
  siteConfig: ReadonlySet<string>,
  key?: string,
): Json {
  if (Array.isArray(value)) {
    if (hasNames(value)) {
      return Object.fromEntries(
        value.map(item => [
          `[name=${item.name}]`,
          comparable(item, siteConfig),
        ]),
      );
    }
    return value.map(item => comparable(item, siteConfig));
  }
  if (!isRecord(value)) return value;
  const copy: Record<string, Json> = {};
  for (const [field, child] of Object.entries(value)) {
    if (field === 'image' && typeof child === 'string') continue;
    if (key === 'annotations' && isSiteNoiseAnnotation(field)) continue;
    copy[field] = comparable(child, siteConfig, field);
  }
  const nameField = key ? referenceNameFields[key] : undefined;
  if (nameField && siteConfig.has(copy[nameField] as string)) {
    copy[nameField] = siteConfigPlaceholder;
  }
  return copy;
}

function renderSegment(segment: string | number): string {
  if (typeof segment === 'number') return `[${segment}]`;
  // Keys made from named list items already read `[name=x]`.
  return segment.startsWith('[') ? segment : `.${segment}`;
}

function renderPath(segments: Array<string | number>): string {
  return segments.map(renderSegment).join('');
}

function render(value: Json): string {
  const json = JSON.stringify(value) ?? 'undefined';
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/**
 * The field-level differences between a primary workload spec and its reserve copy,
 * ignoring `replicas`, a CronJob's `suspend` (both differ on purpose), images and
 * references to site-config objects. Paths start at `spec`.
 */
export function diffWorkloadSpecs(
  primarySpec: object,
  reserveSpec: object,
  siteConfig: readonly string[],
): FieldChange[] {
  const names = new Set(siteConfig);
  const strip = (spec: object) => {
    const {
      replicas: _replicas,
      suspend: _suspend,
      ...rest
    } = spec as Record<string, Json>;
    return comparable(rest, names) as Record<string, Json>;
  };
  return diff(strip(primarySpec), strip(reserveSpec)).map(change => {
    const path = `spec${renderPath(change.path)}`;
    switch (change.type) {
      case 'CHANGE':
        return {
          path,
          primary: render(change.oldValue),
          reserve: render(change.value),
          text: `${path}: ${render(change.oldValue)} → ${render(change.value)}`,
        };
      case 'REMOVE':
        return {
          path,
          primary: render(change.oldValue),
          text: `${path}: ${render(change.oldValue)} → (absent on the reserve)`,
        };
      default:
        return {
          path,
          reserve: render(change.value),
          text: `${path}: (absent on the primary) → ${render(change.value)}`,
        };
    }
  });
}
