import { CompoundEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { EntityReport } from '@kube-reserve/plugin-reserve-common';

/** An entity's report as read from the reserve backend, or why it could not be read. */
export type ReportReading =
  | { report: EntityReport }
  | {
      /** What went wrong, e.g. `404 Not Found` or `no answer within 10 s`; never a token. */
      problem: string;
    };

// The fields the facts are made of: a body without them is not a report to publish.
function isEntityReport(body: any): body is EntityReport {
  return (
    typeof body?.verdict === 'string' &&
    typeof body.score === 'number' &&
    typeof body.generatedAt === 'string' &&
    Array.isArray(body.checks) &&
    Array.isArray(body.clusters)
  );
}

/**
 * Reads entities' readiness reports from the reserve backend
 * (`GET /entities/:kind/:namespace/:name/readiness`), the API the Reserve tab reads, with a
 * plugin-to-plugin token. A failure is an answer, not an exception, so that one entity the
 * backend cannot serve costs that entity's facts only.
 */
export class ReadinessReader {
  constructor(
    private readonly options: {
      /** The reserve backend's base URL, e.g. `http://localhost:7007/api/reserve`. */
      baseUrl: string;
      token: string;
      timeoutMs: number;
    },
  ) {}

  /** The entity's report, or the problem that kept it from being read. */
  async read(entity: CompoundEntityRef): Promise<ReportReading> {
    const { baseUrl, token, timeoutMs } = this.options;
    const path = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/entities/${path}/readiness`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return {
        problem:
          (error as Error)?.name === 'TimeoutError'
            ? `no answer within ${timeoutMs / 1000} s`
            : // fetch's own message is `fetch failed`; its cause says why (ECONNREFUSED...).
              stringifyError((error as Error)?.cause ?? error),
      };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { problem: `${response.status} ${response.statusText}`.trim() };
    }
    const body = await response.json().catch(() => undefined);
    return isEntityReport(body)
      ? { report: body }
      : { problem: `${response.status} with a body that is not a report` };
  }
}
