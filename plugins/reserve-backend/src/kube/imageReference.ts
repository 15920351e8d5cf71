/**
 * Container image references read as container runtimes read them: docker/distribution's
 * `ParseNormalizedNamed`, which the kubelet and containerd use before pulling.
 *
 * Written here rather than taken from npm: `@swimlane/docker-reference` ports distribution's
 * regular expressions, which Go runs in linear time but JavaScript backtracks on; one
 * malformed name of twenty characters kept it busy for minutes. Each part is checked on its
 * own here, so parsing stays linear.
 */

/** An image reference resolved to the registry, repository, tag and digest it pulls. */
export interface ImageReference {
  /** Registry host (and port), lower case: `docker.io`, `registry.example.com:5000`. */
  registry: string;
  /** Repository path on the registry, e.g. `library/nginx` or `shop/api`. */
  repository: string;
  /** The tag as written; undefined when the reference names none. */
  tag?: string;
  /** The content digest, e.g. `sha256:…`; it pins the image whatever tag stands beside it. */
  digest?: string;
}

/** The outcome of reading an image reference: the reference, or why it is not one. */
export type ParsedImageReference =
  | { reference: ImageReference }
  | { problem: string };

const dockerHub = 'docker.io';
const legacyDockerHub = 'index.docker.io';
const officialRepositoryPrefix = 'library/';
const nameTotalLengthMax = 255;

const imageId = /^[a-f0-9]{64}$/;
const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const hostLabel = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const ipv6Host = /^\[[a-fA-F0-9:]+\]$/;
const port = /^[0-9]+$/;
const tagPattern = /^\w[\w.-]{0,127}$/;
// go-digest accepts only the algorithms it can verify, each with its own hex length.
const digestPattern =
  /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;

function validHost(host: string): boolean {
  const portAt = host.lastIndexOf(':');
  const hasPort = portAt > host.lastIndexOf(']');
  const name = hasPort ? host.slice(0, portAt) : host;
  if (hasPort && !port.test(host.slice(portAt + 1))) return false;
  if (name.startsWith('[')) return ipv6Host.test(name);
  return name.split('.').every(label => hostLabel.test(label));
}

// distribution's splitDockerDomain: the first component is a registry only when it looks like
// a host (a dot, a port, `localhost`, or upper case, which repository names never have).
function splitRegistry(name: string): { registry: string; remainder: string } {
  const slash = name.indexOf('/');
  const first = name.slice(0, slash);
  const isHost =
    slash >= 0 &&
    (first === 'localhost' ||
      /[.:]/.test(first) ||
      first !== first.toLowerCase());
  // Host names compare case-insensitively, so `Docker.IO` is Docker Hub too.
  let registry = isHost ? first.toLowerCase() : dockerHub;
  const remainder = isHost ? name.slice(slash + 1) : name;
  if (registry === legacyDockerHub) registry = dockerHub;
  return registry === dockerHub && !remainder.includes('/')
    ? { registry, remainder: `${officialRepositoryPrefix}${remainder}` }
    : { registry, remainder };
}

/**
 * Reads an image reference as the kubelet does: `nginx:1.27`, `library/nginx:1.27` and
 * `docker.io/library/nginx:1.27` are one image on Docker Hub; a colon before the first slash
 * is a registry port, not a tag.
 */
export function parseImageReference(text: string): ParsedImageReference {
  if (text === '') return { problem: 'no image is named' };
  if (imageId.test(text)) {
    return { problem: 'a 64-character hex string is an image ID, not a name' };
  }
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  if (digest !== undefined && !digestPattern.test(digest)) {
    return { problem: `'${digest}' is not a sha256, sha384 or sha512 digest` };
  }
  const { registry, remainder } = splitRegistry(
    at >= 0 ? text.slice(0, at) : text,
  );
  const colon = remainder.indexOf(':');
  const repository = colon >= 0 ? remainder.slice(0, colon) : remainder;
  const tag = colon >= 0 ? remainder.slice(colon + 1) : undefined;
  if (!validHost(registry)) {
    return { problem: `'${registry}' is not a registry host` };
  }
  if (repository !== repository.toLowerCase()) {
    return { problem: 'the repository name must be lowercase' };
  }
  if (!repository.split('/').every(part => pathComponent.test(part))) {
    return { problem: `'${repository}' is not a repository name` };
  }
  if (registry.length + 1 + repository.length > nameTotalLengthMax) {
    return {
      problem: `the name is longer than ${nameTotalLengthMax} characters`,
    };
  }
  if (tag !== undefined && !tagPattern.test(tag)) {
    return { problem: `'${tag}' is not a tag` };
  }
  return {
    reference: {
      registry,
      repository,
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    },
  };
}

/**
 * What the runtime pulls, written out in full: `registry/repository@digest` when pinned by
 * digest (a tag beside it is ignored, as containerd does), else `registry/repository:tag`
 * with `latest` for a missing tag.
 */
export function pulledImage(reference: ImageReference): string {
  const name = `${reference.registry}/${reference.repository}`;
  return reference.digest
    ? `${name}@${reference.digest}`
    : `${name}:${reference.tag ?? 'latest'}`;
}

/**
 * Whether two image references pull the same image. References that cannot be read are the
 * same only when written identically.
 */
export function sameImage(
  a: string | undefined,
  b: string | undefined,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const [left, right] = [parseImageReference(a), parseImageReference(b)];
  return (
    'reference' in left &&
    'reference' in right &&
    pulledImage(left.reference) === pulledImage(right.reference)
  );
}
