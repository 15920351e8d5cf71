import { classifyBackupPhase, isFinished } from './backupPhases';
import { veleroBackupPhases } from '../kube/veleroTypes';

describe('classifyBackupPhase', () => {
  it('counts only Completed as a restore point', () => {
    const restorePoints = veleroBackupPhases.filter(
      p => classifyBackupPhase(p) === 'restore-point',
    );
    expect(restorePoints).toEqual(['Completed']);
  });

  it.each([
    'New',
    'Queued',
    'ReadyToStart',
    'InProgress',
    'WaitingForPluginOperations',
    'WaitingForPluginOperationsPartiallyFailed',
    'Finalizing',
    'FinalizingPartiallyFailed',
  ])('treats %s as still in progress, not yet a restore point', phase => {
    expect(classifyBackupPhase(phase)).toBe('in-progress');
  });

  it('treats a backup without a phase as new', () => {
    expect(classifyBackupPhase(undefined)).toBe('in-progress');
  });

  it('tells failures, partial failures and deletions apart', () => {
    expect(classifyBackupPhase('Failed')).toBe('failed');
    expect(classifyBackupPhase('FailedValidation')).toBe('failed');
    expect(classifyBackupPhase('PartiallyFailed')).toBe('partially-failed');
    expect(classifyBackupPhase('Deleting')).toBe('deleting');
  });

  it('does not guess at a phase a newer Velero might add', () => {
    expect(classifyBackupPhase('Hibernating')).toBe('unknown');
  });

  it('classifies every phase Velero 1.18 knows', () => {
    for (const phase of veleroBackupPhases) {
      expect(classifyBackupPhase(phase)).not.toBe('unknown');
    }
  });

  it('calls only Completed, PartiallyFailed and Failed outcomes finished', () => {
    const finished = veleroBackupPhases.filter(p =>
      isFinished(classifyBackupPhase(p)),
    );
    expect(finished).toEqual([
      'FailedValidation',
      'Completed',
      'PartiallyFailed',
      'Failed',
    ]);
  });
});
