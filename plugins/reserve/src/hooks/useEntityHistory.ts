import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { reserveApiRef } from '../api';

/** The readiness history of an entity over the last `days`, fetched once and when `refreshKey` changes. */
export function useEntityHistory(
  entity: CompoundEntityRef,
  days: number,
  /** Fetches again whenever it changes, e.g. after an action ran. */
  refreshKey?: number,
) {
  const reserveApi = useApi(reserveApiRef);
  const { kind, namespace, name } = entity;
  return useAsync(
    () => reserveApi.getEntityHistory({ kind, namespace, name }, { days }),
    [reserveApi, kind, namespace, name, days, refreshKey],
  );
}
