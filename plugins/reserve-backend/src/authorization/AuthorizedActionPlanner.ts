import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ActionPlan,
  ActionPlanOptions,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { ActionPlanner } from '../actions/ActionPlanner';
import { EntityAuthorizer, noEntity } from './EntityAuthorizer';

/** What the router and the actions registry ask of planning. */
export type ActionPlans = Pick<ActionPlanner, 'plan'>;

/**
 * Plans for callers who may read the entity's readiness: a plan changes no cluster, but it
 * records the entity's state, so a caller who may not see that gets no plan (and no entity).
 */
export class AuthorizedActionPlanner implements ActionPlans {
  constructor(
    private readonly planner: ActionPlans,
    private readonly authorizer: EntityAuthorizer,
  ) {}

  async plan(
    ref: CompoundEntityRef,
    action: ReserveActionId,
    options: ActionPlanOptions,
    credentials: BackstageCredentials,
  ): Promise<ActionPlan> {
    const entityRef = stringifyEntityRef(ref);
    await this.authorizer.authorizeRead(
      entityRef,
      credentials,
      noEntity(entityRef),
    );
    return this.planner.plan(ref, action, options, credentials);
  }
}
