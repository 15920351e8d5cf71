import { formatDuration } from '@kube-reserve/plugin-reserve-common';
import { resourceOfKind } from '../../view/EntityView';
import { PlainObject } from '../ClusterOperator';
import { PlanDraft, PlanOutline } from './PlanDraft';
import { patchIsApplied } from './objectState';
import { SideKind, SideState, isLive } from './sideState';

// What the plan did with one kind a side could not list just now, in the plan's order.
interface KindNote {
  side: SideState;
  kind: SideKind;
  fromListing: string[];
  cannot: string[];
  skipped: string[];
  remarks: string[];
}

// The order of the kinds' warnings: workloads, then what else they touch.
const kindOrder: SideKind[] = [
  'deployments',
  'statefulSets',
  'horizontalPodAutoscalers',
  'cronJobs',
  'services',
  'endpoints',
];

/** `a`, `a and b`, `a, b and c`. */
function enumerate(items: string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The draft of a failover or a failback, between the side it goes to and the side it leaves,
 * knowing where each side's lists come from. A change on the side it goes to is planned from
 * live data or, for a kind that could not be listed just now, from that kind's last listing; a
 * change on the side it leaves is planned from live data only, else listed as skipped with the
 * reason. Each kind that could not be listed and mattered to the plan ends up in one warning
 * naming what it changed: steps planned from an older listing, steps skipped, what could not
 * be planned at all.
 */
export class FailoverDraft extends PlanDraft {
  private readonly notes = new Map<string, KindNote>();

  constructor(
    private readonly sides: { goingTo: SideState; leaving: SideState },
  ) {
    super();
  }

  /**
   * Why a step on a side's kind cannot be taken, as its skip says it: the cluster does not
   * answer, or that kind could not be listed.
   */
  reasonOf(side: SideState, kind: SideKind): string {
    return side.answers
      ? this.headOf(side, kind)
      : `${side.cluster} does not answer (${side.problem})`;
  }

  private headOf(side: SideState, kind: SideKind): string {
    const source = side.notLive[kind];
    const problem = side.answers ? source?.problem : 'it does not answer';
    return `${resourceOfKind[kind]} could not be listed on ${
      side.cluster
    } (${problem})${
      source?.from === 'unknown' ? ' and no earlier listing is known' : ''
    }`;
  }

  /** Notes what the plan read of a side's object; only live reads go into the fingerprint. */
  readOn(
    side: SideState,
    kind: SideKind,
    objectKind: string,
    object: PlainObject,
  ): void {
    if (isLive(side, kind)) this.read(side.cluster, objectKind, object);
  }

  /**
   * A patch on a side's object, planned or skipped as the class says. `what` names the change
   * in the kind's warning, e.g. `the scale-up of Deployment shop/shop to 6`. Returns whether a
   * step was planned.
   */
  patchOn(
    side: SideState,
    kind: SideKind,
    objectKind: string,
    object: PlainObject,
    after: Record<string, unknown>,
    title: string,
    what: string,
  ): boolean {
    if (isLive(side, kind)) {
      return this.patch(side.cluster, objectKind, object, after, title);
    }
    if (patchIsApplied(object, after)) {
      return false;
    }
    if (side.cluster === this.sides.leaving.cluster) {
      this.skipFor(side, kind, { title, cluster: side.cluster }, what);
      return false;
    }
    this.note(side, kind).fromListing.push(what);
    return this.patch(side.cluster, objectKind, object, after, title, {
      live: false,
    });
  }

  /**
   * Nothing is known of a side's kind: on the side the plan leaves, the step (named as well
   * as it can be) is skipped; on the side it goes to, `what` cannot be planned.
   */
  unknownOn(
    side: SideState,
    kind: SideKind,
    step: { title: string; what: string },
  ): void {
    if (side.cluster === this.sides.leaving.cluster) {
      this.skipFor(
        side,
        kind,
        { title: step.title, cluster: side.cluster },
        step.what,
      );
    } else {
      this.cannotPlan(side, kind, step.what);
    }
  }

  /** Notes that `what` cannot be planned because nothing is known of a side's kind. */
  cannotPlan(side: SideState, kind: SideKind, what: string): void {
    this.note(side, kind).cannot.push(what);
  }

  /** Skips a step because a side's kind could not be listed (the step may be on the other side). */
  skipFor(
    side: SideState,
    kind: SideKind,
    step: { title: string; cluster: string },
    what: string,
  ): void {
    this.skip({ ...step, reason: this.reasonOf(side, kind) });
    this.note(side, kind).skipped.push(what);
  }

  /** Notes that a planned value (`what`) was taken from an older listing of a side's kind, if so. */
  fromListing(side: SideState, kind: SideKind, what: string): void {
    if (side.notLive[kind]?.from === 'listing') {
      const note = this.note(side, kind);
      if (!note.fromListing.includes(what)) note.fromListing.push(what);
    }
  }

  /** Adds a remark to the warning of a side's kind that is not live. */
  remark(side: SideState, kind: SideKind, remark: string): void {
    if (!isLive(side, kind)) this.note(side, kind).remarks.push(remark);
  }

  /** The outline, its warnings led by the sides that do not answer and the kinds not listed. */
  outline(): PlanOutline {
    const outline = super.outline();
    const sides = [this.sides.leaving, this.sides.goingTo];
    const rank = (side: SideState) =>
      sides.findIndex(s => s.cluster === side.cluster);
    return {
      ...outline,
      warnings: [
        ...sides
          .filter(side => !side.answers)
          .map(
            side =>
              `${side.cluster} does not answer (${side.problem}): the plan changes nothing on it.`,
          ),
        ...[...this.notes.values()]
          .sort(
            (a, b) =>
              rank(a.side) - rank(b.side) ||
              kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind),
          )
          .map(note => this.warningOf(note)),
        ...outline.warnings,
      ],
    };
  }

  private note(side: SideState, kind: SideKind): KindNote {
    const key = `${side.cluster}/${kind}`;
    let note = this.notes.get(key);
    if (!note) {
      note = {
        side,
        kind,
        fromListing: [],
        cannot: [],
        skipped: [],
        remarks: [],
      };
      this.notes.set(key, note);
    }
    return note;
  }

  private warningOf(note: KindNote): string {
    const { side, kind } = note;
    const source = side.notLive[kind];
    const age =
      source?.from !== 'listing'
        ? 'its last listing'
        : `the listing of ${
            source.ageMs < 1000 ? 'a moment' : formatDuration(source.ageMs)
          } ago`;
    const verb = (items: string[], one: string, many: string) =>
      items.length === 1 ? one : many;
    const parts = [
      note.fromListing.length > 0 &&
        `${enumerate(note.fromListing)} ${verb(
          note.fromListing,
          'comes',
          'come',
        )} from ${age}`,
      note.skipped.length > 0 &&
        `${enumerate(note.skipped)} ${verb(note.skipped, 'is', 'are')} skipped`,
      note.cannot.length > 0 && `${enumerate(note.cannot)} cannot be planned`,
      ...note.remarks,
    ].filter(Boolean);
    return `${this.headOf(side, kind)}: ${parts.join('; ')}.`;
  }
}
