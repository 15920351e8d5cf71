import { screen } from '@testing-library/react';
import { groupEntity, ownership } from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { responseError } from '../../__testUtils__/responseError';
import { GroupReserveCard } from './GroupReserveCard';

describe('GroupReserveCard', () => {
  it('counts services by verdict and names the one most at risk first', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockResolvedValue(ownership);
    await renderWithReserveApi(<GroupReserveCard />, {
      api,
      entity: groupEntity,
    });

    const links = await screen.findAllByRole('link', { name: /\(\d+\)$/ });
    expect(links.map(l => l.textContent)).toEqual([
      'Payments API (41)',
      'Checkout (100)',
    ]);
    expect(screen.getByText('Not ready').parentElement).toHaveTextContent(
      'Not ready: 1',
    );
  });

  it('names the services serving from their reserve after a failover', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockResolvedValue({
      ...ownership,
      entities: ownership.entities.map(row =>
        row.entityRef === 'component:default/checkout'
          ? {
              ...row,
              failedOver: {
                servingCluster: 'reserve-ams',
                since: '2026-12-06T14:20:00Z',
              },
            }
          : row,
      ),
    });
    await renderWithReserveApi(<GroupReserveCard />, {
      api,
      entity: groupEntity,
    });

    expect(
      await screen.findByText('Checkout: Serving from reserve-ams'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Serving from/)).toHaveLength(1);
  });

  it('says so when the group owns no services', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockResolvedValue({ ...ownership, entities: [] });
    await renderWithReserveApi(<GroupReserveCard />, {
      api,
      entity: groupEntity,
    });

    expect(
      await screen.findByText(
        'The group and its child groups own no services.',
      ),
    ).toBeInTheDocument();
  });

  it('surfaces the backend error message', async () => {
    const api = mockReserveApi();
    api.getOwnership.mockRejectedValue(
      await responseError(
        404,
        'NotFoundError',
        'No group group:default/engineering',
      ),
    );
    await renderWithReserveApi(<GroupReserveCard />, {
      api,
      entity: groupEntity,
    });

    expect(
      await screen.findByText('Error: 404: No group group:default/engineering'),
    ).toBeInTheDocument();
  });
});
