import { cluster } from '../__testUtils__/reports';
import {
  compareByCertificateExpiry,
  describeCertificate,
  describeLeaderElection,
  describeStaleLeases,
  describeSupport,
} from './platformFacts';
import { platformFacts } from '../__testUtils__/platform';

describe('platform facts', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('puts the certificate expiring first on top and unread certificates last', () => {
    const items = [
      {
        name: 'a-unread',
        summary: cluster('a-unread', 'reserve', { apiCertificate: undefined }),
      },
      {
        name: 'b-late',
        summary: cluster('b-late', 'reserve', {
          platform: platformFacts('b-late', { apiCertificateDaysLeft: 300 }),
        }),
      },
      {
        name: 'c-soon',
        summary: cluster('c-soon', 'primary', {
          platform: platformFacts('c-soon', { apiCertificateDaysLeft: 5 }),
        }),
      },
      { name: 'unknown-to-reserve' },
    ];
    expect(
      [...items].sort(compareByCertificateExpiry).map(i => i.name),
    ).toEqual(['c-soon', 'b-late', 'a-unread', 'unknown-to-reserve']);
  });

  it('says how many days a certificate has left, or how long ago it expired', () => {
    expect(describeCertificate(23, '2026-03-24T00:00:00Z')).toBe(
      '23 d left (2026-03-24)',
    );
    expect(describeCertificate(-2)).toBe('Expired 2 d ago');
    expect(describeCertificate(undefined)).toBe('Unknown');
  });

  it('tells supported, maintenance mode and end of life apart', () => {
    expect(
      describeSupport({ minor: '1.35', endOfLife: '2027-02-28' }, now),
    ).toBe('supported until 2027-02-28');
    expect(
      describeSupport(
        {
          minor: '1.34',
          maintenanceModeStart: '2026-02-01',
          endOfLife: '2026-10-27',
        },
        now,
      ),
    ).toBe('maintenance mode, end of life 2026-10-27');
    expect(
      describeSupport({ minor: '1.32', endOfLife: '2026-02-28' }, now),
    ).toBe('end of life since 2026-02-28');
    expect(describeSupport(undefined, now)).toBe('support schedule unknown');
  });

  it('counts the fresh leases and names the lease nobody holds or renews', () => {
    const leases = [
      { name: 'kube-scheduler', holder: 'cp-1', fresh: false },
      { name: 'kube-controller-manager', fresh: false },
    ];
    expect(describeLeaderElection(leases)).toBe('0 of 2 leases fresh');
    expect(describeStaleLeases(leases)).toEqual([
      'kube-scheduler not renewed',
      'kube-controller-manager not held',
    ]);
  });
});
