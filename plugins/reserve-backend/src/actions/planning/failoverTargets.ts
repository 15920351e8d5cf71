import { ParsedValue } from '../../readiness/policyValues';

/**
 * Parses `kube-reserve.io/failover-targets`: `service=target` pairs, comma separated, where
 * the target is a host name (for an ExternalName Service) or an IP (for Endpoints).
 */
export function parseFailoverTargets(
  text: string,
): ParsedValue<Map<string, string>> {
  const targets = new Map<string, string>();
  for (const part of text.split(',').map(p => p.trim())) {
    if (!part) continue;
    const match = part.match(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)=([A-Za-z0-9.:-]+)$/,
    );
    if (!match) {
      return {
        problem: `expected service=target pairs, e.g. checkout-db=pg-checkout.ams3.internal; got '${part}'`,
      };
    }
    targets.set(match[1], match[3]);
  }
  return { value: targets };
}
