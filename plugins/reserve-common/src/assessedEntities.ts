import { Entity } from '@backstage/catalog-model';

/**
 * The annotations that tie an entity to Kubernetes objects; Kube Reserve assesses an entity
 * that has one of them. They are the Kubernetes plugin's `KUBERNETES_ANNOTATION` and
 * `KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION`, spelled out here so that -common does not
 * pull in `@backstage/plugin-kubernetes-common` and with it `@kubernetes/client-node`.
 */
export const RESERVE_REQUIRED_ANNOTATIONS: string[] = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
];

/**
 * The catalog kinds Kube Reserve judges when `reserve.entityKinds` is not configured: the
 * kinds that have workloads on clusters.
 */
export const DEFAULT_RESERVE_ENTITY_KINDS: readonly string[] = [
  'Component',
  'Resource',
];

/** Whether Kube Reserve can assess an entity: it names its Kubernetes objects by id or selector. */
export function isReserveAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return RESERVE_REQUIRED_ANNOTATIONS.some(annotation =>
    Boolean(annotations[annotation]),
  );
}
