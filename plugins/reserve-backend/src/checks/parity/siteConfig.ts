import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import {
  ClusterObjectLists,
  ConfigMapDigest,
  EntityView,
  SecretDigest,
} from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { compareWithReserves } from '../reserveComparison';

const id = 'parity.site-config';

// Objects every cluster generates for itself: they always differ and mean nothing here.
const generatedConfigMaps = new Set(['kube-root-ca.crt', 'istio-ca-root-cert']);
const generatedSecretTypes = new Set([
  'kubernetes.io/service-account-token',
  'kubernetes.io/tls', // issued per cluster (cert-manager), so expected to differ
  'helm.sh/release.v1',
]);

/** A ConfigMap or Secret reduced to what tells two copies apart. */
interface ConfigObject {
  ref: string;
  name: string;
  fingerprint: Record<string, string>;
  generated: boolean;
}

function configObjects(
  lists: Pick<ClusterObjectLists, 'configMaps' | 'secrets'>,
): ConfigObject[] {
  return [
    ...lists.configMaps.map((c: ConfigMapDigest) => ({
      ref: `ConfigMap ${c.namespace}/${c.name}`,
      name: c.name,
      fingerprint: c.keyHashes,
      generated: generatedConfigMaps.has(c.name),
    })),
    // Equal values give equal hashes: ConfigMaps' are unkeyed, Secrets' keyed with one HMAC
    // key for all clusters.
    ...lists.secrets.map((s: SecretDigest) => ({
      ref: `Secret ${s.namespace}/${s.name}`,
      name: s.name,
      fingerprint: s.keyHashes,
      generated: generatedSecretTypes.has(s.type),
    })),
  ];
}

function sameContent(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(key => a[key] === b[key])
  );
}

/**
 * parity.site-config: each declared site-config object exists on both sides and differs;
 * an undeclared ConfigMap or Secret that differs gets a warning (drift, or a missing declaration).
 */
export function checkSiteConfig(view: EntityView): CheckResult {
  const declared = new Set(view.policy.siteConfig);
  const primaryName = view.primary?.cluster.name ?? 'the primary';
  return compareWithReserves(view, {
    id,
    primaryKinds: ['configMaps', 'secrets'],
    reserveKinds: ['configMaps', 'secrets'],
    compare: (
      primary,
      reserve,
      { cluster: { name: cluster } },
    ): ClusterCheckResult => {
      const onPrimary = new Map(configObjects(primary).map(o => [o.ref, o]));
      const onReserve = new Map(configObjects(reserve).map(o => [o.ref, o]));
      const findings: Finding[] = [];

      for (const name of declared) {
        const refs = new Set(
          [...onPrimary.values(), ...onReserve.values()]
            .filter(o => o.name === name)
            .map(o => o.ref),
        );
        if (refs.size === 0) {
          findings.push({
            state: 'fail',
            text: `site config ${name} exists on neither ${primaryName} nor ${cluster}`,
          });
        }
        for (const ref of refs) {
          const [ours, theirs] = [onPrimary.get(ref), onReserve.get(ref)];
          if (!ours || !theirs) {
            findings.push({
              state: 'fail',
              text: `${ref} is missing on ${ours ? cluster : primaryName}`,
            });
          } else if (sameContent(ours.fingerprint, theirs.fingerprint)) {
            findings.push({
              state: 'fail',
              text: `${ref} is identical on ${primaryName} and ${cluster}: the reserve would use the primary's values`,
            });
          }
        }
      }

      for (const [ref, ours] of onPrimary) {
        const theirs = onReserve.get(ref);
        if (declared.has(ours.name) || ours.generated || !theirs) continue;
        if (!sameContent(ours.fingerprint, theirs.fingerprint)) {
          findings.push({
            state: 'warn',
            text: `${ref} differs on ${cluster} but is not declared in kube-reserve.io/site-config`,
          });
        }
      }

      return clusterResult(cluster, findings, {
        message:
          declared.size > 0
            ? `${cluster} has its own ${[...declared].join(
                ', ',
              )}, and no other configuration differs`
            : `No site config is declared, and no ConfigMap or Secret differs on ${cluster}`,
      });
    },
  });
}
