import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reserveApiRef } from '../api';

/** What a group (and, when aggregated, its child groups) owns, with each service's readiness. */
export function useOwnership(group: string, aggregate: boolean) {
  const reserveApi = useApi(reserveApiRef);
  return useAsyncRetry(
    () => reserveApi.getOwnership({ group, aggregate }),
    [reserveApi, group, aggregate],
  );
}
