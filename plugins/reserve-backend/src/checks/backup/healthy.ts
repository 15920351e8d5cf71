import { CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import { isFinished } from '../../velero/backupPhases';
import {
  EntityBackup,
  coveredWorkloadKinds,
  coveringBackups,
  entityWorkloadObjects,
} from '../../velero/entityBackups';
import { Finding, clusterResult } from '../outcome';
import { readPrimaryVelero } from './primaryVelero';

const id = 'backup.healthy';
const recent = 5;

function finding(backup: EntityBackup): Finding | undefined {
  const {
    phase,
    errors = 0,
    validationErrors = [],
    failureReason,
  } = backup.backup.status ?? {};
  const name = `backup ${backup.name}`;
  if (backup.phaseClass === 'failed') {
    const why = [
      ...validationErrors,
      ...(failureReason ? [failureReason] : []),
    ];
    return {
      state: 'fail',
      text: `${name} ${phase}${why.length ? `: ${why.join('; ')}` : ''}`,
    };
  }
  if (backup.phaseClass === 'partially-failed') {
    return {
      state: 'warn',
      text: `${name} PartiallyFailed with ${errors} errors`,
    };
  }
  return undefined;
}

/**
 * backup.healthy: none of the last 5 finished backups covering the entity Failed or failed
 * validation; PartiallyFailed warns. Backups still running are not judged yet.
 */
export function checkBackupHealthy(view: EntityView): CheckResult {
  const data = readPrimaryVelero(view, id, [
    'veleroBackups',
    ...coveredWorkloadKinds,
  ]);
  if ('result' in data) return data.result;
  const cluster = data.side.cluster.name;
  const last = coveringBackups(
    cluster,
    data.lists.veleroBackups,
    view.namespaces,
    entityWorkloadObjects(data.lists),
  )
    .filter(b => isFinished(b.phaseClass))
    .slice(0, recent);
  const result =
    last.length === 0
      ? {
          cluster,
          state: 'fail' as const,
          message: `No finished backup on ${cluster} covers the entity`,
        }
      : clusterResult(
          cluster,
          last.flatMap(b => finding(b) ?? []),
          {
            message: `The last ${last.length} backups of the entity on ${cluster} completed`,
          },
        );
  return {
    id,
    state: result.state,
    message: result.message,
    clusters: [result],
  };
}
