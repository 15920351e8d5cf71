import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';

/** The annotations that tie an entity to Kubernetes objects; Kube Reserve needs one of them. */
export const RESERVE_REQUIRED_ANNOTATIONS = [
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
];

/** Whether Kube Reserve can assess an entity: it names its Kubernetes objects by id or selector. */
export function isReserveAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return RESERVE_REQUIRED_ANNOTATIONS.some(annotation =>
    Boolean(annotations[annotation]),
  );
}
