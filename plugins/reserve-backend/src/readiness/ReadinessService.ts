import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DrillRecord,
  EntityReport,
  FailoverState,
  ReportCluster,
  Waiver,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSnapshots } from '../clusters/ClusterSnapshots';
import { DrillStore } from '../database/DrillStore';
import { RecordChanges } from '../database/RecordChanges';
import { WaiverStore } from '../database/WaiverStore';
import { FailoverStore } from '../database/FailoverStore';
import { ClusterOverview } from '../overview/ClusterOverview';
import { platformThresholds } from '../platform/thresholds';
import { buildEntityBackups } from './backupsSection';
import { buildEntityView, entityNamespaces } from '../view/buildEntityView';
import {
  AssessmentCache,
  assessmentInputs,
  entityInput,
} from './AssessmentCache';
import { EntityView } from '../view/EntityView';
import { selectEntityObjects } from '../view/entitySelection';
import { firstLapseMs } from './applyWaivers';
import { judgeEntity } from './judgeEntity';
import { PolicyDefaults, readEntityPolicy } from './policy';
import { EntitySource, requestedEntity } from './requestedEntity';

/** An entity's report and the views of its objects behind it. */
export interface EntityAssessment {
  report: EntityReport;
  /**
   * The entity's objects with the pair's configured roles, also while failed over: what
   * actions are planned from (a failback moves back to the configured primary).
   */
  view: EntityView;
  /** The view the checks judged: the configured one, with roles swapped while failed over. */
  evaluatedView: EntityView;
}

// How long an assessment is served again by default while nothing it read has changed.
const DEFAULT_ASSESSMENT_MAX_AGE_MS = 30_000;
// Assessments kept at most, for memory (the keeper keeps every entity's: fewer would have it judge
// the same entities again on every pass): each holds a report (about 20 KB as JSON in the
// benchmark); its views mostly share the snapshots' objects.
const DEFAULT_ASSESSMENTS_KEPT = 10_000;

/** What an entity's assessment reads of Kube Reserve's own records. */
interface EntityRecords {
  drills: DrillRecord[];
  failover?: FailoverState;
  /** Its waivers in force. */
  waivers: Waiver[];
}

const inputsOf = (entity: Entity, records: EntityRecords) =>
  assessmentInputs(entity, records.drills, records.failover, records.waivers);

/**
 * Answers "could this entity run from its reserve now?" from the clusters' latest snapshots
 * and the recorded drills: the entity comes from the catalog mirror (or, when the mirror does
 * not hold it, from the catalog with the caller's credentials), no cluster is called. An
 * assessment is served again, unchanged (its `generatedAt` says when it was made), while the
 * entity, its drills, its failover and its clusters' snapshots are the ones it read, for at
 * most `assessmentMaxAgeMs`; the readiness keeper makes them ahead of requests.
 */
export class ReadinessService {
  private readonly assessments: AssessmentCache<EntityAssessment>;

  constructor(
    /**
     * `mirror`: the catalog's entities as last read, answered from instead of calling the
     * catalog; an entity it does not hold is asked of the catalog with the caller's
     * credentials. `kinds`: those with workloads (`reserve.entityKinds`); default Component
     * and Resource.
     */
    private readonly options: EntitySource & {
      snapshots: ClusterSnapshots;
      clusters: ClusterOverview;
      drills: DrillStore;
      failovers: Pick<FailoverStore, 'getFailover' | 'failoversInForce'>;
      /**
       * Told of every drill and failover this instance writes: then a kept assessment is
       * served without reading the entity's drills and failover again (other instances'
       * writes are seen by `reportsFor`, which reads them every time).
       */
      records?: RecordChanges;
      /** The entities' waivers; none apply without it. */
      waivers?: Pick<WaiverStore, 'waiversInForce'>;
      defaults: PolicyDefaults;
      /**
       * How long an assessment may be served again while nothing it read changed (time alone
       * changes some results: ages, expiries, lease renewals); default 30 s.
       */
      assessmentMaxAgeMs?: number;
      /** How many entities' assessments are kept at most; default 10,000. */
      assessmentsKept?: number;
      /** The share of the time bound each assessment gets (see AssessmentCache); for tests. */
      assessmentSpread?: () => number;
      now?: () => Date;
    },
  ) {
    this.assessments = new AssessmentCache({
      snapshots: options.snapshots,
      maxAgeMs: options.assessmentMaxAgeMs ?? DEFAULT_ASSESSMENT_MAX_AGE_MS,
      maxEntries: options.assessmentsKept ?? DEFAULT_ASSESSMENTS_KEPT,
      spread: options.assessmentSpread,
    });
    options.records?.subscribe(entityRefs =>
      entityRefs.forEach(entityRef => this.assessments.forget(entityRef)),
    );
  }

