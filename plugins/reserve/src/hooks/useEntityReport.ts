import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reserveApiRef } from '../api';

/** The readiness report of an entity, fetched once and on `retry`. */
export function useEntityReport(entity: CompoundEntityRef) {
  const reserveApi = useApi(reserveApiRef);
  const { kind, namespace, name } = entity;
  return useAsyncRetry(
    () => reserveApi.getEntityReport({ kind, namespace, name }),
    [reserveApi, kind, namespace, name],
  );
}
