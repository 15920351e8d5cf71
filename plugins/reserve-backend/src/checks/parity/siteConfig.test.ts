import {
  aConfigMap,
  aPrimary,
  aReserve,
  aSecret,
  anEntityView,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkSiteConfig } from './siteConfig';

const primaryDb = aSecret('db-credentials', { host: 'h-fra', password: 'p-1' });
const reserveDb = aSecret('db-credentials', { host: 'h-ams', password: 'p-1' });
const declared = { siteConfig: ['db-credentials'] };

describe('parity.site-config', () => {
  it('passes a declared Secret that differs between the sites', () => {
    const view = anEntityView({
      primary: aPrimary({ secrets: [primaryDb] }),
      reserves: [aReserve({ secrets: [reserveDb] })],
      policy: declared,
    });
    expect(checkSiteConfig(view)).toMatchObject({
      state: 'pass',
      message:
        'reserve-ams has its own db-credentials, and no other configuration differs',
    });
  });

  it('fails a declared Secret identical on both sides, as the reserve would use the primary\u2019s database', () => {
    const view = anEntityView({
      primary: aPrimary({ secrets: [primaryDb] }),
      reserves: [aReserve({ secrets: [primaryDb] })],
      policy: declared,
    });
    expect(checkSiteConfig(view)).toMatchObject({
      state: 'fail',
      message:
        "Secret shop/db-credentials is identical on prod-fra and reserve-ams: the reserve would use the primary's values",
    });
  });

  it('fails a declared Secret missing on the reserve', () => {
    const view = anEntityView({
      primary: aPrimary({ secrets: [primaryDb] }),
      policy: declared,
    });
    expect(checkSiteConfig(view).message).toBe(
      'Secret shop/db-credentials is missing on reserve-ams',
    );
  });

  it('fails a declared name found on neither side', () => {
    const view = anEntityView({ policy: { siteConfig: ['db-config'] } });
    expect(checkSiteConfig(view).state).toBe('fail');
  });

  it('warns about an undeclared ConfigMap that differs', () => {
    const view = anEntityView({
      primary: aPrimary({
        configMaps: [aConfigMap('settings', { LOG_LEVEL: 'info' })],
      }),
      reserves: [
        aReserve({
          configMaps: [aConfigMap('settings', { LOG_LEVEL: 'debug' })],
        }),
      ],
    });
    expect(checkSiteConfig(view)).toMatchObject({
      state: 'warn',
      message:
        'ConfigMap shop/settings differs on reserve-ams but is not declared in kube-reserve.io/site-config',
    });
  });

  it('ignores objects each cluster generates for itself', () => {
    const view = anEntityView({
      primary: aPrimary({
        configMaps: [aConfigMap('kube-root-ca.crt', { 'ca.crt': 'fra' })],
        secrets: [
          aSecret('shop-tls', { 'tls.crt': 'fra' }, 'kubernetes.io/tls'),
        ],
      }),
      reserves: [
        aReserve({
          configMaps: [aConfigMap('kube-root-ca.crt', { 'ca.crt': 'ams' })],
          secrets: [
            aSecret('shop-tls', { 'tls.crt': 'ams' }, 'kubernetes.io/tls'),
          ],
        }),
      ],
    });
    expect(checkSiteConfig(view).state).toBe('pass');
  });

  it('is unknown when Secrets are forbidden on the reserve', () => {
    const view = anEntityView({
      primary: aPrimary({ secrets: [primaryDb] }),
      reserves: [withoutKind(aReserve(), 'secrets')],
      policy: declared,
    });
    expect(checkSiteConfig(view)).toMatchObject({
      state: 'unknown',
      message: 'secrets forbidden on reserve-ams',
    });
  });

  it('is unknown when the reserve is unreachable', () => {
    const view = anEntityView({
      reserves: [unreachable(aReserve())],
      policy: declared,
    });
    expect(checkSiteConfig(view).state).toBe('unknown');
  });

  it('does not apply to mode none', () => {
    expect(
      checkSiteConfig(anEntityView({ policy: { mode: 'none' } })).state,
    ).toBe('not-applicable');
  });
});
