import {
  CheckResult,
  ClusterCheckResult,
} from '@kube-reserve/plugin-reserve-common';
import type { V1StorageClass } from '@kubernetes/client-node';
import { ClusterObjectLists, EntityView } from '../../view/EntityView';
import { Finding, clusterResult } from '../outcome';
import { compareWithReserves } from '../reserveComparison';

const id = 'parity.storage';
const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';

/** A claim the reserve must be able to provision: a PVC, or a StatefulSet's claim template. */
interface ClaimDemand {
  ref: string;
  /** undefined: the cluster's default class; '': bound statically to a PersistentVolume. */
  storageClassName?: string;
}

function claimDemands(
  lists: Pick<ClusterObjectLists, 'persistentVolumeClaims' | 'statefulSets'>,
): ClaimDemand[] {
  return [
    ...lists.persistentVolumeClaims.map(pvc => ({
      ref: `PersistentVolumeClaim ${pvc.metadata?.namespace}/${pvc.metadata?.name}`,
      storageClassName: pvc.spec?.storageClassName,
    })),
    ...lists.statefulSets.flatMap(sts =>
      (sts.spec?.volumeClaimTemplates ?? []).map(template => ({
        ref: `claim template ${template.metadata?.name} of StatefulSet ${sts.metadata?.namespace}/${sts.metadata?.name}`,
        storageClassName: template.spec?.storageClassName,
      })),
    ),
  ];
}

function isDefault(storageClass: V1StorageClass): boolean {
  return (
    storageClass.metadata?.annotations?.[defaultClassAnnotation] === 'true'
  );
}

/**
 * parity.storage: the StorageClasses the entity's claims use exist on each reserve (a claim
 * without a class needs a default class there). Whether the volumes' data is backed up where
 * the reserve can restore it is Velero data, judged by backup.volumes.
 */
export function checkStorage(view: EntityView): CheckResult {
  return compareWithReserves(view, {
    id,
    primaryKinds: ['persistentVolumeClaims', 'statefulSets'],
    reserveKinds: ['storageClasses'],
    notApplicableWhen: primary =>
      claimDemands(primary).length === 0
        ? 'The entity has no persistent volumes'
        : undefined,
    compare: (
      primary,
      reserve,
      { cluster: { name: cluster } },
    ): ClusterCheckResult => {
      const demands = claimDemands(primary);
      const classes = new Set(
        reserve.storageClasses.map(c => c.metadata?.name),
      );
      const hasDefault = reserve.storageClasses.some(isDefault);
      const findings: Finding[] = demands.flatMap(
        ({ ref, storageClassName }): Finding[] => {
          if (storageClassName === '') {
            return [
              {
                state: 'warn',
                text: `${ref} binds a PersistentVolume statically; ${cluster} needs one provisioned by hand`,
              },
            ];
          }
          if (storageClassName === undefined) {
            return hasDefault
              ? []
              : [
                  {
                    state: 'fail',
                    text: `${ref} relies on a default StorageClass, which ${cluster} lacks`,
                  },
                ];
          }
          return classes.has(storageClassName)
            ? []
            : [
                {
                  state: 'fail',
                  text: `StorageClass ${storageClassName} of ${ref} is missing on ${cluster}`,
                },
              ];
        },
      );
      return clusterResult(cluster, findings, {
        message: `${cluster} has the StorageClasses of all ${demands.length} claims`,
      });
    },
  });
}
