import {
  aContainer,
  aDeployment,
  aPrimary,
  anEntityView,
  unreachable,
} from '../../view/__fixtures__/builders';
import { checkImagesPinned, unpinnedReason } from './imagePinned';

const withImage = (image: string, podSpec = {}) =>
  anEntityView({
    primary: aPrimary({
      deployments: [
        aDeployment('api', {
          containers: [aContainer('api', { image })],
          podSpec,
        }),
      ],
    }),
  });

describe('workload.image-pinned', () => {
  it('passes an image with a version tag', () => {
    expect(
      checkImagesPinned(withImage('registry.example.com/shop/api:1.4.2')).state,
    ).toBe('pass');
  });

  it('passes an image pinned by digest', () => {
    expect(
      checkImagesPinned(withImage(`shop/api@sha256:${'a'.repeat(64)}`)).state,
    ).toBe('pass');
  });

  it('fails an image using the latest tag', () => {
    expect(checkImagesPinned(withImage('shop/api:latest'))).toMatchObject({
      state: 'fail',
      message:
        'image shop/api:latest of Deployment shop/api on prod-fra uses the latest tag',
    });
  });

  it('fails an untagged image, even behind a registry port', () => {
    expect(
      checkImagesPinned(withImage('registry.example.com:5000/shop/api')).state,
    ).toBe('fail');
    expect(unpinnedReason('registry.example.com:5000/shop/api')).toBe(
      'is untagged, so it pulls latest',
    );
  });

  it('fails an untagged Docker Hub image written in full', () => {
    expect(
      checkImagesPinned(withImage('docker.io/library/nginx')),
    ).toMatchObject({
      state: 'fail',
      message:
        'image docker.io/library/nginx of Deployment shop/api on prod-fra is untagged, so it pulls latest',
    });
  });

  it('passes a version tag behind a registry port', () => {
    expect(
      checkImagesPinned(withImage('registry.example.com:5000/shop/api:1.4.2'))
        .state,
    ).toBe('pass');
  });

  it('passes an image pinned by digest even beside the latest tag', () => {
    expect(
      checkImagesPinned(withImage(`nginx:latest@sha256:${'a'.repeat(64)}`))
        .state,
    ).toBe('pass');
  });

  it('fails an image reference the kubelet cannot pull, saying why', () => {
    expect(unpinnedReason('shop/API:1.4.2')).toBe(
      'is not an image reference the kubelet can pull (the repository name must be lowercase)',
    );
    expect(checkImagesPinned(withImage('shop/api@sha256:abc')).state).toBe(
      'fail',
    );
  });

  it('fails an unpinned init container', () => {
    const view = withImage('shop/api:1.4.2', {
      initContainers: [aContainer('migrate', { image: 'shop/migrate' })],
    });
    expect(checkImagesPinned(view).message).toContain('image shop/migrate');
  });

  it('is unknown when the primary is unreachable', () => {
    const primary = unreachable(
      aPrimary({ deployments: [aDeployment('api')] }),
    );
    expect(checkImagesPinned(anEntityView({ primary })).state).toBe('unknown');
  });

  it('does not apply without workloads', () => {
    expect(checkImagesPinned(anEntityView()).state).toBe('not-applicable');
  });
});
