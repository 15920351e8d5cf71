import type { V1ResourceQuota } from '@kubernetes/client-node';
import { Finding } from '../outcome';
import { parseQuantity } from '../../kube/quantity';
import { Workload, containersOf } from '../workloads';

/** Resources a scale-up consumes, in cores, bytes and pods. */
export interface ResourceDemand {
  cpu: number;
  memory: number;
  pods: number;
}

// Quota keys that limit each demand; `cpu` and `memory` are shorthands for the requests.
const quotaKeys: Record<keyof ResourceDemand, string[]> = {
  cpu: ['requests.cpu', 'cpu'],
  memory: ['requests.memory', 'memory'],
  pods: ['pods', 'count/pods'],
};

/** A pod's effective requests: the larger of its containers' sum and its largest init container. */
export function podRequests(workload: Workload): {
  cpu: number;
  memory: number;
} {
  const request = (
    resource: 'cpu' | 'memory',
    c: ReturnType<typeof containersOf>[number],
  ) => parseQuantity(c.resources?.requests?.[resource]) ?? 0;
  const init = workload.template.spec?.initContainers ?? [];
  const effective = (resource: 'cpu' | 'memory') =>
    Math.max(
      containersOf(workload).reduce((sum, c) => sum + request(resource, c), 0),
      ...init.map(c => request(resource, c)),
    );
  return { cpu: effective('cpu'), memory: effective('memory') };
}

function format(resource: keyof ResourceDemand, amount: number): string {
  if (resource === 'cpu') return `${Number(amount.toFixed(3))} CPU`;
  if (resource === 'pods') return `${amount} pods`;
  const gi = amount / 2 ** 30;
  return gi >= 1
    ? `${Number(gi.toFixed(2))}Gi memory`
    : `${Math.round(amount / 2 ** 20)}Mi memory`;
}

/**
 * Findings for each ResourceQuota of a namespace that lacks room for the demand; an
 * unknown finding when a quota reports no usage, as headroom cannot be told then.
 */
export function quotaFindings(
  demand: ResourceDemand,
  quotas: V1ResourceQuota[],
  cluster: string,
): Finding[] {
  return quotas.flatMap((quota): Finding[] => {
    const name = `ResourceQuota ${quota.metadata?.namespace}/${quota.metadata?.name}`;
    const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
    const used = quota.status?.used;
    const limited = (
      Object.keys(quotaKeys) as Array<keyof ResourceDemand>
    ).flatMap(resource =>
      quotaKeys[resource]
        .filter(key => hard[key] !== undefined)
        .map(key => ({ resource, key })),
    );
    if (limited.length === 0) return [];
    if (!used) {
      return [
        {
          state: 'unknown',
          text: `${name} on ${cluster} reports no usage yet`,
        },
      ];
    }
    return limited.flatMap(({ resource, key }): Finding[] => {
      const headroom =
        (parseQuantity(hard[key]) ?? 0) - (parseQuantity(used[key]) ?? 0);
      return demand[resource] > headroom
        ? [
            {
              state: 'fail',
              text: `${name} on ${cluster} leaves ${format(
                resource,
                Math.max(headroom, 0),
              )} (${key}) of the ${format(
                resource,
                demand[resource],
              )} needed to scale to the primary`,
            },
          ]
        : [];
    });
  });
}
