import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { groupEntity, ownership } from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { responseError } from '../../__testUtils__/responseError';
import { GroupReserveContent } from './GroupReserveContent';

describe('GroupReserveContent', () => {
  it('lists every owned service worst first, a heat map and the owned clusters', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockResolvedValue(ownership);
    await renderWithReserveApi(<GroupReserveContent />, {
      api,
      entity: groupEntity,
    });

    const services = await screen.findByRole('link', { name: 'Payments API' });
    expect(services).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/reserve',
    );
    const names = screen
      .getAllByRole('link', { name: /^(Checkout|Payments API)$/ })
      .map(link => link.textContent);
    expect(names).toEqual(['Payments API', 'Checkout']);
    expect(screen.getByText('2 critical')).toBeInTheDocument();
    expect(
      screen.getByText('reserve-ams runs an older image'),
    ).toBeInTheDocument();

    const heatMap = screen.getByRole('table', {
      name: 'Check categories by service',
    });
    expect(within(heatMap).getByLabelText('Parity: Fail')).toBeInTheDocument();
    expect(
      within(heatMap).getByLabelText('Backups: Unknown'),
    ).toBeInTheDocument();

    expect(screen.getByText('Production Frankfurt')).toBeInTheDocument();
    expect(api.getOwnership).toHaveBeenCalledWith({
      group: 'group:default/engineering',
      aggregate: true,
    });
  });

  it('shows how each service’s score moved over the last 30 days', async () => {
    const api = mockReserveApi();
    const [checkout, payments] = ownership.entities;
    api.getOwnership.mockResolvedValue({
      ...ownership,
      entities: [
        {
          ...checkout,
          movement: {
            days: 30,
            score: 88,
            verdict: 'at-risk',
            since: '2026-11-07T09:00:00Z',
          },
        },
        payments,
      ],
    });
    await renderWithReserveApi(<GroupReserveContent />, {
      api,
      entity: groupEntity,
    });

    const checkoutLink = await screen.findByRole('link', { name: 'Checkout' });
    expect(
      screen.getByRole('columnheader', { name: /30 days/ }),
    ).toBeInTheDocument();
    const checkoutRow = checkoutLink.closest('tr')!;
    expect(within(checkoutRow).getByText('▲ 12')).toBeInTheDocument();
    const paymentsRow = screen
      .getByRole('link', { name: 'Payments API' })
      .closest('tr')!;
    expect(within(paymentsRow).queryByText(/[▲▼—]/)).not.toBeInTheDocument();
  });

  it('asks again without child groups when the toggle is switched off', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockImplementation(async ({ aggregate }) =>
      aggregate
        ? ownership
        : { ...ownership, aggregate, entities: [], clusters: [] },
    );
    await renderWithReserveApi(<GroupReserveContent />, {
      api,
      entity: groupEntity,
    });
    await screen.findByRole('link', { name: 'Payments API' });

    await userEvent.click(screen.getByLabelText('Include child groups'));

    expect(await screen.findByText('Nothing to assess')).toBeInTheDocument();
    expect(
      screen.getByText(/Include child groups to see what they own/),
    ).toBeInTheDocument();
    expect(api.getOwnership).toHaveBeenLastCalledWith({
      group: 'group:default/engineering',
      aggregate: false,
    });
  });

  it('surfaces the backend error message', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockRejectedValue(
      await responseError(400, 'InputError', 'group must refer to a Group'),
    );
    await renderWithReserveApi(<GroupReserveContent />, {
      api,
      entity: groupEntity,
    });

    expect(
      await screen.findByText('Error: 400: group must refer to a Group'),
    ).toBeInTheDocument();
  });

  it('lists the services’ waivers in force, soonest to lapse first', async () => {
    const api = mockReserveApi();
    const [checkout, payments] = ownership.entities;
    const waiver = {
      entityRef: 'component:default/payments-api',
      createdBy: 'user:default/guest',
      createdAt: '2026-12-07T08:00:00Z',
    };
    api.getOwnership.mockResolvedValue({
      ...ownership,
      entities: [
        checkout,
        {
          ...payments,
          waivers: [
            {
              ...waiver,
              id: 'w-2',
              checkId: 'parity.images',
              reason: 'the new image ships tomorrow',
              expiresAt: '2026-12-09T12:00:00Z',
            },
            {
              ...waiver,
              id: 'w-1',
              checkId: 'parity.cronjobs',
              cluster: 'reserve-ams',
              reason: 'the reserve sends no mail',
              expiresAt: '2026-12-08T12:00:00Z',
            },
          ],
        },
      ],
    });
    await renderWithReserveApi(<GroupReserveContent />, {
      api,
      entity: groupEntity,
    });

    const waivers = await screen.findByRole('region', {
      name: 'Waivers in force',
    });
    const rows = within(waivers)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      [
        'Payments API',
        'CronJobs run on one side only',
        'reserve-ams',
        'the reserve sends no mail',
        'user:default/guest',
        '2026-12-08',
      ],
      [
        'Payments API',
        'Same images on both sides',
        'Every cluster',
        'the new image ships tomorrow',
        'user:default/guest',
        '2026-12-09',
      ],
    ]);
    expect(
      within(waivers).getAllByRole('link', { name: 'Payments API' })[0],
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/reserve',
    );
  });

  it('says so when no check of the services is waived', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockResolvedValue(ownership);
    await renderWithReserveApi(<GroupReserveContent />, {
      api,
      entity: groupEntity,
    });
    const waivers = await screen.findByRole('region', {
      name: 'Waivers in force',
    });
    expect(
      within(waivers).getByText('No waivers in force'),
    ).toBeInTheDocument();
  });
});
