import {
  aContainer,
  aDeployment,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
} from '../../view/__fixtures__/builders';
import { checkImages } from './images';

const apiAt = (version: string) =>
  aDeployment('api', {
    containers: [
      aContainer('api', { image: `registry.example.com/shop/api:${version}` }),
    ],
  });

const webWith = (image: string) =>
  aDeployment('web', { containers: [aContainer('web', { image })] });
const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;

describe('parity.images', () => {
  it('passes the same image on both sides', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [apiAt('1.4.2')] }),
      reserves: [aReserve({ deployments: [apiAt('1.4.2')] })],
    });
    expect(checkImages(view)).toMatchObject({
      state: 'pass',
      message: "reserve-ams runs the primary's images",
    });
  });

  it('fails a reserve running an older image', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [apiAt('1.4.2')] }),
      reserves: [aReserve({ deployments: [apiAt('1.3.9')] })],
    });
    expect(checkImages(view)).toMatchObject({
      state: 'fail',
      message:
        'Deployment shop/api container api runs registry.example.com/shop/api:1.3.9 on reserve-ams but registry.example.com/shop/api:1.4.2 on the primary',
    });
  });

  it('nginx:1.27 and docker.io/library/nginx:1.27 are the same image for parity.images', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [webWith('nginx:1.27')] }),
      reserves: [
        aReserve({ deployments: [webWith('docker.io/library/nginx:1.27')] }),
      ],
    });
    expect(checkImages(view).state).toBe('pass');
  });

  it('treats index.docker.io and an upper-case registry host as the same registry', () => {
    const view = anEntityView({
      primary: aPrimary({
        deployments: [webWith('index.docker.io/library/redis:7.2')],
      }),
      reserves: [aReserve({ deployments: [webWith('DOCKER.IO/redis:7.2')] })],
    });
    expect(checkImages(view).state).toBe('pass');
  });

  it('passes an untagged image against the same image tagged latest', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [webWith('nginx')] }),
      reserves: [aReserve({ deployments: [webWith('nginx:latest')] })],
    });
    expect(checkImages(view).state).toBe('pass');
  });

  it('passes one digest with different tags beside it, as the digest decides', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [webWith(`nginx:1.27@${digestA}`)] }),
      reserves: [aReserve({ deployments: [webWith(`nginx@${digestA}`)] })],
    });
    expect(checkImages(view).state).toBe('pass');
  });

  it('fails different digests behind the same tag, showing the references as written', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [webWith(`nginx:1.27@${digestA}`)] }),
      reserves: [aReserve({ deployments: [webWith(`nginx:1.27@${digestB}`)] })],
    });
    expect(checkImages(view)).toMatchObject({
      state: 'fail',
      message: `Deployment shop/web container web runs nginx:1.27@${digestB} on reserve-ams but nginx:1.27@${digestA} on the primary`,
    });
  });

  it('fails the same repository on another registry', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [webWith('nginx:1.27')] }),
      reserves: [aReserve({ deployments: [webWith('ghcr.io/nginx:1.27')] })],
    });
    expect(checkImages(view).state).toBe('fail');
  });

  it('fails a container missing from the reserve copy', () => {
    const withSidecar = aDeployment('api', {
      containers: [aContainer('api'), aContainer('proxy')],
    });
    const view = anEntityView({
      primary: aPrimary({ deployments: [withSidecar] }),
      reserves: [aReserve({ deployments: [aDeployment('api')] })],
    });
    expect(checkImages(view).message).toBe(
      'container proxy of Deployment shop/api is missing on reserve-ams',
    );
  });

  it('is unknown when the reserve is unreachable', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [apiAt('1.4.2')] }),
      reserves: [unreachable(aReserve())],
    });
    expect(checkImages(view).state).toBe('unknown');
  });

  it('does not apply when nothing of the primary is deployed on the reserve', () => {
    const view = anEntityView({
      primary: aPrimary({ deployments: [apiAt('1.4.2')] }),
    });
    expect(checkImages(view).state).toBe('not-applicable');
  });

  it('does not apply to mode none', () => {
    expect(checkImages(anEntityView({ policy: { mode: 'none' } })).state).toBe(
      'not-applicable',
    );
  });
});
