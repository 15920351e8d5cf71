import {
  aPrimary,
  aReserve,
  anEntityView,
  anIngress,
  anIngressClass,
  unreachable,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { checkIngress } from './ingress';

const primary = aPrimary({
  ingresses: [anIngress('shop', ['shop.example.com'], 'nginx')],
});

describe('parity.ingress', () => {
  it('passes a reserve serving the same hosts with the same IngressClass', () => {
    const reserve = aReserve({
      ingresses: [anIngress('shop', ['shop.example.com'], 'nginx')],
      ingressClasses: [anIngressClass('nginx')],
    });
    expect(
      checkIngress(anEntityView({ primary, reserves: [reserve] })).state,
    ).toBe('pass');
  });

  it('passes an Ingress without a class when the reserve has a default class', () => {
    const reserve = aReserve({
      ingresses: [anIngress('shop', ['shop.example.com'])],
      ingressClasses: [anIngressClass('traefik', true)],
    });
    const view = anEntityView({
      primary: aPrimary({
        ingresses: [anIngress('shop', ['shop.example.com'])],
      }),
      reserves: [reserve],
    });
    expect(checkIngress(view).state).toBe('pass');
  });

  it('fails a host no reserve Ingress serves', () => {
    const reserve = aReserve({ ingressClasses: [anIngressClass('nginx')] });
    expect(
      checkIngress(anEntityView({ primary, reserves: [reserve] })),
    ).toMatchObject({
      state: 'fail',
      message:
        'no Ingress on reserve-ams serves shop.example.com (from Ingress shop/shop)',
    });
  });

  it('fails an IngressClass missing on the reserve', () => {
    const reserve = aReserve({
      ingresses: [anIngress('shop', ['shop.example.com'], 'nginx')],
      ingressClasses: [anIngressClass('traefik')],
    });
    expect(
      checkIngress(anEntityView({ primary, reserves: [reserve] })).message,
    ).toBe('IngressClass nginx of Ingress shop/shop is missing on reserve-ams');
  });

  it('is unknown when IngressClasses cannot be read on the reserve', () => {
    const reserve = withoutKind(
      aReserve({
        ingresses: [anIngress('shop', ['shop.example.com'], 'nginx')],
      }),
      'ingressClasses',
    );
    expect(
      checkIngress(anEntityView({ primary, reserves: [reserve] })).state,
    ).toBe('unknown');
  });

  it('is unknown when the reserve is unreachable', () => {
    expect(
      checkIngress(
        anEntityView({ primary, reserves: [unreachable(aReserve())] }),
      ).state,
    ).toBe('unknown');
  });

  it('does not apply to an entity without Ingress', () => {
    expect(checkIngress(anEntityView()).state).toBe('not-applicable');
  });

  it('does not apply to an entity without Ingress even when the reserve is unreachable', () => {
    expect(
      checkIngress(anEntityView({ reserves: [unreachable(aReserve())] })).state,
    ).toBe('not-applicable');
  });
});
