import { CheckResult, ClusterFacts } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import {
  Finding,
  clusterResult,
  combineClusterResults,
  notApplicable,
  unknownResult,
} from '../outcome';
import { missingPrimaryMessage } from '../sides';

const id = 'topology.failure-domain';

function whereIs(facts: ClusterFacts): string {
  const where = [facts.provider, facts.region].filter(Boolean).join(', ');
  return `${facts.name} at ${facts.site}${where ? ` (${where})` : ''}`;
}

function failureDomainFindings(
  primary: ClusterFacts,
  reserve: ClusterFacts,
): Finding[] {
  const findings: Finding[] = [];
  if (!reserve.site || !primary.site) {
    const missing = !reserve.site ? reserve.name : primary.name;
    findings.push({
      state: 'unknown',
      text: `no site is configured for ${missing}`,
    });
  } else if (reserve.site === primary.site) {
    findings.push({
      state: 'fail',
      text: `${reserve.name} is in ${primary.name}'s site ${primary.site}: one fire takes both`,
    });
  }
  const sharedFacts = [
    ['provider', primary.provider, reserve.provider],
    ['region', primary.region, reserve.region],
  ] as const;
  for (const [fact, ofPrimary, ofReserve] of sharedFacts) {
    if (!ofPrimary || !ofReserve) {
      const missing = !ofReserve ? reserve.name : primary.name;
      findings.push({
        state: 'unknown',
        text: `no ${fact} is configured for ${missing}`,
      });
    } else if (ofPrimary === ofReserve) {
      findings.push({
        state: 'warn',
        text: `${reserve.name} shares ${fact} ${ofPrimary} with ${primary.name}`,
      });
    }
  }
  return findings;
}

/** topology.failure-domain: each reserve is in another site, ideally another provider and region. */
export function checkFailureDomain(view: EntityView): CheckResult {
  if (view.policy.mode === 'none') {
    return notApplicable(id, 'Mode none: there is no reserve');
  }
  if (!view.primary) {
    return unknownResult(id, missingPrimaryMessage(view));
  }
  if (view.reserves.length === 0) {
    return notApplicable(id, 'The entity has no reserve cluster');
  }
  const primary = view.primary.cluster;
  return combineClusterResults(
    id,
    view.reserves.map(({ cluster: reserve }) =>
      clusterResult(reserve.name, failureDomainFindings(primary, reserve), {
        message: `${whereIs(reserve)} is away from ${whereIs(primary)}`,
      }),
    ),
  );
}
