import { parseEntityRef } from '@backstage/catalog-model';
import {
  OwnershipResponse,
  OwnershipRow,
  Severity,
  severityWeights,
  Verdict,
} from '@kube-reserve/plugin-reserve-common';
import { severitiesWorstFirst } from './checkStates';
import { ScoreMovement, scoreMovement } from './readinessHistory';
import { compareVerdicts, verdictLabels } from './verdicts';

/** A service in a risk table: its summary, or the reason it could not be assessed. */
export interface ServiceRisk {
  entityRef: string;
  title?: string;
  owner?: string;
  summary?: OwnershipRow;
  /** Why the service has no summary, e.g. the backend's error message. */
  error?: string;
}

/** A table row: a {@link ServiceRisk} flattened into the fields the table sorts and filters. */
export interface RiskTableRow {
  id: string;
  risk: ServiceRisk;
  name: string;
  owner: string;
  verdict: Verdict;
  verdictLabel: string;
  score?: number;
  /** Failing checks weighted by severity, to sort by how bad the failures are. */
  failingWeight: number;
  failingText: string;
  worstText: string;
  /** Where a failed-over service serves from, e.g. `Serving from reserve-ams`. */
  servingText?: string;
  /** How the score moved over the last days, when its history says. */
  movement?: ScoreMovement;
}

/** A service's failing checks by severity, e.g. `2 critical, 1 high`. */
export function describeFailing(failing: Record<Severity, number>): string {
  return severitiesWorstFirst
    .filter(severity => failing[severity] > 0)
    .map(severity => `${failing[severity]} ${severity}`)
    .join(', ');
}

/** Flattens services into table rows, worst first: verdict, then score, then name. */
export function toRiskTableRows(risks: readonly ServiceRisk[]): RiskTableRow[] {
  return risks
    .map(risk => {
      const { summary } = risk;
      const verdict: Verdict = summary?.verdict ?? 'unknown';
      const failing = summary?.failing;
      return {
        id: risk.entityRef,
        risk,
        name: risk.title ?? parseEntityRef(risk.entityRef).name,
        // spec.owner is often written without a kind (`team-a`): a group, by convention.
        owner: risk.owner
          ? parseEntityRef(risk.owner, { defaultKind: 'group' }).name
          : '',
        verdict,
        verdictLabel: verdictLabels[verdict],
        score: summary?.score,
        failingWeight: failing
          ? severitiesWorstFirst.reduce(
              (sum, s) => sum + failing[s] * severityWeights[s],
              0,
            )
          : 0,
        failingText: failing ? describeFailing(failing) : '',
        worstText: summary?.worstFinding
          ? `${summary.worstFinding.title}: ${summary.worstFinding.message}`
          : risk.error ?? '',
        servingText: summary?.failedOver
          ? `Serving from ${summary.failedOver.servingCluster}`
          : undefined,
        movement: summary ? scoreMovement(summary) : undefined,
      };
    })
    .sort(
      (a, b) =>
        compareVerdicts(a.verdict, b.verdict) ||
        (a.score ?? -1) - (b.score ?? -1) ||
        a.name.localeCompare(b.name),
    );
}

/** A group's ownership rows as the services of a risk table. */
export function ownedServices(response: OwnershipResponse): ServiceRisk[] {
  return response.entities.map(row => ({
    entityRef: row.entityRef,
    title: row.title,
    owner: row.owner,
    summary: row,
  }));
}
