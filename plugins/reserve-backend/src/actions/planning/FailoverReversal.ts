import {
  ActionObjectRef,
  ActionPlan,
  ActionStep,
} from '@kube-reserve/plugin-reserve-common';
import { PlainObject } from '../ClusterOperator';
import { FailoverDraft } from './FailoverDraft';
import { objectKey, patchIsApplied, refOf } from './objectState';
import { SideKind, SideState, nameOf } from './sideState';

/** What putting an object back did: reverted, left as changed since, or nothing to revert. */
export type Reversal = 'reverted' | 'changed-since' | 'no-failover';

/**
 * The entity's last successful failover, read backwards: puts each object it patched back as
 * it found it, when the object is still as it left it.
 */
export class FailoverReversal {
  private readonly steps = new Map<string, ActionStep>();

  constructor(
    private readonly draft: FailoverDraft,
    readonly failover: ActionPlan | undefined,
  ) {
    for (const step of failover?.steps ?? []) {
      if (step.kind === 'patch' && step.cluster && step.object) {
        this.steps.set(objectKey(step.cluster, step.object), step);
      }
    }
  }

  /** The failover's patch of an object, if it made one. */
  stepOn(cluster: string, ref: ActionObjectRef): ActionStep | undefined {
    return this.steps.get(objectKey(cluster, ref));
  }

  /** The failover's first patch on a cluster that matches. */
  find(
    cluster: string,
    matches: (ref: ActionObjectRef) => boolean,
  ): ActionStep | undefined {
    return [...this.steps.values()].find(
      s => s.cluster === cluster && matches(s.object!),
    );
  }

  /**
   * Plans putting an object back as the failover found it (`title` and `what` from the values
   * it had, see FailoverDraft.patchOn); warns and leaves it when it changed since.
   */
  revert(
    side: SideState,
    list: SideKind,
    kind: string,
    object: PlainObject,
    title: (before: Record<string, unknown>) => string,
    what: (before: Record<string, unknown>) => string,
  ): Reversal {
    const step = this.stepOn(side.cluster, refOf(kind, object));
    if (!step?.before || !step.after) return 'no-failover';
    if (!patchIsApplied(object, step.after)) {
      this.draft.readOn(side, list, kind, object);
      this.draft.warn(
        `${nameOf(kind, object)} on ${
          side.cluster
        } changed since the failover: it stays as it is.`,
      );
      return 'changed-since';
    }
    this.draft.patchOn(
      side,
      list,
      kind,
      object,
      step.before,
      title(step.before),
      what(step.before),
    );
    return 'reverted';
  }
}
