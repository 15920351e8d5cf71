import { CheckResult, EntityReport } from '@kube-reserve/plugin-reserve-common';

/** What a report knows to fill a command's placeholders with. */
export interface CommandNames {
  /** The cluster serving as primary now (`roleInPair`). */
  primary?: string;
  /** The clusters that are reserves now (`roleInPair`). */
  reserves: string[];
  /** The namespaces the entity's objects live in. */
  namespaces: string[];
}

/** The names a report holds for commands: clusters by their role now, and namespaces. */
export function commandNamesOf(report: EntityReport): CommandNames {
  return {
    primary: report.clusters.find(c => c.roleInPair === 'primary')?.name,
    reserves: report.clusters
      .filter(c => c.roleInPair === 'reserve')
      .map(c => c.name),
    namespaces: report.namespaces ?? [],
  };
}

interface NamedObject {
  kind: string;
  namespace?: string;
  name: string;
}

const NAME = '[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?';
// Messages name namespaced objects `Kind namespace/name` (see the checks' messages).
const NAMESPACED = new RegExp(
  `\\b(Deployment|StatefulSet|DaemonSet|CronJob|Job|Secret|ConfigMap|Service|PersistentVolumeClaim|PodDisruptionBudget|HorizontalPodAutoscaler|Ingress|Certificate) (${NAME})/(${NAME})`,
  'g',
);
// Velero's objects live in Velero's namespace: messages name them `Schedule name`, `Backup
// name`, or `backup name` for a generated name (with its time stamp).
const VELERO = new RegExp(
  `\\b(Schedule|Backup) (${NAME})|\\bbackup ([a-z0-9-]*\\d[-a-z0-9.]*[a-z0-9])`,
  'g',
);
const EXTERNAL_SERVICE = new RegExp(`\\bexternal service (${NAME})`, 'g');
const CONTAINER = new RegExp(`\\bcontainer (${NAME})`, 'g');
const PRIMARY_IMAGE = /\bbut (\S+) on the primary\b/g;
const TARGET_REPLICAS = /\bbelow the (\d+) that\b/g;
const TRUNCATED = /\band \d+ more\b/;

const FAILING_STATES = ['fail', 'warn', 'unknown'];

function unique<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) seen.set(key(value), value);
  return [...seen.values()];
}

function only<T>(values: T[]): T | undefined {
  return values.length === 1 ? values[0] : undefined;
}

// What the check's failing results say: its message, and each failing cluster's message and
// evidence. A list cut short ("and 2 more") without its evidence names too little to pick one.
function textsOf(check: CheckResult): string[] | undefined {
  const failing = check.clusters.filter(c => FAILING_STATES.includes(c.state));
  const texts = [
    check.message,
    ...failing.flatMap(c => [c.message, ...(c.evidence ?? [])]),
  ];
  const hasEvidence = failing.some(c => (c.evidence ?? []).length > 0);
  return !hasEvidence && texts.some(t => TRUNCATED.test(t)) ? undefined : texts;
}

function objectsIn(texts: string[]): NamedObject[] {
  const found: NamedObject[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(NAMESPACED)) {
      found.push({ kind: m[1], namespace: m[2], name: m[3] });
    }
    for (const m of text.matchAll(VELERO)) {
      found.push({ kind: m[1] ?? 'Backup', name: m[2] ?? m[3] });
    }
    for (const m of text.matchAll(EXTERNAL_SERVICE)) {
      found.push({ kind: 'Service', name: m[1] });
    }
  }
  return unique(found, o => `${o.kind}/${o.namespace}/${o.name}`);
}

function matchesIn(texts: string[], pattern: RegExp): string[] {
  return [
    ...new Set(texts.flatMap(t => [...t.matchAll(pattern)].map(m => m[1]))),
  ];
}

// The kinds a `<name>` can stand for, read from the words before it in the command.
const NAME_CONTEXTS: Array<[RegExp, string[]]> = [
  [/\bdeployment\/$/, ['Deployment', 'StatefulSet', 'DaemonSet']],
  [/\bcronjob $/, ['CronJob']],
  [/\bsecret generic $/, ['Secret']],
  [/\bexternalname $/, ['Service']],
];

/**
 * A check's remediation command with its placeholders filled from the report and the check's
 * own findings: `<cluster>` and `<reserve-cluster>` from the failing clusters (reserves by their
 * role now), `<namespace>`, `<name>`, `<certificate>`, `<schedule>`, `<backup>`, `<container>`,
 * `<primary-image>` and `<target>` where the findings name exactly one. A placeholder stays
 * where nothing names its value.
 */
export function fillCommand(
  command: string,
  check: CheckResult,
  names: CommandNames,
): string {
  const texts = textsOf(check);
  const objects = texts ? objectsIn(texts) : [];
  const failing = check.clusters
    .filter(c => FAILING_STATES.includes(c.state))
    .map(c => c.cluster);
  const cluster =
    only([...new Set(failing)]) ?? only(check.clusters.map(c => c.cluster));
  const reserve =
    only(failing.filter(c => names.reserves.includes(c))) ??
    only(names.reserves);
  const ofKinds = (kinds: string[]) =>
    only(objects.filter(o => kinds.includes(o.kind)));

  // The object the command acts on decides the namespace it runs in.
  let target: NamedObject | undefined;
  let filled = command.replace(/<name>/g, (placeholder, offset: number) => {
    const before = command.slice(0, offset);
    const context = NAME_CONTEXTS.find(([pattern]) => pattern.test(before));
    const object = context && ofKinds(context[1]);
    if (!object) return placeholder;
    target = object;
    return object.name;
  });
  if (target && /\bdeployment\/$/.test(command.split('<name>')[0])) {
    // `scale deployment/<name>` for a StatefulSet reads `scale statefulset/<name>`.
    filled = filled.replace(
      `deployment/${target.name}`,
      `${target.kind.toLowerCase()}/${target.name}`,
    );
  }
  const certificate = command.includes('<certificate>')
    ? ofKinds(['Certificate'])
    : undefined;
  target ??= certificate;
  const namespaced = objects.filter(o => o.namespace);
  const namespace =
    target?.namespace ??
    only([...new Set(namespaced.map(o => o.namespace!))]) ??
    only(names.namespaces);
  const values: Record<string, string | undefined> = {
    cluster,
    'reserve-cluster': reserve,
    namespace,
    certificate: certificate?.name,
    schedule: ofKinds(['Schedule'])?.name,
    backup: ofKinds(['Backup'])?.name,
    container: texts && only(matchesIn(texts, CONTAINER)),
    'primary-image': texts && only(matchesIn(texts, PRIMARY_IMAGE)),
    target: texts && only(matchesIn(texts, TARGET_REPLICAS)),
  };
  return filled.replace(/<([a-z-]+)>/g, (placeholder, key: string, offset) => {
    // Only the entity's namespace: `-n <namespace>`, `--include-namespaces <namespace>`, not
    // the collector's service account in `system:serviceaccount:<namespace>:...`.
    if (
      key === 'namespace' &&
      !/(-n |namespaces |mappings )$/.test(filled.slice(0, offset))
    ) {
      return placeholder;
    }
    return values[key] ?? placeholder;
  });
}
