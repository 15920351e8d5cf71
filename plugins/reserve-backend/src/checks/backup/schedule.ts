import {
  CheckResult,
  formatDuration,
} from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../../view/EntityView';
import {
  EntitySchedule,
  coveredWorkloadKinds,
  coveringSchedules,
  entityWorkloadObjects,
} from '../../velero/entityBackups';
import { Finding, clusterResult } from '../outcome';
import { readPrimaryVelero } from './primaryVelero';

const id = 'backup.schedule';

function scheduleFinding(
  schedule: EntitySchedule,
  rpoMs: number,
): Finding | undefined {
  const name = `Schedule ${schedule.name}`;
  const validationErrors = schedule.schedule.status?.validationErrors ?? [];
  switch (schedule.state) {
    case 'paused':
      return { state: 'fail', text: `${name} is paused` };
    case 'failed-validation':
      return {
        state: 'fail',
        text: `${name} failed validation${
          validationErrors.length ? `: ${validationErrors.join('; ')}` : ''
        }`,
      };
    case 'not-validated':
      return {
        state: 'fail',
        text: `${name} was never validated by Velero (phase ${
          schedule.schedule.status?.phase || 'unset'
        }): is Velero running?`,
      };
    default:
      break;
  }
  if ('problem' in schedule.timing) {
    return { state: 'fail', text: `${name}: ${schedule.timing.problem}` };
  }
  if (schedule.timing.largestGapMs > rpoMs) {
    return {
      state: 'fail',
      text: `${name} leaves ${formatDuration(
        schedule.timing.largestGapMs,
      )} between runs at its largest gap, more than the RPO of ${formatDuration(
        rpoMs,
      )}`,
    };
  }
  if (schedule.coverage.uncovered.length > 0) {
    return {
      state: 'warn',
      text: `${name} leaves out ${schedule.coverage.uncovered.join(', ')}`,
    };
  }
  return undefined;
}

/**
 * backup.schedule: an Enabled, unpaused Schedule on the primary covers the entity (Velero's
 * namespace globs, resource filters and label selectors) with a cron whose largest gap
 * between runs is within the RPO. One such schedule is enough; the others are listed.
 */
export function checkBackupSchedule(view: EntityView): CheckResult {
  const data = readPrimaryVelero(view, id, [
    'veleroSchedules',
    ...coveredWorkloadKinds,
  ]);
  if ('result' in data) return data.result;
  const cluster = data.side.cluster.name;
  const { rpo } = view.policy;
  const schedules = coveringSchedules(
    cluster,
    data.lists.veleroSchedules,
    view.namespaces,
    entityWorkloadObjects(data.lists),
    view.now,
  );
  if (schedules.length === 0) {
    return {
      id,
      state: 'fail',
      message: `No Velero Schedule on ${cluster} covers the entity's namespaces ${
        view.namespaces.join(', ') || '(none found)'
      }${
        view.formerPrimary
          ? `: nothing backs it up while it serves from ${cluster}`
          : ''
      }`,
      clusters: [
        {
          cluster,
          state: 'fail',
          message: `No Schedule on ${cluster} covers the entity`,
        },
      ],
    };
  }
  const judged = schedules.map(schedule => ({
    schedule,
    finding: scheduleFinding(schedule, rpo.ms),
  }));
  const good = judged.find(j => !j.finding);
  if (good) {
    const { schedule } = good;
    const gap =
      'largestGapMs' in schedule.timing ? schedule.timing.largestGapMs : 0;
    const message = `Schedule ${schedule.name} (${
      schedule.schedule.spec?.schedule
    }) on ${cluster} covers the entity, at most ${formatDuration(
      gap,
    )} between runs (RPO ${formatDuration(rpo.ms)})`;
    return {
      id,
      state: 'pass',
      message,
      clusters: [{ cluster, state: 'pass', message }],
    };
  }
  const findings = judged.map(j => j.finding as Finding);
  // The best schedule decides: a partial one still protects what it covers.
  const partial = findings.filter(f => f.state === 'warn');
  const result = clusterResult(cluster, partial.length ? partial : findings, {
    message: '',
  });
  const evidence = findings.map(f => f.text);
  const clusterWithEvidence = {
    ...result,
    ...(evidence.length > 1 ? { evidence } : {}),
  };
  return {
    id,
    state: result.state,
    message: result.message,
    clusters: [clusterWithEvidence],
  };
}
