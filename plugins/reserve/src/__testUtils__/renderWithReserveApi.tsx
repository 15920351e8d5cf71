import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  mockApis,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { ReactElement } from 'react';
import { ReserveApi, reserveApiRef } from '../api';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A ReserveApi whose methods are jest mocks; history, runbooks, executions and waivers default to none
 * (waivers with the backend's default limits: 90 days, 14 for critical checks). */
export function mockReserveApi(): jest.Mocked<ReserveApi> {
  return {
    getClusters: jest.fn(),
    getEntityReport: jest.fn(),
    getEntityHistory: jest.fn(async (entity: CompoundEntityRef) => ({
      entityRef: stringifyEntityRef(entity),
      days: 90,
      changes: [],
      generatedAt: new Date().toISOString(),
    })),
    getOwnership: jest.fn(),
    getRunbooks: jest.fn(async (entity: CompoundEntityRef) => ({
      entityRef: stringifyEntityRef(entity),
      runbooks: [],
      tickTtl: '30d',
      generatedAt: new Date().toISOString(),
    })),
    updateRunbookItem: jest.fn(),
    planAction: jest.fn(),
    executeAction: jest.fn(),
    getExecution: jest.fn(),
    listExecutions: jest.fn(async (entity: CompoundEntityRef) => ({
      entityRef: stringifyEntityRef(entity),
      executions: [],
    })),
    resumeExecution: jest.fn(),
    listWaivers: jest.fn(async (entity: CompoundEntityRef) => ({
      entityRef: stringifyEntityRef(entity),
      inForce: [],
      past: [],
      limits: {
        maxDurationMs: 90 * DAY_MS,
        criticalMaxDurationMs: 14 * DAY_MS,
      },
    })),
    createWaiver: jest.fn(),
    revokeWaiver: jest.fn(),
  };
}

/**
 * Renders an element in a legacy test app, on an entity's page, with the given ReserveApi and
 * a permission API that allows everything unless `extraApis` replaces it.
 */
export function renderWithReserveApi(
  element: ReactElement,
  options: {
    api: ReserveApi;
    entity?: Entity;
    extraApis?: ReadonlyArray<readonly [any, any]>;
  },
) {
  const { api, entity, extraApis = [] } = options;
  const apis = [
    [reserveApiRef, api],
    [permissionApiRef, mockApis.permission()],
    ...extraApis,
  ];
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
