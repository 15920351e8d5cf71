import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { cluster } from '../../__testUtils__/reports';
import {
  mockReserveApi,
  renderWithReserveApi,
} from '../../__testUtils__/renderWithReserveApi';
import { ReservePage } from './ReservePage';

describe('ReservePage', () => {
  it('renders the platform view under its own header', async () => {
    const api = mockReserveApi();
    api.getClusters.mockResolvedValue({
      clusters: [
        cluster('prod-fra', 'primary'),
        cluster('reserve-ams', 'reserve'),
      ],
      pairs: [{ primary: 'prod-fra', reserves: ['reserve-ams'] }],
    });
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderWithReserveApi(<ReservePage />, {
      api,
      extraApis: [[catalogApiRef, catalogApi]],
    });

    expect(
      screen.getByRole('heading', { name: 'Kube Reserve' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('prod-fra → reserve-ams'),
    ).toBeInTheDocument();
  });
});
