import { ConflictError } from '@backstage/errors';
import { ActionPlan, ExecutionStep } from '@kube-reserve/plugin-reserve-common';
import { describeObject } from '../ClusterOperator';
import { OperatorSource } from '../OperatorConnections';
import { objectKey, projectionOf, sameJson } from '../planning/objectState';

/**
 * Re-reads every object the plan read and throws ConflictError when one changed since planning
 * (in the fields the plan depends on). For a resumed execution only the objects of steps not
 * done yet count, and each may also already be as the plan leaves it.
 */
export async function assertPlanCurrent(
  plan: ActionPlan,
  operators: OperatorSource,
  resumedSteps?: readonly ExecutionStep[],
): Promise<void> {
  let entries = plan.fingerprint;
  if (resumedSteps) {
    const open = new Set(
      plan.steps
        .filter(
          s =>
            s.kind === 'patch' &&
            !['succeeded', 'skipped'].includes(
              resumedSteps.find(r => r.index === s.index)?.state ?? 'pending',
            ),
        )
        .map(s => objectKey(s.cluster!, s.object!)),
    );
    entries = entries.filter(e => open.has(objectKey(e.cluster, e.object)));
  }
  const changed: string[] = [];
  for (const entry of entries) {
    const name = `${describeObject(entry.object)} on ${entry.cluster}`;
    let live;
    try {
      const operator = await operators.operator(entry.cluster);
      live = projectionOf(entry.object.kind, await operator.read(entry.object));
    } catch (error) {
      throw new ConflictError(
        `Cannot check the plan against ${entry.cluster} (${
          (error as Error).message
        }): the cluster state may have changed since planning; plan again`,
      );
    }
    const current =
      sameJson(live, entry.observed) ||
      (resumedSteps !== undefined &&
        entry.expected !== undefined &&
        sameJson(live, entry.expected));
    if (!current) changed.push(name);
  }
  if (changed.length > 0) {
    throw new ConflictError(
      `The cluster state changed since planning (${changed.join(
        ', ',
      )}); plan again`,
    );
  }
}
