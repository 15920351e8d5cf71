import {
  FailoverState,
  RunbookCommand,
  RunbookItem,
  SkippedStep,
} from '@kube-reserve/plugin-reserve-common';
import { RunbookContext, manualItem } from './runbookItems';

// Step titles as the planner writes them, for the steps a command can redo by hand.
const cronJobStep =
  /^(Suspend|Resume) CronJob ([a-z0-9.-]+)\/([a-z0-9.-]+) on ([A-Za-z0-9._-]+)$/;
const scaleStep =
  /^Scale (Deployment|StatefulSet) ([a-z0-9.-]+)\/([a-z0-9.-]+) on ([A-Za-z0-9._-]+) .*\bto (\d+)\b/;

/** The command that does a skipped step by hand, when its title names one object. */
export function commandOfSkippedStep(
  step: SkippedStep,
): RunbookCommand | undefined {
  const cronJob = cronJobStep.exec(step.title);
  if (cronJob) {
    const [, verb, namespace, name, cluster] = cronJob;
    return {
      label: step.title,
      command: `kubectl --context ${cluster} -n ${namespace} patch cronjob/${name} --type=merge -p '{"spec":{"suspend":${
        verb === 'Suspend'
      }}}'`,
    };
  }
  const scale = scaleStep.exec(step.title);
  if (scale) {
    const [, kind, namespace, name, cluster, replicas] = scale;
    return {
      label: step.title,
      command: `kubectl --context ${cluster} -n ${namespace} scale ${kind.toLowerCase()}/${name} --replicas=${replicas}`,
    };
  }
  return undefined;
}

// Item ids are path segments (`/runbooks/:runbook/items/:item`): letters, digits, `.`, `_`, `-`.
function itemId(step: SkippedStep): string {
  const slug = step.title
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180);
  return `pending.${step.cluster}.${slug}`;
}

/**
 * What the failover could not do on the former primary, as manual items of the failback:
 * `To do when prod-fra answers again: Suspend CronJob shop/dunning on prod-fra`.
 */
export function pendingOnFormerPrimaryItems(
  context: RunbookContext,
  failover: FailoverState,
): RunbookItem[] {
  return failover.pendingOnFormerPrimary.map(step => {
    const command = commandOfSkippedStep(step);
    return manualItem(context, 'failover', {
      id: itemId(step),
      cluster: step.cluster,
      title: `To do when ${step.cluster} answers again: ${step.title}`,
      description: `The failover could not do it: ${step.reason}. Do it as soon as ${step.cluster} answers, before failing back.`,
      ...(command ? { commands: [command] } : {}),
    });
  });
}
