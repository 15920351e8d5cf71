import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The path of the Reserve tab on an entity page (mounted at `/reserve`). */
export const RESERVE_TAB_PATH = 'reserve';

/** A function that links to an entity's Reserve tab. */
export function useReserveTabLink() {
  const entityLink = useEntityRefLink();
  return useCallback(
    (entity: Entity | CompoundEntityRef | string) =>
      `${entityLink(entity)}/${RESERVE_TAB_PATH}`,
    [entityLink],
  );
}
