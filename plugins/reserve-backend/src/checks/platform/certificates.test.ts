import {
  aCertificate,
  aHealthyCluster,
  anEntityView,
  daysFromNow,
  primaryFacts,
  reserveFacts,
  withoutKind,
} from '../../view/__fixtures__/builders';
import { ClusterSideView } from '../../view/EntityView';
import { checkCertificates } from './certificates';

function reserveWith(
  certificates: ReturnType<typeof aCertificate>[],
): ClusterSideView {
  return aHealthyCluster(reserveFacts, { certificates });
}

function resultOnReserve(reserve: ClusterSideView) {
  return checkCertificates(
    anEntityView({
      primary: aHealthyCluster(primaryFacts, {
        certificates: [aCertificate('shop-tls')],
      }),
      reserves: [reserve],
    }),
  ).clusters[1];
}

describe('platform.certificates', () => {
  it('passes Ready Certificates valid beyond certWarning', () => {
    expect(resultOnReserve(reserveWith([aCertificate('shop-tls')])).state).toBe(
      'pass',
    );
  });

  it('fails a Certificate expiring in 6 days whose renewal keeps failing', () => {
    const certificate = aCertificate('payments-api-tls', {
      notAfter: daysFromNow(6),
      renewalTime: daysFromNow(-24),
      failedIssuanceAttempts: 6,
    });
    expect(resultOnReserve(reserveWith([certificate]))).toMatchObject({
      state: 'fail',
      message: expect.stringMatching(
        /Certificate shop\/payments-api-tls on reserve-ams expires in 6 d \(.*\), under 7 d; renewal due since .* has not happened, 6 failed issuance attempts/,
      ),
    });
  });

  it('warns about a Certificate expiring within certWarning', () => {
    const certificate = aCertificate('shop-tls', {
      notAfter: daysFromNow(20),
      renewalTime: daysFromNow(1),
    });
    expect(resultOnReserve(reserveWith([certificate])).state).toBe('warn');
  });

  it('warns about an overdue renewal even while the certificate is still far from expiry', () => {
    const certificate = aCertificate('shop-tls', {
      renewalTime: daysFromNow(-2),
    });
    expect(resultOnReserve(reserveWith([certificate])).state).toBe('warn');
  });

  it('fails a Certificate that is not Ready', () => {
    expect(
      resultOnReserve(
        reserveWith([aCertificate('shop-tls', { ready: false })]),
      ),
    ).toMatchObject({
      state: 'fail',
      message: expect.stringContaining('is not Ready (Failed)'),
    });
  });

  it('is unknown for a Ready Certificate without notAfter', () => {
    const certificate = aCertificate('shop-tls');
    delete certificate.status!.notAfter;
    expect(resultOnReserve(reserveWith([certificate])).state).toBe('unknown');
  });

  it('does not apply where cert-manager is not installed (CRD absent)', () => {
    const reserve = withoutKind(
      aHealthyCluster(reserveFacts),
      'certificates',
      'absent',
    );
    expect(resultOnReserve(reserve)).toMatchObject({
      state: 'not-applicable',
      message: 'cert-manager is not installed on reserve-ams',
    });
  });

  it('does not apply at all where cert-manager is installed on neither cluster: nothing to check, not unknown', () => {
    const withoutCertManager = (side: ClusterSideView) =>
      withoutKind(side, 'certificates', 'absent');
    const result = checkCertificates(
      anEntityView({
        primary: withoutCertManager(aHealthyCluster(primaryFacts)),
        reserves: [withoutCertManager(aHealthyCluster(reserveFacts))],
      }),
    );
    expect(result.state).toBe('not-applicable');
    expect(result.clusters.map(c => c.state)).toEqual([
      'not-applicable',
      'not-applicable',
    ]);
  });

  it('does not apply where the entity has no Certificate', () => {
    expect(resultOnReserve(reserveWith([])).state).toBe('not-applicable');
  });

  it('is unknown where Certificates are forbidden', () => {
    const reserve = withoutKind(aHealthyCluster(reserveFacts), 'certificates');
    expect(resultOnReserve(reserve).state).toBe('unknown');
  });
});
