import type {
  V1Container,
  V1Deployment,
  V1IngressClass,
} from '@kubernetes/client-node';

const nameLabel = 'app.kubernetes.io/name';
const componentLabel = 'app.kubernetes.io/component';
// Parts of controller names that say nothing about which controller it is.
const genericNameParts = new Set([
  'k8s',
  'kubernetes',
  'ingress',
  'controller',
  'ingress-controller',
]);

function argumentsOf(deployment: V1Deployment): string[] {
  const containers: V1Container[] =
    deployment.spec?.template?.spec?.containers ?? [];
  return containers.flatMap(c => [...(c.command ?? []), ...(c.args ?? [])]);
}

/**
 * Whether a controller's flags name the class: its controller value anywhere
 * (`--controller-class=k8s.io/ingress-nginx`), or the class name as the value of a flag
 * about classes (`--ingress-class=nginx`, `--ingress-class-name=contour`,
 * `--providers.kubernetesingress.ingressclass=traefik`).
 */
function flagsName(
  args: string[],
  className: string,
  controller: string,
): boolean {
  return args.some(arg => {
    const [flag, value] = arg.split('=', 2);
    if (value === undefined) return false;
    if (value === controller) return true;
    return value === className && /class/i.test(flag);
  });
}

/** Names a controller's Deployment is likely labelled with, from `spec.controller`. */
function likelyNames(controller: string): string[] {
  const [domain, ...path] = controller.split('/');
  const candidates = [path[path.length - 1], domain?.split('.')[0]];
  return candidates.filter(
    (name): name is string => Boolean(name) && !genericNameParts.has(name!),
  );
}

// Controllers found per IngressClass, by the Deployments list they were found in.
const controllersByList = new WeakMap<
  readonly V1Deployment[],
  Map<string, V1Deployment[]>
>();

/**
 * The Deployments that run the controller of an IngressClass. First those whose container
 * flags name the class or its controller (ingress-nginx, Contour, Traefik, HAProxy all
 * take such a flag); failing that, those labelled `app.kubernetes.io/name` with the last
 * part of `spec.controller` (`k8s.io/ingress-nginx` → `ingress-nginx`) or its domain's
 * first label (`traefik.io/ingress-controller` → `traefik`), preferring the ones whose
 * `app.kubernetes.io/component` is `controller` (charts label default backends alike).
 */
export function controllerDeployments(
  ingressClass: V1IngressClass,
  deployments: readonly V1Deployment[],
): V1Deployment[] {
  const className = ingressClass.metadata?.name ?? '';
  const controller = ingressClass.spec?.controller ?? '';
  // A cluster's Deployments list is the same array for every entity until the next
  // collection: search it once per class.
  let byClass = controllersByList.get(deployments);
  if (!byClass) {
    byClass = new Map();
    controllersByList.set(deployments, byClass);
  }
  const key = `${className}\n${controller}`;
  let found = byClass.get(key);
  if (!found) {
    found = findControllerDeployments(className, controller, deployments);
    byClass.set(key, found);
  }
  return found;
}

function findControllerDeployments(
  className: string,
  controller: string,
  deployments: readonly V1Deployment[],
): V1Deployment[] {
  const byFlags = deployments.filter(d =>
    flagsName(argumentsOf(d), className, controller),
  );
  if (byFlags.length > 0) return byFlags;
  const names = likelyNames(controller);
  const byName = deployments.filter(d =>
    names.includes(d.metadata?.labels?.[nameLabel] ?? ''),
  );
  const controllers = byName.filter(
    d => d.metadata?.labels?.[componentLabel] === 'controller',
  );
  return controllers.length > 0 ? controllers : byName;
}
