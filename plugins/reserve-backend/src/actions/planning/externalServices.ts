import { isIP } from 'node:net';
import { PlainObject } from '../ClusterOperator';
import { PlanDraft } from './PlanDraft';
import { SideState } from './sideState';

const find = (list: PlainObject[], namespace: string, name: string) =>
  list.find(
    o => o.metadata?.namespace === namespace && o.metadata?.name === name,
  );

/**
 * Repoints one declared external service on a cluster to a target: an ExternalName Service
 * gets it as its externalName, a selectorless Service's Endpoints get it as their address
 * (an IP: Endpoints cannot hold a host name). Anything else is left alone with a warning.
 */
export function repointExternalService(
  draft: PlanDraft,
  side: SideState,
  namespace: string,
  name: string,
  target: string,
): void {
  const service = find(side.services, namespace, name);
  const at = `${namespace}/${name} on ${side.cluster}`;
  if (!service) {
    draft.warn(`External service ${at} does not exist: nothing to repoint.`);
    return;
  }
  if (service.spec?.type === 'ExternalName') {
    draft.patch(
      side.cluster,
      'Service',
      service,
      { spec: { externalName: target } },
      `Repoint Service ${at} to ${target}`,
    );
    return;
  }
  if (Object.keys(service.spec?.selector ?? {}).length > 0) {
    draft.read(side.cluster, 'Service', service);
    draft.warn(
      `Service ${at} selects pods, so it fronts no external dependency: it stays as it is.`,
    );
    return;
  }
  const endpoints = find(side.endpoints, namespace, name);
  if (!endpoints) {
    draft.warn(
      `Service ${at} has no selector and no Endpoints: create them by hand; it stays as it is.`,
    );
    return;
  }
  if (!isIP(target)) {
    draft.read(side.cluster, 'Endpoints', endpoints);
    draft.warn(
      `Service ${at} is selectorless, so its target must be an IP for its Endpoints, not '${target}': it stays as it is.`,
    );
    return;
  }
  const ports =
    endpoints.subsets?.[0]?.ports ??
    (service.spec?.ports ?? []).map((p: PlainObject) => ({
      ...(p.name ? { name: p.name } : {}),
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    }));
  draft.patch(
    side.cluster,
    'Endpoints',
    endpoints,
    { subsets: [{ addresses: [{ ip: target }], ports }] },
    `Repoint Endpoints ${at} to ${target}`,
  );
}
