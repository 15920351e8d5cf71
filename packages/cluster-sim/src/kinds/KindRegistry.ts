import { apiVersionOf, CrdFamily, KindInfo, kindTable } from './kindTable';

/** The kinds one simulated cluster serves: the built-in ones plus the CRD families it installs. */
export class KindRegistry {
  readonly kinds: readonly KindInfo[];

  constructor(crds: Partial<Record<CrdFamily, boolean>> = {}) {
    this.kinds = kindTable.filter(k => !k.crd || crds[k.crd] !== false);
  }

  /** The kind served at `group/version/plural`, if this cluster serves it. */
  byPath(group: string, version: string, plural: string): KindInfo | undefined {
    return this.kinds.find(
      k => k.group === group && k.version === version && k.plural === plural,
    );
  }

  /** The kind of a manifest, by its apiVersion and kind. */
  byApiVersionKind(apiVersion: string, kind: string): KindInfo | undefined {
    return this.kinds.find(
      k => apiVersionOf(k) === apiVersion && k.kind === kind,
    );
  }

  /**
   * Resolves a resource name the way kubectl and Velero's resource filters do: plural, singular,
   * short name or kind (any case), optionally qualified by group as `plural.group` or `group/plural`.
   */
  resolve(name: string): KindInfo | undefined {
    return resolveKindName(this.kinds, name);
  }

  /** Every API group with at least one served kind, core ('') first. */
  groups(): string[] {
    return [...new Set(this.kinds.map(k => k.group))];
  }
}

/** Resolves a resource name against a list of kinds; see {@link KindRegistry.resolve}. */
export function resolveKindName(
  kinds: readonly KindInfo[],
  name: string,
): KindInfo | undefined {
  const lower = name.toLowerCase();
  const matchesName = (k: KindInfo, n: string) =>
    k.plural === n || k.singular === n || k.shortNames.includes(n);
  if (lower.includes('/')) {
    const [group, rest] = lower.split('/', 2);
    return kinds.find(k => k.group === group && matchesName(k, rest));
  }
  const unqualified = kinds.find(k => matchesName(k, lower));
  if (unqualified) return unqualified;
  const dot = lower.indexOf('.');
  if (dot > 0) {
    const head = lower.slice(0, dot);
    const group = lower.slice(dot + 1);
    return kinds.find(k => k.group === group && matchesName(k, head));
  }
  return undefined;
}
