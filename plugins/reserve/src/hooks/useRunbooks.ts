import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reserveApiRef } from '../api';

/** The runbooks of an entity with live item states, fetched once, on `retry` and when `refreshKey` changes. */
export function useRunbooks(
  entity: CompoundEntityRef,
  /** Fetches again whenever it changes, e.g. after an action ran. */
  refreshKey?: number,
) {
  const reserveApi = useApi(reserveApiRef);
  const { kind, namespace, name } = entity;
  return useAsyncRetry(
    () => reserveApi.getRunbooks({ kind, namespace, name }),
    [reserveApi, kind, namespace, name, refreshKey],
  );
}
