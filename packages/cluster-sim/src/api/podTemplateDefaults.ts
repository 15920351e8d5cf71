import { Fields, fillUnset } from './fillUnset';

/**
 * The image tag the API server's image parser reads: the part after the last `:` of the last path
 * segment, or `latest` when the reference names neither tag nor digest.
 */
function imageTag(image: string): string {
  const [name, digest] = image.split('@', 2);
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon >= 0) return lastSegment.slice(colon + 1);
  return digest === undefined ? 'latest' : '';
}

// SetDefaults_Container (pkg/apis/core/v1/defaults.go): Always for `:latest` or an untagged image,
// IfNotPresent otherwise (a digest without a tag included).
function defaultContainer(container: Fields): void {
  const image = typeof container.image === 'string' ? container.image : '';
  fillUnset(container, {
    imagePullPolicy:
      image && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
}

/** Fills the container defaults of a pod spec, for its containers and init containers. */
export function defaultPodSpec(podSpec: Fields): void {
  for (const list of [podSpec.containers, podSpec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const container of list) {
      if (container && typeof container === 'object')
        defaultContainer(container);
    }
  }
}

/** Fills the container defaults of the pod template a workload spec holds, if it holds one. */
export function defaultPodTemplate(workloadSpec: Fields | undefined): void {
  const podSpec = workloadSpec?.template?.spec;
  if (podSpec && typeof podSpec === 'object') defaultPodSpec(podSpec);
}
