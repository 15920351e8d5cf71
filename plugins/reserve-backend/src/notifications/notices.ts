import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';

/** What owners are told, without its recipients: Backstage's payload less the fields set here. */
export type Notice = Pick<
  NotificationPayload,
  'title' | 'description' | 'severity'
>;

/** Notifications of Kube Reserve carry this topic, so people can filter them. */
export const NOTIFICATION_TOPIC = 'kube-reserve';

/** The entity's name, as the first words of a notification. */
export function entityName(entityRef: string): string {
  return parseEntityRef(entityRef).name;
}

/**
 * The app path of the entity's Reserve tab, as Backstage's entity routes spell it (the kind in
 * lower case).
 */
export function reserveTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/reserve`;
}
