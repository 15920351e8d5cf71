import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ownership } from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { formatDay } from '../../presentation/instants';
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

describe('ServicesRiskTable movement', () => {
  const since = '2026-11-07T09:00:00Z';
  const [checkout, payments] = ownedServices(ownership);
  const moved = [
    {
      ...payments,
      summary: {
        ...payments.summary!,
        movement: { days: 30, score: 49, verdict: 'at-risk' as const, since },
      },
    },
    {
      ...checkout,
      summary: {
        ...checkout.summary!,
        movement: { days: 30, score: 100, verdict: 'ready' as const, since },
      },
    },
    { entityRef: 'component:default/ledger', error: '403: Not allowed' },
  ];

  function movementCell(name: string) {
    const row = screen.getByText(name).closest('tr') as HTMLElement;
    const header = screen.getByText('30 days').closest('th') as HTMLElement;
    const column = [...header.parentElement!.children].indexOf(header);
    return row.children[column] as HTMLElement;
  }

  it('shows how each score moved over 30 days, and where it stood on hover', async () => {
    await renderWithReserveApi(
      <ServicesRiskTable risks={moved} showMovement />,
      { api: mockReserveApi() },
    );
    expect(movementCell('Payments API')).toHaveTextContent(/^▼ 8$/);
    expect(movementCell('Checkout')).toHaveTextContent(/^—$/);
    // No history for it: nothing, not a dash that would read "no change".
    expect(movementCell('ledger')).toHaveTextContent(/^$/);

    await userEvent.hover(
      within(movementCell('Payments API')).getByText('▼ 8'),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      `Score 49 on ${formatDay(since)} → 41 now; At risk then, Not ready now`,
    );
  });

  it('sorts by movement, the best rise first and services without history last', async () => {
    await renderWithReserveApi(
      <ServicesRiskTable risks={moved} showMovement />,
      { api: mockReserveApi() },
    );
    await userEvent.click(screen.getByText('30 days'));
    await userEvent.click(screen.getByText('30 days'));
    expect(serviceNames()).toEqual(['Checkout', 'Payments API', 'ledger']);
  });

  it('has no movement column where the rows carry none, as on the platform page', async () => {
    await renderWithReserveApi(<ServicesRiskTable risks={moved} />, {
      api: mockReserveApi(),
    });
    expect(screen.queryByText('30 days')).not.toBeInTheDocument();
    expect(screen.queryByText('▼ 8')).not.toBeInTheDocument();
  });
});
