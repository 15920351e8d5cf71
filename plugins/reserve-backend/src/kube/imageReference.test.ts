import { parseImageReference, pulledImage, sameImage } from './imageReference';

const digest = `sha256:${'a'.repeat(64)}`;
const otherDigest = `sha256:${'b'.repeat(64)}`;

const pulled = (text: string) => {
  const parsed = parseImageReference(text);
  return 'reference' in parsed ? pulledImage(parsed.reference) : parsed;
};

describe('image references', () => {
  it('reads a short Docker Hub name as docker.io/library with its tag', () => {
    expect(pulled('redis:7.2')).toBe('docker.io/library/redis:7.2');
  });

  it.each([
    'library/redis:7.2',
    'docker.io/library/redis:7.2',
    'docker.io/redis:7.2',
    'index.docker.io/library/redis:7.2',
  ])('treats %s as redis:7.2', text => {
    expect(sameImage(text, 'redis:7.2')).toBe(true);
  });

  it('pulls latest when no tag is named', () => {
    expect(sameImage('nginx', 'nginx:latest')).toBe(true);
    expect(sameImage('nginx', 'nginx:1.27')).toBe(false);
  });

  it('lets a digest pin the image whatever tag stands beside it', () => {
    expect(sameImage(`nginx:1.27@${digest}`, `nginx@${digest}`)).toBe(true);
    expect(sameImage(`nginx:1.27@${digest}`, `nginx:1.26@${digest}`)).toBe(
      true,
    );
    expect(pulled(`nginx:1.27@${digest}`)).toBe(
      `docker.io/library/nginx@${digest}`,
    );
  });

  it('tells images with different digests apart even with equal tags', () => {
    expect(sameImage(`nginx:1.27@${digest}`, `nginx:1.27@${otherDigest}`)).toBe(
      false,
    );
  });

  it('does not take a tag for the digest it may stand for', () => {
    expect(sameImage('nginx:1.27', `nginx@${digest}`)).toBe(false);
  });

  it('compares registry host names case-insensitively', () => {
    expect(
      sameImage(
        'Registry.Example.com/shop/api:1.4.2',
        'registry.example.com/shop/api:1.4.2',
      ),
    ).toBe(true);
    expect(sameImage('DOCKER.IO/library/nginx:1.27', 'nginx:1.27')).toBe(true);
  });

  it('keeps tags case-sensitive', () => {
    expect(sameImage('shop/api:RC1', 'shop/api:rc1')).toBe(false);
  });

  it('reads a registry port as part of the host, not as a tag', () => {
    expect(parseImageReference('registry:5000/shop/api')).toEqual({
      reference: { registry: 'registry:5000', repository: 'shop/api' },
    });
    expect(pulled('localhost:5000/api:2')).toBe('localhost:5000/api:2');
  });

  it('reads a first component without a dot or port as a Docker Hub namespace', () => {
    expect(pulled('shop/api:1')).toBe('docker.io/shop/api:1');
    expect(pulled('localhost/api')).toBe('localhost/api:latest');
  });

  it('keeps other registries apart from Docker Hub', () => {
    expect(sameImage('ghcr.io/shop/api:1', 'shop/api:1')).toBe(false);
    expect(pulled('quay.io/nginx:1')).toBe('quay.io/nginx:1');
  });

  it('reads an IPv6 registry with a port', () => {
    expect(pulled('[::1]:5000/api:1')).toBe('[::1]:5000/api:1');
  });

  it.each([
    ['', 'no image is named'],
    ['shop/API:1', 'the repository name must be lowercase'],
    ['nginx:', "'' is not a tag"],
    ['nginx:1.27 ', "'1.27 ' is not a tag"],
    [
      'nginx@sha256:abc',
      "'sha256:abc' is not a sha256, sha384 or sha512 digest",
    ],
    ['reg-.example.com/api', "'reg-.example.com' is not a registry host"],
    ['shop//api', "'shop//api' is not a repository name"],
    ['a'.repeat(64), 'a 64-character hex string is an image ID, not a name'],
  ])('refuses %j: %s', (text, problem) => {
    expect(parseImageReference(text)).toEqual({ problem });
  });

  it('compares unreadable references as written', () => {
    expect(sameImage('shop/API:1', 'shop/API:1')).toBe(true);
    expect(sameImage('shop/API:1', 'shop/api:1')).toBe(false);
  });

  it('reads a long malformed name at once', () => {
    const started = Date.now();
    expect('problem' in parseImageReference(`${'a'.repeat(5000)}-!:1`)).toBe(
      true,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
