import {
  CheckResult,
  ClusterCheckResult,
  SpecDifference,
} from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { compareWithReserves } from '../reserveComparison';
import { allWorkloads, byRef, workloadKinds } from '../workloads';
import { diffWorkloadSpecs } from './specDiff';

const id = 'parity.spec';

/** parity.spec: workload specs are equal on both sides apart from replicas and site-config references. */
export function checkSpec(view: EntityView): CheckResult {
  const differences: SpecDifference[] = [];
  const result = compareWithReserves(view, {
    id,
    primaryKinds: workloadKinds,
    reserveKinds: workloadKinds,
    compare: (primary, reserve, reserveSide): ClusterCheckResult => {
      const cluster = reserveSide.cluster.name;
      const onReserve = byRef(allWorkloads(reserve));
      const compared = allWorkloads(primary).filter(w => onReserve.has(w.ref));
      const found = compared.flatMap(workload =>
        diffWorkloadSpecs(
          workload.spec,
          onReserve.get(workload.ref)!.spec,
          view.policy.siteConfig,
        ).map(change => ({ cluster, workload: workload.ref, ...change })),
      );
      differences.push(...found);
      if (compared.length === 0) {
        return {
          cluster,
          state: 'not-applicable',
          message: `No workload of the primary is deployed on ${cluster} to compare`,
        };
      }
      if (found.length === 0) {
        return {
          cluster,
          state: 'pass',
          message: `${cluster} runs the primary's specs apart from replicas and site config`,
        };
      }
      const workloads = [...new Set(found.map(d => d.workload))].join(', ');
      const fields =
        found.length === 1
          ? '1 field differs'
          : `${found.length} fields differ`;
      return {
        cluster,
        state: 'fail',
        message: `${fields} between the primary and ${cluster} in ${workloads}, e.g. ${found[0].text}`,
        evidence: found.map(d => `${d.workload}: ${d.text}`),
      };
    },
  });
  return differences.length > 0 ? { ...result, diff: differences } : result;
}
