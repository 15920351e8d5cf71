import { CheckId, CheckResult } from '@kube-reserve/plugin-reserve-common';
import { EntityView } from '../view/EntityView';

/** A check: a pure function of an entity's view. */
export type CheckFunction = (view: EntityView) => CheckResult;

/** A check function with the catalogue id it answers for. */
export interface RegisteredCheck {
  id: CheckId;
  run: CheckFunction;
}
