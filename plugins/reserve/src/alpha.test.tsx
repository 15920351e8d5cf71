import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import reservePlugin, {
  reserveEntityCard,
  reserveEntityContent,
  reserveGroupCard,
  reserveGroupContent,
  reservePage,
} from './alpha';
import {
  cluster,
  component,
  groupEntity,
  notReadyReport,
  ownership,
} from './__testUtils__/reports';
import { mockReserveApi } from './__testUtils__/renderWithReserveApi';
import { reserveApiRef } from './api';

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
};

function apis() {
  const api = mockReserveApi();
  api.getEntityReport.mockResolvedValue(notReadyReport);
  api.getOwnership.mockResolvedValue(ownership);
  api.getClusters.mockResolvedValue({
    clusters: [
      cluster('prod-fra', 'primary'),
      cluster('reserve-ams', 'reserve'),
    ],
    pairs: [{ primary: 'prod-fra', reserves: ['reserve-ams'] }],
  });
  const catalogApi = catalogApiMock.mock({
    getEntities: jest
      .fn()
      .mockResolvedValue({ items: [component('payments-api')] }),
  });
  return [
    [reserveApiRef, api],
    [catalogApiRef, catalogApi],
  ] as const;
}

describe('the new frontend system plugin', () => {
  it('has the reserve id and one extension of each kind', () => {
    expect(reservePlugin.id).toBe('reserve');
    const ids = {
      'api:reserve': { kind: 'api' },
      'page:reserve': { kind: 'page' },
      'entity-content:reserve/entity': {
        kind: 'entity-content',
        name: 'entity',
      },
      'entity-content:reserve/group': { kind: 'entity-content', name: 'group' },
      'entity-card:reserve/entity': { kind: 'entity-card', name: 'entity' },
      'entity-card:reserve/group': { kind: 'entity-card', name: 'group' },
    } as const;
    for (const [id, shape] of Object.entries(ids)) {
      expect(reservePlugin.getExtension(id as keyof typeof ids)).toMatchObject(
        shape,
      );
    }
  });

  it('mounts the platform page at /reserve', async () => {
    const tester = createExtensionTester(reservePage, { apis: apis() });
    expect(tester.get(coreExtensionData.routePath)).toBe('/reserve');
    await renderInTestApp(tester.reactElement(), {
      apis: apis(),
      mountedRoutes,
    });
    expect(
      await screen.findByText('prod-fra → reserve-ams'),
    ).toBeInTheDocument();
  });

  it('renders the service tab on a Component page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: component('payments-api') }),
        reserveEntityContent,
      ],
      apis: apis(),
      mountedRoutes,
    });
    expect(await screen.findByText('Not ready')).toBeInTheDocument();
    expect(screen.getByText('Same images on both sides')).toBeInTheDocument();
  });

  it('renders the overview card of a service with Kubernetes annotations', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: component('payments-api') }),
        reserveEntityCard,
      ],
      apis: apis(),
      mountedRoutes,
    });
    expect(await screen.findByText('Reserve readiness')).toBeInTheDocument();
    expect(await screen.findByText('Not ready')).toBeInTheDocument();
  });

  it('renders the group tab and card on a Group page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: groupEntity }),
        reserveGroupCard,
      ],
      apis: apis(),
      mountedRoutes,
    });
    expect(await screen.findByText('Payments API (41)')).toBeInTheDocument();
  });

  it('renders the group tab on a Group page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: groupEntity }),
        reserveGroupContent,
      ],
      apis: apis(),
      mountedRoutes,
    });
    expect(
      await screen.findByText('Readiness by check category'),
    ).toBeInTheDocument();
  });
});
