import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ownership } from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { ownedServices } from '../../presentation/riskRows';
import { ServicesRiskTable } from './ServicesRiskTable';

const risks = [
  ...ownedServices(ownership),
  {
    entityRef: 'component:default/ledger',
    error: '403: Not allowed',
  },
];

function serviceNames() {
  return screen.getAllByRole('link').map(link => link.textContent);
}

describe('ServicesRiskTable', () => {
  it('lists services worst first, an unassessed one as unknown', async () => {
    await renderWithReserveApi(<ServicesRiskTable risks={risks} showOwner />, {
      api: mockReserveApi(),
    });
    expect(serviceNames()).toEqual(['Payments API', 'ledger', 'Checkout']);
    const ledger = screen.getByText('ledger').closest('tr') as HTMLElement;
    expect(within(ledger).getAllByLabelText('Status pending')).toHaveLength(2);
    expect(
      within(ledger).getByText(/Could not assess: 403: Not allowed/),
    ).toBeInTheDocument();
  });

  it('sorts by score when its header is clicked', async () => {
    await renderWithReserveApi(
      <ServicesRiskTable risks={ownedServices(ownership)} />,
      {
        api: mockReserveApi(),
      },
    );
    await userEvent.click(screen.getByText('Score'));
    await userEvent.click(screen.getByText('Score'));
    expect(serviceNames()).toEqual(['Checkout', 'Payments API']);
  });

  it('finds services by search text', async () => {
    await renderWithReserveApi(<ServicesRiskTable risks={risks} />, {
      api: mockReserveApi(),
    });
    await userEvent.type(screen.getByPlaceholderText('Filter'), 'older image');
    await waitFor(() => expect(serviceNames()).toEqual(['Payments API']));
  });

  it('says which services serve from their reserve after a failover', async () => {
    const [checkout, payments] = ownedServices(ownership);
    await renderWithReserveApi(
      <ServicesRiskTable
        title="Services"
        risks={[
          payments,
          {
            ...checkout,
            summary: {
              ...checkout.summary!,
              failedOver: {
                servingCluster: 'reserve-ams',
                since: '2026-12-06T14:20:00Z',
              },
            },
          },
        ]}
      />,
      { api: mockReserveApi() },
    );
    expect(
      screen.getByRole('heading', { level: 2, name: 'Services' }),
    ).toBeInTheDocument();
    const checkoutRow = screen.getByText('Checkout').closest('tr')!;
    expect(
      within(checkoutRow).getByText('Serving from reserve-ams'),
    ).toBeInTheDocument();
    const paymentsRow = screen.getByText('Payments API').closest('tr')!;
    expect(
      within(paymentsRow).queryByText(/Serving from/),
    ).not.toBeInTheDocument();
  });
});
