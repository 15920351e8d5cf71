import {
  AuditorEvent,
  DefaultAuditorService,
} from '@backstage/backend-defaults/auditor';
import {
  AuditorService,
  coreServices,
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';

/** One line of the audit log: an event's start, success or failure, as Backstage's auditor writes it. */
export interface AuditLogLine {
  plugin: string;
  eventId: string;
  severityLevel: string;
  status: 'initiated' | 'succeeded' | 'failed';
  /** Who, when the event was created with the HTTP request (e.g. `user:default/guest`). */
  actorId?: string;
  meta: JsonObject;
  /** The error message of a failure. */
  error?: string;
}

/** The audit log of a test backend, kept in memory. */
export interface AuditLog {
  lines: AuditLogLine[];
  /** Backstage's own auditor, writing into {@link AuditLog.lines} instead of the logger. */
  factory: ServiceFactory;
  /**
   * The same auditor for a service built without a backend (plugin `reserve`, no request):
   * its events name their actor in `meta` only, as the plugin's events do.
   */
  auditor: AuditorService;
}

function lineOf(event: AuditorEvent): AuditLogLine {
  return {
    plugin: event.plugin,
    eventId: event.eventId,
    severityLevel: event.severityLevel,
    status: event.status,
    ...(event.actor.actorId ? { actorId: event.actor.actorId } : {}),
    meta: event.meta ?? {},
    ...(event.status === 'failed' ? { error: event.error.message } : {}),
  };
}

/** An audit log for a test backend: add its `factory` to the backend's features. */
export function createAuditLog(): AuditLog {
  const lines: AuditLogLine[] = [];
  const factory = createServiceFactory({
    service: coreServices.auditor,
    deps: {
      auth: coreServices.auth,
      httpAuth: coreServices.httpAuth,
      plugin: coreServices.pluginMetadata,
    },
    factory: deps =>
      DefaultAuditorService.create(event => {
        lines.push(lineOf(event));
      }, deps),
  });
  const auditor = DefaultAuditorService.create(
    event => {
      lines.push(lineOf(event));
    },
    {
      auth: mockServices.auth({ pluginId: 'reserve' }),
      httpAuth: mockServices.httpAuth({ pluginId: 'reserve' }),
      plugin: { getId: () => 'reserve' },
    },
  );
  return { lines, factory, auditor };
}
