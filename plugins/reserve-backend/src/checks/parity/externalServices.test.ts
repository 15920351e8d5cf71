import {
  aContainer,
  aDeployment,
  aPrimary,
  aReserve,
  aService,
  anEntityView,
  someEndpoints,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkExternalServices } from './externalServices';

const externalDb = (host: string) =>
  aService('db', { type: 'ExternalName', externalName: host });
const declared = { externalServices: ['db'] };

describe('parity.external-services', () => {
  it('passes an ExternalName Service on both sides', () => {
    const view = anEntityView({
      primary: aPrimary({ services: [externalDb('db.fra.example.com')] }),
      reserves: [aReserve({ services: [externalDb('db.ams.example.com')] })],
      policy: declared,
    });
    expect(checkExternalServices(view)).toMatchObject({ state: 'pass' });
  });

  it('passes a selectorless Service with Endpoints', () => {
    const selectorless = aService('db', { ports: [{ port: 5432 }] });
    const view = anEntityView({
      primary: aPrimary({ services: [externalDb('db.fra.example.com')] }),
      reserves: [
        aReserve({
          services: [selectorless],
          endpoints: [someEndpoints('db', ['10.2.0.5'])],
        }),
      ],
      policy: declared,
    });
    expect(checkExternalServices(view).state).toBe('pass');
  });

  it('fails a declared external service missing on the reserve', () => {
    const view = anEntityView({
      primary: aPrimary({ services: [externalDb('db.fra.example.com')] }),
      policy: declared,
    });
    expect(checkExternalServices(view)).toMatchObject({
      state: 'fail',
      message: 'external service db is missing on reserve-ams',
    });
  });

  it('fails a declared external service that selects pods', () => {
    const view = anEntityView({
      primary: aPrimary({ services: [aService('db')] }),
      reserves: [aReserve({ services: [externalDb('db.ams.example.com')] })],
      policy: declared,
    });
    expect(checkExternalServices(view).message).toContain(
      'Service shop/db on prod-fra selects pods',
    );
  });

  it('fails a selectorless Service without addresses', () => {
    const view = anEntityView({
      primary: aPrimary({ services: [externalDb('db.fra.example.com')] }),
      reserves: [
        aReserve({
          services: [aService('db', {})],
          endpoints: [someEndpoints('db', [])],
        }),
      ],
      policy: declared,
    });
    expect(checkExternalServices(view).state).toBe('fail');
  });

  it('warns about a raw IP in an environment value', () => {
    const deployment = aDeployment('api', {
      containers: [
        aContainer('api', {
          env: [{ name: 'DB_URL', value: 'postgres://10.1.2.3:5432/shop' }],
        }),
      ],
    });
    const view = anEntityView({
      primary: aPrimary({ deployments: [deployment] }),
    });
    expect(checkExternalServices(view)).toMatchObject({
      state: 'warn',
      message:
        'env DB_URL of Deployment shop/api on prod-fra holds the raw IP 10.1.2.3; reach it through a Service',
    });
  });

  it('is unknown when Endpoints of a selectorless Service cannot be read', () => {
    const view = anEntityView({
      primary: aPrimary({ services: [externalDb('db.fra.example.com')] }),
      reserves: [
        withoutKind(aReserve({ services: [aService('db', {})] }), 'endpoints'),
      ],
      policy: declared,
    });
    expect(checkExternalServices(view)).toMatchObject({
      state: 'unknown',
      message:
        'cannot check Service shop/db: endpoints forbidden on reserve-ams',
    });
  });

  it('is unknown when the reserve is unreachable', () => {
    const view = anEntityView({
      primary: aPrimary({ services: [externalDb('db.fra.example.com')] }),
      reserves: [unreachable(aReserve())],
      policy: declared,
    });
    expect(checkExternalServices(view).state).toBe('unknown');
  });

  it('does not apply when nothing is declared and no raw IP is found', () => {
    expect(checkExternalServices(anEntityView()).state).toBe('not-applicable');
  });

  it('does not apply to mode none', () => {
    expect(
      checkExternalServices(
        anEntityView({ policy: { mode: 'none', ...declared } }),
      ).state,
    ).toBe('not-applicable');
  });
});
