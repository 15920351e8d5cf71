import { Config } from '@backstage/config';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { DEFAULT_RESERVE_ENTITY_KINDS } from '@kube-reserve/plugin-reserve-common';

// How the catalog spells its own kinds, for a refusal that names a kind that is not configured.
const CATALOG_KIND_SPELLING: Record<string, string> = {
  api: 'API',
  user: 'User',
  group: 'Group',
  system: 'System',
  domain: 'Domain',
  location: 'Location',
  template: 'Template',
};

/**
 * The catalog kinds that have workloads on clusters (`reserve.entityKinds`): readiness,
 * runbooks, plans and executions of any other kind make no sense and are refused.
 */
export class EntityKinds {
  /** Reads `reserve.entityKinds`; default Component and Resource. */
  static fromConfig(config: Config): EntityKinds {
    const kinds =
      config.getOptionalStringArray('reserve.entityKinds') ??
      DEFAULT_RESERVE_ENTITY_KINDS;
    if (kinds.length === 0) {
      throw new Error(
        "Invalid config at 'reserve.entityKinds': name at least one kind, e.g. Component",
      );
    }
    return new EntityKinds(kinds);
  }

  constructor(
    private readonly kinds: readonly string[] = DEFAULT_RESERVE_ENTITY_KINDS,
  ) {}

  /** The configured kinds, as configured. */
  get names(): readonly string[] {
    return this.kinds;
  }

  /**
   * Throws an InputError naming the kind unless the entity is of a configured kind;
   * `what` is what was asked for, e.g. `readiness`.
   */
  assertApplies(ref: CompoundEntityRef | string, what: string): void {
    const parts = typeof ref === 'string' ? parseEntityRef(ref) : ref;
    const kind = parts.kind.toLowerCase();
    if (this.kinds.some(k => k.toLowerCase() === kind)) return;
    const spelled =
      CATALOG_KIND_SPELLING[kind] ??
      `${parts.kind.charAt(0).toUpperCase()}${parts.kind.slice(1)}`;
    throw new InputError(
      `${what} applies to kinds ${this.kinds.join(', ')}; ${stringifyEntityRef(
        parts,
      )} is a ${spelled}`,
    );
  }
}
