import {
  aContainer,
  aDeployment,
  aPrimary,
  aReserve,
  anEntityView,
  unreachable,
} from '../__fixtures__/builders';
import { checkImages } from './images';

const apiAt = (version: string) =>
  aDeployment('api', {
    containers: [
      aContainer('api', { image: `registry.example.com/shop/api:${version}` }),
    ],
  });

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
