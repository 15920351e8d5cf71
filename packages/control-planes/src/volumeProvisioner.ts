import { KubeApi, KubeApiError } from './KubeApi';

interface Claim {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    annotations?: Record<string, string>;
  };
  spec: {
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string;
    volumeMode?: string;
    volumeName?: string;
  };
  status?: { phase?: string };
}

/**
 * What a CSI driver's provisioner does, for clusters without one: every pending
 * PersistentVolumeClaim gets a PersistentVolume made for it (a hostPath nobody mounts: KWOK's
 * pods never start containers), once its pod is scheduled when its StorageClass waits for the
 * first consumer. The PersistentVolume controller then binds them, so StatefulSets become
 * available as on a cluster with storage. Answers the function that stops it.
 */
export function provisionVolumes(
  api: KubeApi,
  onError: (error: Error) => void,
  intervalMs = 1000,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const waitsForConsumer = new Map<string, boolean>();

  const bindingMode = async (storageClass: string) => {
    if (!waitsForConsumer.has(storageClass)) {
      const sc = await api
        .request<{ volumeBindingMode?: string }>(
          'GET',
          `/apis/storage.k8s.io/v1/storageclasses/${storageClass}`,
        )
        .catch(() => ({ volumeBindingMode: undefined }));
      waitsForConsumer.set(
        storageClass,
        sc.volumeBindingMode === 'WaitForFirstConsumer',
      );
    }
    return waitsForConsumer.get(storageClass)!;
  };

  const round = async () => {
    const { items } = await api.request<{ items: Claim[] }>(
      'GET',
      '/api/v1/persistentvolumeclaims',
    );
    for (const claim of items) {
      if (claim.status?.phase !== 'Pending') continue;
      const { metadata, spec } = claim;
      if (
        !spec.volumeName &&
        spec.storageClassName &&
        (await bindingMode(spec.storageClassName)) &&
        !metadata.annotations?.['volume.kubernetes.io/selected-node']
      ) {
        continue;
      }
      const name = spec.volumeName ?? `pvc-${metadata.uid}`;
      await api
        .request('POST', '/api/v1/persistentvolumes', {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name },
          spec: {
            capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
            accessModes: spec.accessModes ?? ['ReadWriteOnce'],
            persistentVolumeReclaimPolicy: 'Delete',
            ...(spec.storageClassName
              ? { storageClassName: spec.storageClassName }
              : {}),
            volumeMode: spec.volumeMode ?? 'Filesystem',
            hostPath: { path: `/var/lib/kube-reserve-volumes/${name}` },
            claimRef: {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              namespace: metadata.namespace,
              name: metadata.name,
              uid: metadata.uid,
            },
          },
        })
        .catch(error => {
          // Made in an earlier round, not bound yet.
          if (!(error instanceof KubeApiError && error.status === 409)) {
            throw error;
          }
        });
    }
  };

  const loop = () => {
    round()
      .catch(error => {
        if (!stopped) onError(error);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
