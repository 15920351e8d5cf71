import { ReserveActionId } from './actions';
import { CheckId } from './checks';
import { CheckState, Verdict } from './report';

/** The four runbooks every service gets (DESIGN.md §6). */
export const runbookIds = [
  'failover',
  'restore-drill',
  'certificate-renewal',
  'cluster-upgrade',
] as const;

/** Identifier of a runbook, e.g. `failover`. */
export type RunbookId = (typeof runbookIds)[number];

/** Whether a string names one of the runbooks. */
export function isRunbookId(id: string): id is RunbookId {
  return (runbookIds as readonly string[]).includes(id);
}

/** The runbook items that are action buttons. */
export type RunbookActionId =
  | 'failover'
  | 'failback'
  | 'scale-reserve'
  | 'repoint-external-services'
  | 'switch-cronjobs'
  | 'backup-now'
  | 'restore-drill'
  | 'cleanup-drill';

/** A command to copy, with real cluster contexts, namespaces and node names filled in. */
export interface RunbookCommand {
  /** What the command does, e.g. `Drain fra-w-1`. */
  label: string;
  command: string;
}

/** Who ticked a manual item, when, why, and until when the tick counts. */
export interface RunbookTick {
  /** The user's entity ref, e.g. `user:default/guest`. */
  by: string;
  /** ISO 8601 date-time of the tick. */
  at: string;
  note?: string;
  /** ISO 8601 date-time after which the tick no longer counts. */
  expiresAt: string;
}

interface RunbookItemBase {
  /** Unique within its runbook; per-cluster items start with the cluster name. */
  id: string;
  title: string;
  /** Why the step matters or how to do it, in a sentence or two. */
  description?: string;
  /** The cluster the item is about, for per-cluster items. */
  cluster?: string;
  commands?: RunbookCommand[];
}

/** An item whose state is read live: a check's result, the verdict, or a computed fact. */
export interface AutoRunbookItem extends RunbookItemBase {
  kind: 'auto';
  state: CheckState;
  /** One line explaining the state. */
  message: string;
  /** The check the item mirrors, when it mirrors one. */
  checkId?: CheckId;
  /** The entity's verdict, for the item that mirrors it. */
  verdict?: Verdict;
}

/** `done` while a tick is valid; `expired` once its expiry passed; `open` when never ticked or unticked. */
export type ManualItemState = 'done' | 'open' | 'expired';

/** An item a person ticks once done. */
export interface ManualRunbookItem extends RunbookItemBase {
  kind: 'manual';
  state: ManualItemState;
  /** The last tick, also when it has expired. */
  tick?: RunbookTick;
}

/** An item that is a button running one of the actions. */
export interface ActionRunbookItem extends RunbookItemBase {
  kind: 'action';
  actionId: RunbookActionId;
  /**
   * The action the button plans and runs (`POST .../actions/:action/plan`): repointing,
   * scaling and switching CronJobs are steps of `failover`, the clean-up a step of
   * `restore-drill`.
   */
  action?: ReserveActionId;
  /** Whether the action can be planned for this entity now; `unavailableReason` says why not. */
  available: boolean;
  unavailableReason?: string;
}

/** One line of a runbook. */
export type RunbookItem =
  | AutoRunbookItem
  | ManualRunbookItem
  | ActionRunbookItem;

/** An expiry date shown in the certificate runbook. */
export interface CertificateExpiry {
  /** e.g. `API server serving certificate` or `Certificate payments-api/payments-api-tls`. */
  subject: string;
  /** ISO 8601; absent when not known (e.g. a Certificate never issued). */
  notAfter?: string;
  /** ISO 8601 time cert-manager plans to renew, for cert-manager Certificates. */
  renewalTime?: string;
  state: CheckState;
  message: string;
}

/** A node of the upgrade runbook, listed in the order to upgrade it. */
export interface NodeUpgradeFacts {
  name: string;
  role: 'control-plane' | 'worker';
  kubeletVersion?: string;
  zone?: string;
}

/** Facts of the upgrade of one cluster. */
export interface ClusterUpgradeFacts {
  currentVersion?: string;
  /** e.g. `1.35`. */
  currentMinor?: string;
  /** The minor to upgrade to, one step only, e.g. `1.36`. */
  nextMinor?: string;
  /** APIs removed in the next minor that the service uses; `unknown` while Kube Reserve cannot tell. */
  removedApisInUse: { state: CheckState; message: string };
  managedControlPlane: boolean;
  /** Control-plane nodes first, then workers, in the order to upgrade them. */
  nodes: NodeUpgradeFacts[];
}

/** A group of items, e.g. one cluster of the certificate or upgrade runbook. */
export interface RunbookSection {
  id: string;
  title: string;
  /** The cluster the section is about, for per-cluster sections. */
  cluster?: string;
  /** The cluster's role in the entity's pair. */
  role?: 'primary' | 'reserve';
  /** Certificate runbook: every expiry date on the cluster. */
  expiries?: CertificateExpiry[];
  /** Upgrade runbook: versions and nodes. */
  upgrade?: ClusterUpgradeFacts;
  items: RunbookItem[];
}

/** One runbook of a service, with live item states. */
export interface Runbook {
  id: RunbookId;
  title: string;
  description: string;
  sections: RunbookSection[];
  /** Manual items done (ticked, not expired), out of the manual items. */
  progress: { done: number; total: number };
}

/** The answer of `GET /entities/:kind/:namespace/:name/runbooks`. */
export interface RunbooksResponse {
  entityRef: string;
  runbooks: Runbook[];
  /** How long a tick counts, e.g. `30d`. */
  tickTtl: string;
  /** ISO 8601 date-time the runbooks were assembled. */
  generatedAt: string;
}

/** The body of `PUT /entities/:kind/:namespace/:name/runbooks/:runbook/items/:item`. */
export interface RunbookItemUpdate {
  ticked: boolean;
  note?: string;
}
