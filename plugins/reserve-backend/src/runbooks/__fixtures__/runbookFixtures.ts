import { EntityReport } from '@kube-reserve/plugin-reserve-common';
import {
  aCertificate,
  aCronJob,
  aDeployment,
  aHealthyCluster,
  aPodDisruptionBudget,
  anEntityView,
  anIngress,
  anIngressClass,
  primaryFacts,
  reserveFacts,
} from '../../view/__fixtures__/builders';
import { ClusterSideView, EntityView } from '../../view/EntityView';
import { evaluateEntity } from '../../readiness/evaluate';

/** The shop service on a healthy pair: 2 replicas and a PDB, an Ingress, a Certificate, a CronJob. */
export function aServiceView(
  overrides: { primary?: ClusterSideView; reserves?: ClusterSideView[] } = {},
): EntityView {
  const lists = (suspended: boolean) => ({
    deployments: [aDeployment('api')],
    podDisruptionBudgets: [aPodDisruptionBudget('api')],
    cronJobs: [aCronJob('nightly', { suspend: suspended })],
    ingresses: [anIngress('api', ['shop.example.com'], 'nginx')],
    ingressClasses: [anIngressClass('nginx', true)],
    certificates: [aCertificate('shop-tls')],
  });
  return anEntityView({
    primary: overrides.primary ?? aHealthyCluster(primaryFacts, lists(false)),
    reserves: overrides.reserves ?? [
      aHealthyCluster(reserveFacts, lists(true)),
    ],
    policy: { externalServices: ['shop-db'] },
  });
}

/** The report the checks give for a view, as ReadinessService would build it. */
export function reportOf(view: EntityView): EntityReport {
  const { checks, score, verdict } = evaluateEntity(view);
  return {
    entityRef: view.entityRef,
    policy: view.policy,
    clusters: [],
    checks,
    score,
    verdict,
    generatedAt: view.now.toISOString(),
  };
}
