import { Entity } from '@backstage/catalog-model';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ReactElement } from 'react';
import { ReserveApi, reserveApiRef } from '../api';

/** A ReserveApi whose methods are jest mocks. */
export function mockReserveApi(): jest.Mocked<ReserveApi> {
  return {
    getClusters: jest.fn(),
    getEntityReport: jest.fn(),
    getOwnership: jest.fn(),
  };
}

/** Renders an element in a legacy test app, on an entity's page, with the given ReserveApi. */
export function renderWithReserveApi(
  element: ReactElement,
  options: {
    api: ReserveApi;
    entity?: Entity;
    extraApis?: ReadonlyArray<readonly [any, any]>;
  },
) {
  const { api, entity, extraApis = [] } = options;
  return renderInTestApp(
    <TestApiProvider apis={[[reserveApiRef, api], ...(extraApis as any)]}>
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
