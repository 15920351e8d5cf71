import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type {
  V1Deployment,
  V1Ingress,
  V1IngressClass,
  V1PodDisruptionBudget,
} from '@kubernetes/client-node';
import {
  ClusterObjectLists,
  ClusterSideView,
  EntityView,
} from '../../view/EntityView';
import { controllerDeployments } from '../../platform/ingressControllers';
import { budgetsSelecting } from '../disruptionBudgets';
import { readSide } from '../../view/clusterData';
import {
  Finding,
  clusterResult,
  combineClusterResults,
  unknownResult,
} from '../outcome';
import { missingPrimaryMessage } from '../sides';
import { platformSides } from './clusterScoped';
import { allowedDisruptions } from '../../kube/podDisruptionBudget';

const id = 'platform.ingress-controller';
const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';
// Still honoured by most controllers, and common in older manifests.
const legacyClassAnnotation = 'kubernetes.io/ingress.class';
const minimumReplicas = 2;

/** The IngressClass an Ingress names, or undefined when it relies on the cluster's default. */
export function ingressClassOf(ingress: V1Ingress): string | undefined {
  return (
    ingress.spec?.ingressClassName ??
    ingress.metadata?.annotations?.[legacyClassAnnotation]
  );
}

function isDefaultClass(ingressClass: V1IngressClass): boolean {
  return (
    ingressClass.metadata?.annotations?.[defaultClassAnnotation] === 'true'
  );
}

/**
 * The IngressClasses whose controller a cluster must run well for the entity: those its
 * Ingresses name, plus the cluster's default for Ingresses naming none. An entity without
 * Ingresses still reaches users through the cluster's ingress controller in most setups, so
 * it depends on the default class (or every class, when none is marked default).
 */
export function classesNeeded(
  ingresses: readonly V1Ingress[],
  ingressClasses: readonly V1IngressClass[],
): { classes: string[]; missingDefault: boolean } {
  const names = (list: readonly V1IngressClass[]) =>
    list.map(c => c.metadata?.name).filter((n): n is string => Boolean(n));
  const defaults = names(ingressClasses.filter(isDefaultClass));
  if (ingresses.length === 0) {
    return {
      classes: defaults.length > 0 ? defaults : names(ingressClasses),
      missingDefault: false,
    };
  }
  const named = ingresses
    .map(ingressClassOf)
    .filter((c): c is string => Boolean(c));
  const needsDefault = named.length < ingresses.length;
  return {
    classes: [...new Set([...named, ...(needsDefault ? defaults : [])])].sort(),
    missingDefault: needsDefault && defaults.length === 0,
  };
}

function deploymentFindings(
  deployment: V1Deployment,
  budgets: readonly V1PodDisruptionBudget[],
  className: string,
  cluster: string,
): Finding[] {
  const namespace = deployment.metadata?.namespace ?? 'default';
  const ref = `ingress controller Deployment ${namespace}/${deployment.metadata?.name} (IngressClass ${className}) on ${cluster}`;
  const replicas = deployment.spec?.replicas ?? 1;
  const findings: Finding[] = [];
  if (replicas < minimumReplicas) {
    findings.push({
      state: 'fail',
      text: `${ref} runs ${replicas} replica${replicas === 1 ? '' : 's'}`,
    });
  }
  const selecting = budgetsSelecting(
    namespace,
    deployment.spec?.template,
    budgets,
  );
  if (selecting.length === 0) {
    findings.push({ state: 'fail', text: `${ref} has no PodDisruptionBudget` });
  } else if (selecting.every(b => (allowedDisruptions(b, replicas) ?? 0) < 1)) {
    findings.push({
      state: 'warn',
      text: `the PodDisruptionBudget of ${ref} allows no disruption, so drains hang`,
    });
  }
  return findings;
}

type ControllerLists = Pick<
  ClusterObjectLists,
  'ingressClasses' | 'clusterDeployments' | 'clusterPodDisruptionBudgets'
>;

function classFindings(
  className: string,
  lists: ControllerLists,
  cluster: string,
): Finding[] {
  const ingressClass = lists.ingressClasses.find(
    c => c.metadata?.name === className,
  );
  if (!ingressClass) {
    return [
      {
        state: 'fail',
        text: `IngressClass ${className} does not exist on ${cluster}, so no controller serves the entity's Ingresses there`,
      },
    ];
  }
  const deployments = controllerDeployments(
    ingressClass,
    lists.clusterDeployments,
  );
  if (deployments.length === 0) {
    return [
      {
        state: 'unknown',
        text: `no Deployment on ${cluster} runs controller ${ingressClass.spec?.controller} of IngressClass ${className} (it may be a DaemonSet or run outside the cluster)`,
      },
    ];
  }
  return deployments.flatMap(d =>
    deploymentFindings(
      d,
      lists.clusterPodDisruptionBudgets,
      className,
      cluster,
    ),
  );
}

/**
 * One cluster's ingress controllers: the controller behind each IngressClass the entity
 * depends on (see `classesNeeded`) runs at least two replicas under a PodDisruptionBudget.
 */
export function ingressControllerResult(
  side: ClusterSideView,
  entityIngresses: readonly V1Ingress[],
): ClusterCheckResult {
  const cluster = side.cluster.name;
  // The classes decide whether the check applies; the controllers' lists only matter then.
  const classData = readSide(side, ['ingresses', 'ingressClasses']);
  if ('unknown' in classData) return classData.unknown;
  const { classes, missingDefault } = classesNeeded(
    entityIngresses,
    classData.lists.ingressClasses,
  );
  if (classes.length === 0 && !missingDefault) {
    return {
      cluster,
      state: 'not-applicable',
      message: `${cluster} has no IngressClass, and the entity no Ingress`,
    };
  }
  const data = readSide(side, [
    'ingressClasses',
    'clusterDeployments',
    'clusterPodDisruptionBudgets',
  ]);
  if ('unknown' in data) return data.unknown;
  const lists = data.lists;
  const findings: Finding[] = missingDefault
    ? [
        {
          state: 'fail',
          text: `an Ingress of the entity relies on a default IngressClass, which ${cluster} lacks`,
        },
      ]
    : [];
  findings.push(
    ...classes.flatMap(className => classFindings(className, lists, cluster)),
  );
  return clusterResult(cluster, findings, {
    message: `The ingress controller of ${classes.join(
      ', ',
    )} on ${cluster} runs ${minimumReplicas}+ replicas under a PodDisruptionBudget`,
  });
}

/** platform.ingress-controller: the entity's ingress controllers are redundant on every cluster. */
export function checkIngressController(view: EntityView): CheckResult {
  if (!view.primary) return unknownResult(id, missingPrimaryMessage(view));
  const sides = platformSides(view);
  // The entity's Ingresses on any of its clusters: a reserve must serve the primary's hosts too.
  const entityIngresses = sides.flatMap(side => side.ingresses ?? []);
  return combineClusterResults(
    id,
    sides.map(side => ingressControllerResult(side, entityIngresses)),
  );
}
