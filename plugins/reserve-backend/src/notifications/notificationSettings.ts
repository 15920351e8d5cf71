import { Config } from '@backstage/config';
import { durationOf, readDuration } from '../config/durations';
import {
  ConditionSettings,
  DEFAULT_API_CERTIFICATE_WITHIN_MS,
  NotifiedCondition,
  notifiedConditions,
} from './conditions';

/** What Kube Reserve notifies owners of (`reserve.notifications`). */
export interface NotificationSettings extends ConditionSettings {
  /** Whether owners hear when an action on their entity starts, succeeds or fails. */
  actions: boolean;
}

// The config key that turns each kind of notification off.
const switches: Readonly<Record<NotifiedCondition, string>> = {
  verdict: 'verdictWorsened',
  'api-certificate': 'apiCertificate',
  'drill-overdue': 'drillOverdue',
  'restore-point': 'restorePoint',
};

/**
 * Reads `reserve.notifications`: every kind is on unless `enabled: false` turns them all off
 * or its own key does; a value of the wrong type is an error naming the key, at start-up.
 */
export function readNotificationSettings(config: Config): NotificationSettings {
  const prefix = 'reserve.notifications';
  const enabled = config.getOptionalBoolean(`${prefix}.enabled`) ?? true;
  const on = (key: string) =>
    (config.getOptionalBoolean(`${prefix}.${key}`) ?? true) && enabled;
  return {
    conditions: new Set(
      notifiedConditions.filter(condition => on(switches[condition])),
    ),
    actions: on('actions'),
    apiCertificateWithinMs: readDuration(
      config,
      `${prefix}.apiCertificateWithin`,
      durationOf(DEFAULT_API_CERTIFICATE_WITHIN_MS),
    ).ms,
  };
}
