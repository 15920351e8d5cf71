import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityReport,
  ReportCluster,
} from '@kube-reserve/plugin-reserve-common';
import { ClusterSnapshots } from '../clusters/ClusterSnapshots';
import { platformThresholds } from '../platform/thresholds';
import { buildEntityView } from './buildEntityView';
import { EntityView } from './EntityView';
import { selectEntityObjects } from './entitySelection';
import { evaluateEntity } from './evaluate';
import { PolicyDefaults, readEntityPolicy } from './policy';

/** An entity's report and the view of its objects the checks saw. */
export interface EntityAssessment {
  report: EntityReport;
  view: EntityView;
}

/**
 * Answers "could this entity run from its reserve now?" from the clusters' latest snapshots:
 * the catalog is asked for the entity (with the caller's credentials), no cluster is.
 */
export class ReadinessService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      snapshots: ClusterSnapshots;
      defaults: PolicyDefaults;
      now?: () => Date;
    },
  ) {}

  /** The report of one catalog entity; NotFoundError when the caller cannot see it. */
  async getEntityReport(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityReport> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${stringifyEntityRef(ref)} in the catalog`);
    }
    return this.reportFor(entity);
  }

  /**
   * The report of one catalog entity with the view it was computed from (for runbooks,
   * which need the objects behind the checks); NotFoundError when the caller cannot see it.
   */
  async getEntityAssessment(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityAssessment> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${stringifyEntityRef(ref)} in the catalog`);
    }
    return this.assess(entity);
  }

  /** The report of an entity already read from the catalog. */
  reportFor(entity: Entity): EntityReport {
    return this.assess(entity).report;
  }

  private assess(entity: Entity): EntityAssessment {
    const { snapshots, defaults } = this.options;
    const now = this.options.now?.() ?? new Date();
    const selection = selectEntityObjects(entity);
    const policy = readEntityPolicy(entity, defaults, snapshots.pairs);
    if (selection.problem) {
      policy.problems.push(selection.problem);
    }
    const view = buildEntityView({
      entityRef: stringifyEntityRef(entity),
      selection,
      policy,
      source: snapshots,
      now,
      thresholds: platformThresholds(defaults.certWarning),
    });
    const { checks, score, verdict } = evaluateEntity(view);
    const clusters: ReportCluster[] = [view.primary, ...view.reserves]
      .filter(side => side !== undefined)
      .map(side => ({
        ...snapshots.summary(side.cluster.name),
        roleInPair: side.cluster.role,
      }));
    const report: EntityReport = {
      entityRef: view.entityRef,
      policy,
      clusters,
      checks,
      score,
      verdict,
      generatedAt: now.toISOString(),
    };
    return { report, view };
  }
}
