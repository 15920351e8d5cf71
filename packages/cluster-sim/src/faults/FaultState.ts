/** Faults that can be switched on for one simulated cluster at run time. */
export interface Faults {
  /** Milliseconds added before every answer. */
  latencyMs?: number;
  /** Stop listening and drop open connections, so clients see ECONNREFUSED. */
  refuseConnections?: boolean;
  /** Accept requests and never answer them. */
  hang?: boolean;
  /** Resources (`deployments`, `velero.io/backups`, short names work) answered with 500 InternalError. */
  errorResources?: string[];
  /** Resources answered with 403 Forbidden whatever the token's rules, as when RBAC is revoked. */
  forbiddenResources?: string[];
  /** Serve a certificate that expired yesterday. */
  expiredCertificate?: boolean;
  /** Make every new Velero Backup on this cluster end Failed with this reason. */
  failBackups?: string;
  /** Answer every request 401 Unauthorized, as the API server does for a revoked token. */
  unauthorized?: boolean;
  /** Resources whose get and list answers come back malformed (see {@link MalformedAnswer}). */
  malformedResources?: Record<string, MalformedAnswer>;
  /** Send every answer's body at this many bytes per second, a few bytes at a time. */
  trickleBytesPerSecond?: number;
}

/**
 * How a malformed answer is broken: `invalid-json` cuts the body off halfway, `no-metadata` adds
 * an item without metadata, `huge` pads the first item to about 10 MB.
 */
export type MalformedAnswer = 'invalid-json' | 'no-metadata' | 'huge';

/** Every way an answer can be malformed. */
export const MALFORMED_ANSWERS: readonly MalformedAnswer[] = [
  'invalid-json',
  'no-metadata',
  'huge',
];

const FAULT_KEYS = [
  'latencyMs',
  'refuseConnections',
  'hang',
  'errorResources',
  'forbiddenResources',
  'expiredCertificate',
  'failBackups',
  'unauthorized',
  'malformedResources',
  'trickleBytesPerSecond',
] as const;

/** Checks a faults object from outside (the admin endpoint, the CLI); throws naming the bad field. */
export function validateFaults(input: unknown): Faults {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('faults must be a JSON object');
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(FAULT_KEYS as readonly string[]).includes(key)) {
      throw new Error(
        `unknown fault "${key}" (known: ${FAULT_KEYS.join(', ')})`,
      );
    }
  }
  const {
    latencyMs,
    refuseConnections,
    hang,
    errorResources,
    forbiddenResources,
    expiredCertificate,
    failBackups,
    unauthorized,
    malformedResources,
    trickleBytesPerSecond,
  } = raw;
  if (
    latencyMs !== undefined &&
    (typeof latencyMs !== 'number' || latencyMs < 0)
  ) {
    throw new Error('latencyMs must be a number of milliseconds, 0 or more');
  }
  for (const [key, value] of Object.entries({
    refuseConnections,
    hang,
    expiredCertificate,
    unauthorized,
  })) {
    if (value !== undefined && typeof value !== 'boolean')
      throw new Error(`${key} must be true or false`);
  }
  for (const [key, value] of Object.entries({
    errorResources,
    forbiddenResources,
  })) {
    if (
      value !== undefined &&
      (!Array.isArray(value) || !value.every(r => typeof r === 'string'))
    )
      throw new Error(`${key} must be a list of resource names`);
  }
  if (failBackups !== undefined && typeof failBackups !== 'string') {
    throw new Error('failBackups must be a failure reason (a string)');
  }
  if (malformedResources !== undefined) {
    if (
      !malformedResources ||
      typeof malformedResources !== 'object' ||
      Array.isArray(malformedResources)
    ) {
      throw new Error(
        'malformedResources must map resource names to invalid-json, no-metadata or huge',
      );
    }
    for (const [resource, answer] of Object.entries(malformedResources)) {
      if (!(MALFORMED_ANSWERS as readonly unknown[]).includes(answer)) {
        throw new Error(
          `malformedResources.${resource} must be one of ${MALFORMED_ANSWERS.join(
            ', ',
          )}`,
        );
      }
    }
  }
  if (
    trickleBytesPerSecond !== undefined &&
    (typeof trickleBytesPerSecond !== 'number' ||
      !Number.isFinite(trickleBytesPerSecond) ||
      trickleBytesPerSecond <= 0)
  ) {
    throw new Error(
      'trickleBytesPerSecond must be a number of bytes per second, more than 0',
    );
  }
  return raw as Faults;
}

/** The faults of one cluster, with change notification so the server can react (TLS, listening). */
export class FaultState {
  private current: Faults = {};
  private readonly listeners = new Set<(faults: Faults) => void>();

  /** The faults switched on now. */
  get(): Faults {
    return structuredClone(this.current);
  }

  /** Replaces every fault. */
  set(faults: Faults): void {
    this.current = structuredClone(validateFaults(faults));
    for (const listener of this.listeners) listener(this.get());
  }

  /** Switches on or changes the given faults, leaving the others as they are. */
  update(faults: Faults): void {
    const merged = { ...this.current, ...validateFaults(faults) };
    for (const key of Object.keys(merged) as (keyof Faults)[]) {
      if (merged[key] === undefined) delete merged[key];
    }
    this.set(merged);
  }

  /** Switches every fault off. */
  clear(): void {
    this.set({});
  }

  /** Calls the listener after every change; answers the function that stops it. */
  onChange(listener: (faults: Faults) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
