import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { platformFacts } from '../../__testUtils__/platform';
import { cluster } from '../../__testUtils__/reports';
import { ClustersTable } from './ClustersTable';

describe('ClustersTable', () => {
  it('lists each cluster with its facts, and one Kube Reserve does not know as such', async () => {
    await renderInTestApp(
      <ClustersTable
        clusters={[
          {
            name: 'prod-fra',
            title: 'Production Frankfurt',
            summary: cluster('prod-fra', 'primary'),
          },
          { name: 'lab' },
        ]}
      />,
    );
    expect(screen.getByText('Production Frankfurt')).toBeInTheDocument();
    expect(screen.getByText('hetzner')).toBeInTheDocument();
    expect(screen.getByText('data 12 s old')).toBeInTheDocument();
    expect(
      screen.getByText('Not configured in Kube Reserve'),
    ).toBeInTheDocument();
  });
});

describe('ClustersTable platform facts', () => {
  it('lists the certificate expiring soonest first, with each platform check as a status', async () => {
    await renderInTestApp(
      <ClustersTable
        clusters={[
          {
            name: 'prod-fra',
            summary: cluster('prod-fra', 'primary', {
              platform: platformFacts('prod-fra'),
            }),
          },
          { name: 'lab' },
          {
            name: 'reserve-ams',
            summary: cluster('reserve-ams', 'reserve', {
              platform: platformFacts(
                'reserve-ams',
                {
                  apiCertificateDaysLeft: 5,
                  apiCertificateNotAfter: '2026-03-06T00:00:00Z',
                  controlPlaneNodes: 1,
                  leaderElection: [
                    { name: 'kube-scheduler', holder: 'cp-1', fresh: true },
                    { name: 'kube-controller-manager', fresh: false },
                  ],
                  support: { minor: '1.32', endOfLife: '2026-02-28' },
                },
                {
                  'platform.api-cert': 'fail',
                  'platform.control-plane': 'fail',
                  'platform.leader-election': 'fail',
                  'platform.version-supported': 'fail',
                },
              ),
            }),
          },
        ]}
      />,
    );

    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[0].textContent),
    ).toEqual([
      expect.stringMatching(/^reserve-ams/),
      expect.stringMatching(/^prod-fra/),
      'lab',
    ]);
    const reserve = rows[0];
    expect(
      within(reserve).getByText('5 d left (2026-03-06)'),
    ).toBeInTheDocument();
    expect(within(reserve).getByText('1 node')).toBeInTheDocument();
    expect(
      within(reserve).getByText('1 of 2 leases fresh'),
    ).toBeInTheDocument();
    expect(
      within(reserve).getByText('kube-controller-manager not held'),
    ).toBeInTheDocument();
    expect(
      within(reserve).getByText('end of life since 2026-02-28'),
    ).toBeInTheDocument();
    expect(within(reserve).getAllByLabelText('Status error')).toHaveLength(4);
    const primary = rows[1];
    expect(
      within(primary).getByText('200 d left', { exact: false }),
    ).toBeInTheDocument();
    expect(within(primary).getByText('3 nodes')).toBeInTheDocument();
    expect(
      within(primary).getByText('2 of 2 leases fresh'),
    ).toBeInTheDocument();
    expect(
      within(primary).getByText('6 of 6 ready, 3 schedulable workers'),
    ).toBeInTheDocument();
    expect(
      within(primary).getByText('Zones: fsn1-dc14, fsn1-dc15'),
    ).toBeInTheDocument();
    expect(
      within(primary).queryByLabelText('Status error'),
    ).not.toBeInTheDocument();
  });
});
