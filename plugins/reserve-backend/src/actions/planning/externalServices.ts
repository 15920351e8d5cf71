import { isIP } from 'node:net';
import { PlainObject } from '../ClusterOperator';
import { FailoverDraft } from './FailoverDraft';
import { FailoverReversal } from './FailoverReversal';
import { refOf } from './objectState';
import { SideState, isKnown } from './sideState';

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
  draft: FailoverDraft,
  side: SideState,
  namespace: string,
  name: string,
  target: string,
): void {
  const at = `${namespace}/${name} on ${side.cluster}`;
  const step = {
    title: `Repoint ${namespace}/${name} on ${side.cluster} to ${target}`,
    what: `repointing ${namespace}/${name} to ${target}`,
  };
  if (!isKnown(side, 'services')) {
    draft.unknownOn(side, 'services', step);
    return;
  }
  const service = find(side.services, namespace, name);
  if (!service) {
    draft.warn(`External service ${at} does not exist: nothing to repoint.`);
    return;
  }
  if (service.spec?.type === 'ExternalName') {
    draft.patchOn(
      side,
      'services',
      'Service',
      service,
      { spec: { externalName: target } },
      `Repoint Service ${at} to ${target}`,
      `the repointing of Service ${namespace}/${name} to ${target}`,
    );
    return;
  }
  if (Object.keys(service.spec?.selector ?? {}).length > 0) {
    draft.readOn(side, 'services', 'Service', service);
    draft.warn(
      `Service ${at} selects pods, so it fronts no external dependency: it stays as it is.`,
    );
    return;
  }
  if (!isKnown(side, 'endpoints')) {
    draft.unknownOn(side, 'endpoints', step);
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
    draft.readOn(side, 'endpoints', 'Endpoints', endpoints);
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
  draft.patchOn(
    side,
    'endpoints',
    'Endpoints',
    endpoints,
    { subsets: [{ addresses: [{ ip: target }], ports }] },
    `Repoint Endpoints ${at} to ${target}`,
    `the repointing of Endpoints ${namespace}/${name} to ${target}`,
  );
}

/** What an external service pointed at before, in words: its externalName or its IPs. */
function describeTarget(before: Record<string, unknown>): string {
  const spec = before.spec as { externalName?: string } | undefined;
  if (spec?.externalName) return spec.externalName;
  const subsets = before.subsets as
    | Array<{ addresses?: Array<{ ip?: string }> }>
    | undefined;
  const ips = (subsets ?? []).flatMap(s => (s.addresses ?? []).map(a => a.ip));
  return ips.join(', ') || 'its previous address';
}

const listOfKind = { Service: 'services', Endpoints: 'endpoints' } as const;

/**
 * Puts one declared external service of a side back as the last failover found it (its
 * Endpoints when the failover repointed those, else its Service). Left as it is, with a
 * warning, when the failover did not repoint it or it changed since.
 */
export function repointExternalServiceBack(
  draft: FailoverDraft,
  reversal: FailoverReversal,
  side: SideState,
  namespace: string,
  name: string,
): void {
  const repointed = reversal.find(
    side.cluster,
    ref =>
      (ref.kind === 'Service' || ref.kind === 'Endpoints') &&
      ref.namespace === namespace &&
      ref.name === name,
  );
  const repointedList =
    repointed && listOfKind[repointed.object!.kind as keyof typeof listOfKind];
  if (repointed && repointedList && !isKnown(side, repointedList)) {
    draft.unknownOn(side, repointedList, {
      title: `Repoint ${repointed.object!.kind} ${namespace}/${name} on ${
        side.cluster
      } back to ${describeTarget(repointed.before ?? {})}`,
      what: `repointing ${namespace}/${name} back`,
    });
    return;
  }
  const endpoints = find(side.endpoints, namespace, name);
  const [kind, object] =
    endpoints && reversal.stepOn(side.cluster, refOf('Endpoints', endpoints))
      ? (['Endpoints', endpoints] as const)
      : (['Service', find(side.services, namespace, name)] as const);
  if (!object) return;
  const outcome = reversal.revert(
    side,
    listOfKind[kind],
    kind,
    object,
    before =>
      `Repoint ${kind} ${namespace}/${name} on ${
        side.cluster
      } back to ${describeTarget(before)}`,
    before =>
      `the repointing of ${kind} ${namespace}/${name} back to ${describeTarget(
        before,
      )}`,
  );
  if (outcome === 'no-failover' && reversal.failover) {
    draft.readOn(side, listOfKind[kind], kind, object);
    draft.warn(
      `The failover did not repoint ${namespace}/${name} on ${side.cluster}: it stays as it is.`,
    );
  }
}
