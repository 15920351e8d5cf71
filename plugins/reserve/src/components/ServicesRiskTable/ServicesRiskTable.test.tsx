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
});
