import { applyPatch as applyJsonPatch, Operation } from 'fast-json-patch';
import { ApiError, badRequest } from '../api/ApiError';
import { applyMergePatch } from './mergePatch';
import { applyStrategicMergePatch } from './strategicMergePatch';

/** The PATCH content types the simulator understands. */
export const PATCH_TYPES = [
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
] as const;

/** Applies a PATCH body of the given content type to a copy of the object. */
export function applyPatchBody(
  contentType: string,
  target: object,
  body: unknown,
): any {
  const type = contentType.split(';')[0].trim();
  switch (type) {
    case 'application/merge-patch+json':
      return applyMergePatch(target, body);
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(target, body);
    case 'application/json-patch+json': {
      if (!Array.isArray(body))
        throw badRequest('json patch must be a list of operations');
      try {
        return applyJsonPatch(
          structuredClone(target),
          body as Operation[],
          true,
          false,
        ).newDocument;
      } catch (e) {
        throw new ApiError(
          422,
          'Invalid',
          `the server rejected our request due to an error in our request: ${
            (e as Error).message.split('\n')[0]
          }`,
        );
      }
    }
    case 'application/apply-patch+yaml':
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        'server-side apply is not supported by the simulator',
      );
    default:
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(
          ', ',
        )}`,
      );
  }
}
