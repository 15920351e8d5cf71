import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from './ApiError';

const MAX_BODY = 3 * 1024 * 1024;

/** Sends a JSON answer with the headers the API server sends. */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
): void {
  sendJsonText(res, code, JSON.stringify(body));
}

/** Sends text already serialized (or deliberately broken) as a JSON answer. */
export function sendJsonText(
  res: ServerResponse,
  code: number,
  text: string,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Answers an error as a `Status`; unexpected errors become 500 InternalError. */
export function sendError(res: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(
          500,
          'InternalError',
          `Internal error occurred: ${
            (error as Error)?.message ?? String(error)
          }`,
        );
  sendJson(res, apiError.code, apiError.toStatus());
}

/** Reads and parses a JSON (or YAML) request body; an empty body is undefined. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY)
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        'the request body is too large',
      );
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = req.headers['content-type'] ?? 'application/json';
  if (type.includes('protobuf')) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      'the simulator only accepts JSON and YAML bodies',
    );
  }
  try {
    return type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body could not be decoded: ${(e as Error).message}`);
  }
}
