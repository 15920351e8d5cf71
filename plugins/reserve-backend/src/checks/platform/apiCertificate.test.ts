import {
  aHealthyCluster,
  anEntityView,
  daysFromNow,
  primaryFacts,
  reserveFacts,
  unreachable,
} from '../../view/__fixtures__/builders';
import { checkApiCertificate } from './apiCertificate';

function viewWithReserveCert(notAfter: string | undefined) {
  return anEntityView({
    primary: aHealthyCluster(primaryFacts),
    reserves: [
      aHealthyCluster(reserveFacts, {}, { apiCertificateNotAfter: notAfter }),
    ],
  });
}

describe('platform.api-cert', () => {
  it('passes when both API certificates are valid beyond certWarning', () => {
    const result = checkApiCertificate(viewWithReserveCert(daysFromNow(300)));
    expect(result.state).toBe('pass');
    expect(result.clusters.map(c => c.state)).toEqual(['pass', 'pass']);
  });

  it('warns about a certificate expiring in 18 days, under the 30d default', () => {
    const result = checkApiCertificate(viewWithReserveCert(daysFromNow(18)));
    expect(result.state).toBe('warn');
    expect(result.clusters[1]).toMatchObject({
      cluster: 'reserve-ams',
      state: 'warn',
      message: expect.stringContaining('expires in 18 d ('),
    });
  });

  it('reads certWarning from the view: 18 days passes under a 14d warning', () => {
    const view = {
      ...viewWithReserveCert(daysFromNow(18)),
      thresholds: {
        certWarning: { ms: 14 * 86_400_000, text: '14d' },
        certFail: { ms: 7 * 86_400_000, text: '7d' },
      },
    };
    expect(checkApiCertificate(view).state).toBe('pass');
  });

  it('fails under 7 days and once expired', () => {
    expect(checkApiCertificate(viewWithReserveCert(daysFromNow(6))).state).toBe(
      'fail',
    );
    const expired = checkApiCertificate(viewWithReserveCert(daysFromNow(-1)));
    expect(expired.state).toBe('fail');
    expect(expired.clusters[1].message).toContain('expired on');
  });

  it('is unknown for a cluster whose certificate was never read', () => {
    const result = checkApiCertificate(viewWithReserveCert(undefined));
    expect(result.state).toBe('unknown');
    expect(result.clusters[1].message).toContain('not been read');
  });

  it('is unknown for an unreachable cluster, unless what was read already fails', () => {
    const healthy = unreachable(aHealthyCluster(reserveFacts));
    const expiring = unreachable(
      aHealthyCluster(
        reserveFacts,
        {},
        { apiCertificateNotAfter: daysFromNow(2) },
      ),
    );
    const primary = aHealthyCluster(primaryFacts);
    expect(
      checkApiCertificate(anEntityView({ primary, reserves: [healthy] }))
        .clusters[1].state,
    ).toBe('unknown');
    expect(
      checkApiCertificate(anEntityView({ primary, reserves: [expiring] }))
        .clusters[1].state,
    ).toBe('fail');
  });

  it('is unknown without a primary', () => {
    expect(
      checkApiCertificate(anEntityView({ primary: undefined })).state,
    ).toBe('unknown');
  });
});
