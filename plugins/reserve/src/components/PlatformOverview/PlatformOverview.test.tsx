import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  cluster,
  component,
  notReadyReport,
  readyReport,
} from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { platformFacts } from '../../__testUtils__/platform';
import { responseError } from '../../__testUtils__/responseError';
import { PlatformOverview } from './PlatformOverview';

function catalogWith(
  entities = [
    component('checkout'),
    component('payments-api'),
    component('ledger'),
  ],
) {
  return catalogApiMock.mock({
    getEntities: jest.fn().mockResolvedValue({ items: entities }),
  });
}

describe('PlatformOverview', () => {
  it('shows each configured pair side by side and every service worst first', async () => {
    const api = mockReserveApi();
    api.getClusters.mockResolvedValue({
      clusters: [
        cluster('prod-fra', 'primary'),
        cluster('reserve-ams', 'reserve'),
        cluster('reserve-fra-b', 'reserve', { site: 'fra2' }),
      ],
      pairs: [{ primary: 'prod-fra', reserves: ['reserve-ams'] }],
    });
    api.getEntityReport.mockImplementation(async ({ name }) => {
      if (name === 'ledger') {
        throw await responseError(
          403,
          'NotAllowedError',
          'Not allowed to read ledger',
        );
      }
      return name === 'checkout' ? readyReport : notReadyReport;
    });
    const catalogApi = catalogWith();
    await renderWithReserveApi(<PlatformOverview />, {
      api,
      extraApis: [[catalogApiRef, catalogApi]],
    });

    expect(
      await screen.findByText('prod-fra → reserve-ams'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Paired by cluster role/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Facts of reserve-ams' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Facts of reserve-fra-b' }),
    ).not.toBeInTheDocument();

    const table = await screen.findByRole('region', {
      name: 'Services by risk',
    });
    await within(table).findByText('checkout');
    const names = within(table)
      .getAllByRole('link')
      .map(link => link.textContent);
    expect(names).toEqual(['payments-api', 'ledger', 'checkout']);
    expect(
      within(table).getByText(
        /Could not assess: 403: Not allowed to read ledger/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 of 3 services could not be assessed/),
    ).toBeInTheDocument();
  });

  it('says no pair is configured instead of guessing one, and lists every cluster expiring certificate first', async () => {
    const api = mockReserveApi();
    api.getClusters.mockResolvedValue({
      clusters: [
        cluster('prod-fra', 'primary', {
          platform: platformFacts('prod-fra', { apiCertificateDaysLeft: 200 }),
        }),
        cluster('reserve-ams', 'reserve', {
          platform: platformFacts(
            'reserve-ams',
            { apiCertificateDaysLeft: 3 },
            { 'platform.api-cert': 'fail' },
          ),
        }),
        cluster('reserve-fra-b', 'reserve', {
          platform: platformFacts('reserve-fra-b', {
            apiCertificateDaysLeft: 20,
          }),
        }),
      ],
      pairs: [],
    });
    await renderWithReserveApi(<PlatformOverview />, {
      api,
      extraApis: [[catalogApiRef, catalogWith([])]],
    });

    expect(
      await screen.findByText('No cluster pairs configured'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('prod-fra → reserve-ams, reserve-fra-b'),
    ).not.toBeInTheDocument();
    const platform = screen
      .getByText('Cluster platform')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    const firstCells = within(platform)
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('cell')[0].textContent);
    expect(firstCells).toEqual([
      expect.stringMatching(/^reserve-ams/),
      expect.stringMatching(/^reserve-fra-b/),
      expect.stringMatching(/^prod-fra/),
    ]);
    expect(within(platform).getByText(/^3 d left/)).toBeInTheDocument();
    expect(
      await screen.findByText('No services to assess'),
    ).toBeInTheDocument();
  });

  it('shows an unreachable cluster as such, and the empty state without clusters', async () => {
    const api = mockReserveApi();
    api.getClusters.mockResolvedValueOnce({
      clusters: [
        cluster('prod-fra', 'primary', {
          status: {
            state: 'unreachable',
            message: 'connect ECONNREFUSED',
            kinds: {},
          },
        }),
      ],
      pairs: [],
    });
    const { unmount } = await renderWithReserveApi(<PlatformOverview />, {
      api,
      extraApis: [[catalogApiRef, catalogWith([])]],
    });
    expect(
      await screen.findByText(/Cluster prod-fra is unreachable/),
    ).toBeInTheDocument();
    unmount();

    api.getClusters.mockResolvedValueOnce({ clusters: [], pairs: [] });
    await renderWithReserveApi(<PlatformOverview />, {
      api,
      extraApis: [[catalogApiRef, catalogWith([])]],
    });
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
  });

  it('surfaces backend and catalog errors with their message', async () => {
    const api = mockReserveApi();
    api.getClusters.mockRejectedValue(
      await responseError(500, 'Error', 'Snapshot store unavailable'),
    );
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('Catalog is down')),
    });
    await renderWithReserveApi(<PlatformOverview />, {
      api,
      extraApis: [[catalogApiRef, catalogApi]],
    });

    expect(
      await screen.findByText('Error: 500: Snapshot store unavailable'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Error: Catalog is down'),
    ).toBeInTheDocument();
  });
});
