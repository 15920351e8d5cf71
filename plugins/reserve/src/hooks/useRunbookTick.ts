import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ManualRunbookItem,
  RunbookId,
  RunbookItemUpdate,
} from '@kube-reserve/plugin-reserve-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { reserveApiRef } from '../api';

/**
 * Ticks or unticks one manual item; `state.value` is the item as the backend stored it and
 * `state.error` the backend's refusal, e.g. a 403 for a user who may not tick.
 */
export function useRunbookTick(
  entity: CompoundEntityRef,
  runbook: RunbookId,
  item: string,
) {
  const reserveApi = useApi(reserveApiRef);
  const { kind, namespace, name } = entity;
  return useAsyncFn(
    (update: RunbookItemUpdate): Promise<ManualRunbookItem> =>
      reserveApi.updateRunbookItem({
        entity: { kind, namespace, name },
        runbook,
        item,
        update,
      }),
    [reserveApi, kind, namespace, name, runbook, item],
  );
}
