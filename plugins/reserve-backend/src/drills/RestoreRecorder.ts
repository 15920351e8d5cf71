import { LoggerService } from '@backstage/backend-plugin-api';
import { DrillRecord } from '@kube-reserve/plugin-reserve-common';
import { ClusterSnapshot } from '../clusters/ClusterSnapshot';
import { DrillStore } from '../database/DrillStore';
import {
  drillFromRestore,
  isRecordableRestore,
  restoredNamespaces,
} from '../velero/restoreDrills';
import { VeleroBackup, VeleroRestore } from '../kube/veleroTypes';

/** The entities a finished Restore on a reserve brought back (their refs). */
export type RestoreEntityMapper = (
  restore: VeleroRestore,
  context: { cluster: string; backup?: VeleroBackup },
) => string[];

/** An entity and the namespaces its objects live in, for `restoreEntityMapper`. */
export interface EntityNamespaces {
  entityRef: string;
  namespaces: readonly string[];
}

/**
 * Maps a Restore to the entities whose namespaces it restored, through its backup's
 * namespace filters, its own and its namespaceMapping.
 */
export function restoreEntityMapper(
  entities: readonly EntityNamespaces[],
): RestoreEntityMapper {
  return (restore, { backup }) =>
    entities
      .filter(e => restoredNamespaces(restore, backup, e.namespaces).length > 0)
      .map(e => e.entityRef);
}

const listed = <T>(snapshot: ClusterSnapshot, key: string) =>
  snapshot.kinds.get(key)?.items as T[] | undefined;

/**
 * Records finished restores seen on reserve clusters as drills of the entities they
 * restored. Safe to run after every collection: storing a drill again changes nothing.
 */
export class RestoreRecorder {
  constructor(
    private readonly options: {
      store: DrillStore;
      entitiesOf: RestoreEntityMapper;
      logger?: LoggerService;
    },
  ) {}

  /** The drills the reserves' snapshots show, without storing them. */
  drillsIn(reserves: readonly ClusterSnapshot[]): DrillRecord[] {
    return reserves.flatMap(snapshot => {
      const restores = listed<VeleroRestore>(snapshot, 'restores.velero.io');
      if (!restores) return [];
      const backups = listed<VeleroBackup>(snapshot, 'backups.velero.io') ?? [];
      return restores.filter(isRecordableRestore).flatMap(restore => {
        const backup = backups.find(
          b => b.metadata?.name === restore.spec?.backupName,
        );
        return this.options
          .entitiesOf(restore, { cluster: snapshot.name, backup })
          .map(entityRef =>
            drillFromRestore(entityRef, snapshot.name, restore),
          );
      });
    });
  }

  /** Stores the drills the reserves' snapshots show; returns how many it saw. */
  async record(reserves: readonly ClusterSnapshot[]): Promise<number> {
    const drills = this.drillsIn(reserves);
    await this.options.store.recordDrills(drills);
    this.options.logger?.debug(`Recorded ${drills.length} restore drills`);
    return drills.length;
  }
}
