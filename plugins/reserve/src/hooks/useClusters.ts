import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reserveApiRef } from '../api';

/** Every configured cluster (and the configured pairs, when the backend lists them). */
export function useClusters() {
  const reserveApi = useApi(reserveApiRef);
  return useAsyncRetry(() => reserveApi.getClusters(), [reserveApi]);
}
