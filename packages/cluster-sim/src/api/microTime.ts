import { KindInfo } from '../kinds/kindTable';
import { KubeObject } from '../store/ObjectStore';
import { ApiError } from './ApiError';

// metav1.MicroTime's wire form: RFC 3339 with exactly six fractional digits.
const MICRO_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

// The MicroTime fields of the kinds the simulator serves.
const microTimeFields: Record<string, string[]> = {
  'coordination.k8s.io/leases': ['acquireTime', 'renewTime'],
};

/**
 * Refuses a MicroTime field in any other form, as the API server's decoder does (it cannot
 * parse `2026-10-27T02:40:58Z` as a MicroTime). A fixture writes `${now:micro}` for these.
 */
export function checkMicroTimes(info: KindInfo, obj: KubeObject): void {
  const fields = microTimeFields[`${info.group}/${info.plural}`];
  const spec = (obj as { spec?: Record<string, unknown> }).spec;
  if (!fields || !spec) return;
  for (const field of fields) {
    const value = spec[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !MICRO_TIME.test(value)) {
      throw new ApiError(
        400,
        'BadRequest',
        `${info.kind} in version "${info.version}" cannot be handled as a ${
          info.kind
        }: spec.${field}: parsing time ${JSON.stringify(
          value,
        )} as "2006-01-02T15:04:05.000000Z07:00": a MicroTime needs six fractional digits`,
      );
    }
  }
}
