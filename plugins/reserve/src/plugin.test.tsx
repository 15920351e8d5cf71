import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import {
  cluster,
  component,
  groupEntity,
  ownership,
  readyReport,
} from './__testUtils__/reports';
import { mockReserveApi } from './__testUtils__/renderWithReserveApi';
import {
  EntityGroupReserveCard,
  EntityGroupReserveContent,
  EntityReserveCard,
  EntityReserveContent,
  isReserveAvailable,
  reserveApiRef,
  ReservePage,
  reservePlugin,
} from './index';

async function renderLegacy(
  element: ReactElement,
  entity = component('checkout'),
) {
  const api = mockReserveApi();
  api.getEntityReport.mockResolvedValue(readyReport);
  api.getOwnership.mockResolvedValue(ownership);
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
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reserveApiRef, api],
        [catalogApiRef, catalogApi],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>
        <Routes>
          <Route path="/*" element={element} />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('the legacy frontend system exports', () => {
  it('declare the plugin with its id and API', () => {
    expect(reservePlugin.getId()).toBe('reserve');
    expect([...reservePlugin.getApis()].map(factory => factory.api.id)).toEqual(
      ['plugin.reserve.service'],
    );
  });

  it('render the service tab', async () => {
    await renderLegacy(<EntityReserveContent />);
    expect(await screen.findByText('Checks')).toBeInTheDocument();
    expect(screen.getByText('Ready')).toBeInTheDocument();
  });

  it('render the service overview card', async () => {
    await renderLegacy(<EntityReserveCard />);
    expect(await screen.findByText('Reserve readiness')).toBeInTheDocument();
    expect(await screen.findByText('Ready')).toBeInTheDocument();
  });

  it('render the group tab and card', async () => {
    await renderLegacy(<EntityGroupReserveContent />, groupEntity);
    expect(
      await screen.findByText('Readiness by check category'),
    ).toBeInTheDocument();
    await renderLegacy(<EntityGroupReserveCard />, groupEntity);
    expect(await screen.findByText('Payments API (41)')).toBeInTheDocument();
  });

  it('render the platform page', async () => {
    await renderLegacy(<ReservePage />);
    expect(
      await screen.findByText('prod-fra → reserve-ams'),
    ).toBeInTheDocument();
  });

  it('tell which entities Kube Reserve can assess', () => {
    expect(isReserveAvailable(component('checkout'))).toBe(true);
    expect(isReserveAvailable(component('legacy-batch', false))).toBe(false);
  });
});
