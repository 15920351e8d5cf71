import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The entity fields Kube Reserve reads (selection and policy annotations, ownership, titles):
 * the mirror asks the catalog for these only.
 */
export const MIRRORED_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.etag',
  'metadata.annotations',
  'metadata.labels',
  'spec.owner',
  'spec.type',
  'relations',
];

// A mirror not read successfully for this many periods is not trusted: readers go to the
// catalog again, as they would before the first read.
const UNTRUSTED_AFTER_PERIODS = 3;

/**
 * The catalog entities Kube Reserve judges (the workload kinds) and the Groups that own them,
 * read with the plugin's own credentials on a schedule and kept, so that a readiness or
 * ownership request does not call the catalog. Only the fields in {@link MIRRORED_FIELDS}.
 *
 * Until the first read succeeds (and when reads have failed for three periods), `trusted` is
 * false and readers ask the catalog themselves. An entity the mirror does not hold (created
 * since the last read) is for the reader to ask the catalog for.
 */
export class CatalogMirror {
  private entities = new Map<string, Entity>();
  private readAtMs?: number;
  private readonly listeners: ((changed: string[]) => void)[] = [];

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** The kinds to mirror besides Group (the configured workload kinds). */
      kinds: readonly string[];
      frequencyMs: number;
      now?: () => number;
    },
  ) {}

  /** Reads the catalog every `frequencyMs`, on this instance (each instance keeps its own). */
  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'reserve-catalog-mirror',
      scope: 'local',
      frequency: { milliseconds: this.options.frequencyMs },
      timeout: { milliseconds: Math.max(60_000, this.options.frequencyMs) },
      fn: async () => {
        try {
          await this.read();
        } catch (error) {
          this.options.logger.warn(
            `Could not read the catalog's entities: ${stringifyError(error)}`,
          );
        }
      },
    });
  }

  /** Reads every mirrored entity once; tells the listeners which entities changed. */
  async read(): Promise<void> {
    const { catalog, auth, kinds } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: { kind: [...new Set([...kinds, 'Group'])] },
        fields: MIRRORED_FIELDS,
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const next = new Map<string, Entity>();
    for (const entity of items) {
      next.set(stringifyEntityRef(entity), entity);
    }
    const changed: string[] = [];
    for (const [ref, entity] of next) {
      if (!sameEntity(this.entities.get(ref), entity)) changed.push(ref);
    }
    for (const ref of this.entities.keys()) {
      if (!next.has(ref)) changed.push(ref);
    }
    this.entities = next;
    this.readAtMs = this.now();
    if (changed.length > 0) {
      for (const listener of this.listeners) listener(changed);
    }
  }

  /** Whether the mirror has been read recently enough to answer from. */
  get trusted(): boolean {
    return (
      this.readAtMs !== undefined &&
      this.now() - this.readAtMs <=
        UNTRUSTED_AFTER_PERIODS * this.options.frequencyMs +
          Math.max(60_000, this.options.frequencyMs)
    );
  }

  /** The mirrored entity, when trusted and held. */
  get(ref: CompoundEntityRef | string): Entity | undefined {
    if (!this.trusted) return undefined;
    return this.entities.get(
      typeof ref === 'string' ? ref : stringifyEntityRef(ref),
    );
  }

  /** Every mirrored entity of the given kinds (case-insensitive); none while untrusted. */
  list(kinds: readonly string[]): Entity[] {
    if (!this.trusted) return [];
    const wanted = new Set(kinds.map(kind => kind.toLowerCase()));
    return [...this.entities.values()].filter(entity =>
      wanted.has(entity.kind.toLowerCase()),
    );
  }

  /** Calls `listener` with the refs of the entities changed, added or removed by a read. */
  onChange(listener: (changed: string[]) => void): void {
    this.listeners.push(listener);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function sameEntity(a: Entity | undefined, b: Entity): boolean {
  if (!a) return false;
  // The catalog's etag changes with every change to the entity, its relations included.
  if (a.metadata.etag && b.metadata.etag) {
    return a.metadata.etag === b.metadata.etag;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
