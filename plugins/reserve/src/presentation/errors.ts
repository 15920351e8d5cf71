import { ResponseError } from '@backstage/errors';

/** What went wrong in one line: the backend's own message when there is one, not only the status. */
export function describeError(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const { cause, statusCode } = error as ResponseError;
    return `${statusCode}: ${cause.message}`;
  }
  return error.message;
}
