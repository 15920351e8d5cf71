import { BackupPhaseClass } from '@kube-reserve/plugin-reserve-common';

// Every phase before Completed is work in progress: Queued and ReadyToStart (Velero 1.18) wait
// for a worker, WaitingForPluginOperations* and Finalizing* still move data to the bucket.
const inProgress = new Set([
  '',
  'New',
  'Queued',
  'ReadyToStart',
  'InProgress',
  'WaitingForPluginOperations',
  'WaitingForPluginOperationsPartiallyFailed',
  'Finalizing',
  'FinalizingPartiallyFailed',
]);

/** What a Backup's phase means for recovery; only `Completed` is a restore point. */
export function classifyBackupPhase(
  phase: string | undefined,
): BackupPhaseClass {
  const value = phase ?? '';
  if (value === 'Completed') return 'restore-point';
  if (value === 'PartiallyFailed') return 'partially-failed';
  if (value === 'Failed' || value === 'FailedValidation') return 'failed';
  if (value === 'Deleting') return 'deleting';
  return inProgress.has(value) ? 'in-progress' : 'unknown';
}

/** Whether a backup has finished, well or badly, so that it says something about health. */
export function isFinished(phaseClass: BackupPhaseClass): boolean {
  return (
    phaseClass === 'restore-point' ||
    phaseClass === 'partially-failed' ||
    phaseClass === 'failed'
  );
}
