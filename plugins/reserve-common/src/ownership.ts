import { Waiver } from './waivers';
import { CheckCategory, CheckId, Severity } from './checks';
import { ClusterSummary } from './cluster';
import { ReadinessMovement } from './history';
import { CheckState, Verdict } from './report';

/** The most serious finding of an entity, to show in one cell. */
export interface WorstFinding {
  checkId: CheckId;
  title: string;
  severity: Severity;
  state: CheckState;
  message: string;
}

/** One entity a group owns, summed up for `GET /ownership`. */
export interface OwnershipRow {
  entityRef: string;
  title?: string;
  kind: string;
  /** The entity's owner as an entity ref, e.g. `group:default/payments`. */
  owner: string;
  verdict: Verdict;
  score: number;
  /** Number of failing checks per severity. */
  failing: Record<Severity, number>;
  /** Absent when every check passes or does not apply. */
  worstFinding?: WorstFinding;
  /** Worst state per category; absent for a category with no check. */
  categories: Partial<Record<CheckCategory, CheckState>>;
  /** Set while the entity is failed over: the reserve serving it, and since when (ISO 8601). */
  failedOver?: { servingCluster: string; since: string };
  /** Where the entity stood 30 days ago (or when first recorded since), from its history. */
  movement?: ReadinessMovement;
  /** Its waivers in force (accepted risks), soonest to lapse first; absent when none. */
  waivers?: Waiver[];
}

/** A Kubernetes cluster catalog entity (`kind: Resource`, `spec.type: kubernetes-cluster`) a group owns. */
export interface OwnedCluster {
  entityRef: string;
  title?: string;
  owner: string;
  /** The configured cluster of the same name; absent when Kube Reserve does not know it. */
  summary?: ClusterSummary;
}

/** The answer of `GET /ownership`: a group's entities and clusters. */
export interface OwnershipResponse {
  group: string;
  /** Whether entities of the group's child groups are included. */
  aggregate: boolean;
  entities: OwnershipRow[];
  clusters: OwnedCluster[];
  /** ISO 8601 date-time the response was computed. */
  generatedAt: string;
}
