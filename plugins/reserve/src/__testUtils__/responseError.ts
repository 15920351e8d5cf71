import { ResponseError } from '@backstage/errors';

/** A ResponseError as the backend's standard JSON error body would produce it. */
export async function responseError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const body = {
    error: { name, message },
    request: { method: 'GET', url: '/api/reserve/x' },
    response: { statusCode },
  };
  return ResponseError.fromResponse(
    new Response(JSON.stringify(body), {
      status: statusCode,
      headers: { 'Content-Type': 'application/json' },
    }) as any,
  );
}