  /** The report of one catalog entity; NotFoundError when the caller cannot see it. */
  async getEntityReport(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityReport> {
    return (await this.getEntityAssessment(ref, credentials)).report;
  }

  /**
   * The report of one catalog entity with the view it was computed from (for runbooks,
   * which need the objects behind the checks); NotFoundError when the caller cannot see it,
   * InputError when its kind has no workloads (`what` names what was asked for).
   */
  async getEntityAssessment(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    what = 'readiness',
  ): Promise<EntityAssessment> {
    const entity = await requestedEntity(this.options, ref, credentials, what);
    const entityRef = stringifyEntityRef(entity);
    if (this.options.records) {
      const kept = this.assessments.get(
        entityRef,
        { entity: entityInput(entity) },
        this.now().getTime(),
      );
      if (kept) return this.served(kept);
    }
    const [drills, failover, waivers] = await Promise.all([
      this.options.drills.listDrills(entityRef),
      this.options.failovers.getFailover(entityRef),
      this.waiversOf([entityRef]),
    ]);
    return this.keptOrAssessed(entity, {
      drills,
      failover,
      waivers: waivers.get(entityRef) ?? [],
    });
  }

  /**
   * The reports of entities already read from the catalog, with one drill history read.
   * Other requests get their turn before each entity assessed anew, and every 50 entities: a
   * team's rollup, or the keeper's pass over every entity, does not hold them up.
   */
  async reportsFor(entities: readonly Entity[]): Promise<EntityReport[]> {
    const refs = entities.map(entity => stringifyEntityRef(entity));
    const [drills, failovers, waivers] = await Promise.all([
      this.options.drills.listDrillsByEntity(refs),
      this.options.failovers.failoversInForce(refs),
      this.waiversOf(refs),
    ]);
    const reports: EntityReport[] = [];
    for (const [i, entity] of entities.entries()) {
      // Every 50 kept reports too: the keeper looks at every entity.
      if (i % 50 === 49) await yieldToEventLoop();
      const records: EntityRecords = {
        drills: drills.get(refs[i])!,
        failover: failovers.get(refs[i]),
        waivers: waivers.get(refs[i]) ?? [],
      };
      const inputs = inputsOf(entity, records);
      const kept = this.assessments.get(refs[i], inputs, this.now().getTime());
      if (kept) {
        reports.push(kept.report);
        continue;
      }
      await yieldToEventLoop();
      reports.push(this.keptOrAssessed(entity, records, inputs).report);
    }
    return reports;
  }

  /** The namespaces an entity's objects live in, on the clusters of its pair. */
  namespacesOf(entity: Entity): string[] {
    const { snapshots, defaults } = this.options;
    const selection = selectEntityObjects(entity);
    if (selection.namespace) {
      return [selection.namespace];
    }
    const pair = readEntityPolicy(entity, defaults, snapshots.pairs).clusters;
    const names = pair ? [pair.primary, ...pair.reserves] : [];
    return entityNamespaces(
      selection,
      names
        .filter(name => snapshots.cluster(name))
        .map(name => snapshots.snapshot(name)),
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async waiversOf(
    entityRefs: readonly string[],
  ): Promise<Map<string, Waiver[]>> {
    return (
      (await this.options.waivers?.waiversInForce(entityRefs, this.now())) ??
      new Map()
    );
  }

  // The entity's kept assessment while it holds, else a new one, kept.
  private keptOrAssessed(
    entity: Entity,
    records: EntityRecords,
    inputs = inputsOf(entity, records),
  ): EntityAssessment {
    const now = this.now();
    const entityRef = stringifyEntityRef(entity);
    const kept = this.assessments.get(entityRef, inputs, now.getTime());
    if (kept) return this.served(kept);
    const assessment = this.assess(entity, records, now);
    // The pair names every cluster the assessment read; a failover swaps roles within it.
    const pair = assessment.view.policy.clusters;
    this.assessments.set(
      entityRef,
      inputs,
      pair ? [pair.primary, ...pair.reserves] : [],
      assessment,
      now.getTime(),
      firstLapseMs(records.waivers, now),
    );
    return assessment;
  }

  private assess(
    entity: Entity,
    { drills, failover, waivers }: EntityRecords,
    now: Date,
  ): EntityAssessment {
    const { snapshots, defaults } = this.options;
    const entityRef = stringifyEntityRef(entity);
    const selection = selectEntityObjects(entity);
    const policy = readEntityPolicy(entity, defaults, snapshots.pairs);
    if (selection.problem) {
      policy.problems.push(selection.problem);
    }
    const view = buildEntityView({
      entityRef,
      selection,
      policy,
      source: snapshots,
      now,
      drills,
      thresholds: platformThresholds(defaults.certWarning),
    });
    const { evaluatedView, checks, score, verdict, situation } = judgeEntity(
      view,
      failover,
      waivers,
    );
    const report: EntityReport = {
      entityRef,
      policy,
      namespaces: view.namespaces,
      clusters: this.reportClusters(evaluatedView),
      checks,
      score,
      verdict,
      backups: buildEntityBackups(evaluatedView, checks),
      ...(situation ? { situation } : {}),
      ...(failover ? { failover } : {}),
      generatedAt: now.toISOString(),
    };
    return { report, view, evaluatedView };
  }

  // The clusters of the report as they are now, primary first (while failed over, the
  // cluster serving the entity): a kept report may have been judged on an earlier
  // collection that the checks judge alike.
  private reportClusters(evaluatedView: EntityView): ReportCluster[] {
    return [evaluatedView.primary, ...evaluatedView.reserves]
      .filter(side => side !== undefined)
      .map(side => ({
        ...this.options.clusters.get(side.cluster.name)!,
        roleInPair: side.cluster.role,
      }));
  }

  // A kept assessment, its report's clusters as they are now.
  private served(assessment: EntityAssessment): EntityAssessment {
    return {
      ...assessment,
      report: {
        ...assessment.report,
        clusters: this.reportClusters(assessment.evaluatedView),
      },
    };
  }
}
