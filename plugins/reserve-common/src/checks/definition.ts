/** How much a failed check endangers a failover; also its weight in the score. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** The family a check belongs to, as grouped on the entity page. */
export type CheckCategory =
  | 'topology'
  | 'workload'
  | 'parity'
  | 'backup'
  | 'platform';

/** What to do about a failed check: the fix in words, and the command that applies it. */
export interface CheckRemediation {
  text: string;
  /** Command with `<placeholders>` for the cluster, namespace and object to fill in. */
  command?: string;
}

/** One entry of the check catalogue: everything about a check except its live result. */
export interface CheckDefinition<Id extends string = string> {
  id: Id;
  title: string;
  category: CheckCategory;
  severity: Severity;
  /** Why the check matters when the primary burns down. */
  rationale: string;
  remediation: CheckRemediation;
  /** Upstream documentation (Kubernetes, Velero, cert-manager) that explains the fix. */
  docsUrl: string;
}
