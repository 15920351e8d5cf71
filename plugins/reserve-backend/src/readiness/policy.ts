import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_RESERVE_CLUSTERS,
  ANNOTATION_RESERVE_CRONJOBS,
  ANNOTATION_RESERVE_DRILL_INTERVAL,
  ANNOTATION_RESERVE_EXTERNAL_SERVICES,
  ANNOTATION_RESERVE_MODE,
  ANNOTATION_RESERVE_REPLICA_RATIO,
  ANNOTATION_RESERVE_RPO,
  ANNOTATION_RESERVE_RTO,
  ANNOTATION_RESERVE_SITE_CONFIG,
  ClusterPair,
  CronJobPolicy,
  EntityPolicy,
  PolicyDuration,
  PolicyProblem,
  ReplicaRatio,
  ReserveMode,
} from '@kube-reserve/plugin-reserve-common';
import { parseClusterOverride, resolveClusterPair } from './clusterOverride';
import {
  ParsedValue,
  parseCronJobPolicy,
  parseDuration,
  parseNameList,
  parseReplicaRatio,
  parseReserveMode,
} from './policyValues';

/** The policy an entity gets where it has no annotation: `reserve.defaults`, parsed. */
export interface PolicyDefaults {
  mode: ReserveMode;
  replicaRatio: ReplicaRatio;
  rpo: PolicyDuration;
  rto: PolicyDuration;
  drillInterval: PolicyDuration;
  cronJobs: CronJobPolicy;
  /** Certificates (API server, cert-manager) expiring within this time warn. */
  certWarning: PolicyDuration;
}

/** `reserve.defaults` as written in app-config, every key optional. */
export interface PolicyDefaultsConfig {
  mode?: string;
  replicaRatio?: string;
  rpo?: string;
  rto?: string;
  drillInterval?: string;
  cronJobs?: string;
  certWarning?: string;
}

/** The defaults used for keys `reserve.defaults` leaves out (those of the design's example). */
export const builtInPolicyDefaults: PolicyDefaults = {
  mode: 'warm',
  replicaRatio: { primary: 6, reserve: 4 },
  rpo: { ms: 24 * 3600_000, text: '24h' },
  rto: { ms: 3600_000, text: '1h' },
  drillInterval: { ms: 90 * 24 * 3600_000, text: '90d' },
  cronJobs: 'primary-only',
  certWarning: { ms: 30 * 24 * 3600_000, text: '30d' },
};

function fromConfig<T>(
  key: string,
  text: string | undefined,
  parse: (text: string) => ParsedValue<T>,
  fallback: T,
): T {
  if (text === undefined) return fallback;
  const parsed = parse(text);
  if ('problem' in parsed) {
    // A broken default would silently misjudge every entity: fail at startup instead.
    throw new Error(`Invalid reserve.defaults.${key}: ${parsed.problem}`);
  }
  return parsed.value;
}

/** Parses `reserve.defaults`; throws on a malformed value, naming its key. */
export function parsePolicyDefaults(
  config: PolicyDefaultsConfig,
): PolicyDefaults {
  const builtIn = builtInPolicyDefaults;
  return {
    mode: fromConfig('mode', config.mode, parseReserveMode, builtIn.mode),
    replicaRatio: fromConfig(
      'replicaRatio',
      config.replicaRatio,
      parseReplicaRatio,
      builtIn.replicaRatio,
    ),
    rpo: fromConfig('rpo', config.rpo, parseDuration, builtIn.rpo),
    rto: fromConfig('rto', config.rto, parseDuration, builtIn.rto),
    drillInterval: fromConfig(
      'drillInterval',
      config.drillInterval,
      parseDuration,
      builtIn.drillInterval,
    ),
    cronJobs: fromConfig(
      'cronJobs',
      config.cronJobs,
      parseCronJobPolicy,
      builtIn.cronJobs,
    ),
    certWarning: fromConfig(
      'certWarning',
      config.certWarning,
      parseDuration,
      builtIn.certWarning,
    ),
  };
}

/**
 * An entity's reserve policy: its `kube-reserve.io/*` annotations over the defaults.
 *
 * Never throws: a malformed annotation falls back to the default for its field and is
 * recorded in `problems`, naming the annotation, so the report can show it. Without a
 * `kube-reserve.io/clusters` annotation the entity gets the first configured pair.
 */
export function readEntityPolicy(
  entity: Entity,
  defaults: PolicyDefaults,
  pairs: readonly ClusterPair[],
): EntityPolicy {
  const annotations = entity.metadata.annotations ?? {};
  const problems: PolicyProblem[] = [];
  const read = <T>(
    annotation: string,
    parse: (text: string) => ParsedValue<T>,
    fallback: T,
  ): T => {
    const text = annotations[annotation];
    if (text === undefined) return fallback;
    const parsed = parse(text);
    if ('problem' in parsed) {
      problems.push({ annotation, message: parsed.problem });
      return fallback;
    }
    return parsed.value;
  };

  const override = read(ANNOTATION_RESERVE_CLUSTERS, parseClusterOverride, {});
  const clusters = resolveClusterPair(override, pairs);
  return {
    mode: read(ANNOTATION_RESERVE_MODE, parseReserveMode, defaults.mode),
    replicaRatio: read(
      ANNOTATION_RESERVE_REPLICA_RATIO,
      parseReplicaRatio,
      defaults.replicaRatio,
    ),
    rpo: read(ANNOTATION_RESERVE_RPO, parseDuration, defaults.rpo),
    rto: read(ANNOTATION_RESERVE_RTO, parseDuration, defaults.rto),
    drillInterval: read(
      ANNOTATION_RESERVE_DRILL_INTERVAL,
      parseDuration,
      defaults.drillInterval,
    ),
    siteConfig: read(ANNOTATION_RESERVE_SITE_CONFIG, parseNameList, []),
    externalServices: read(
      ANNOTATION_RESERVE_EXTERNAL_SERVICES,
      parseNameList,
      [],
    ),
    cronJobs: read(
      ANNOTATION_RESERVE_CRONJOBS,
      parseCronJobPolicy,
      defaults.cronJobs,
    ),
    ...(clusters ? { clusters } : {}),
    problems,
  };
}
