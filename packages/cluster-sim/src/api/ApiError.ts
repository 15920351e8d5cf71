import { KindInfo, qualifiedResource } from '../kinds/kindTable';

/** Details of a Status, naming the object a failure is about. */
export interface StatusDetails {
  /** The object's name, when there is one. */
  name?: string;
  /** The API group of the resource. */
  group?: string;
  /** The resource (plural) the failure is about; the API server puts it in `kind`. */
  kind?: string;
  /** Field-level causes, for Invalid and similar. */
  causes?: { reason?: string; message: string; field?: string }[];
  /** The object's uid, for successful deletes. */
  uid?: string;
  /** Seconds a client should wait before retrying. */
  retryAfterSeconds?: number;
}

/** A failure answered to the client as a `Status` object with the matching HTTP code. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    /** The Status's list metadata: an expired list's fresh `continue` token. */
    readonly metadata: { continue?: string } = {},
  ) {
    super(message);
  }

  /** The `Status` body the API server would send. */
  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.metadata,
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function describe(info: KindInfo, name?: string) {
  const resource = qualifiedResource(info);
  return name === undefined ? resource : `${resource} "${name}"`;
}

/** 404 for a missing object, worded like the API server. */
export function notFound(info: KindInfo, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${describe(info, name)} not found`, {
    name,
    group: info.group || undefined,
    kind: info.plural,
  });
}

/** 409 for a create whose name is taken. */
export function alreadyExists(info: KindInfo, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${describe(info, name)} already exists`,
    {
      name,
      group: info.group || undefined,
      kind: info.plural,
    },
  );
}

/** 409 for a write based on a stale resourceVersion or a failed precondition. */
export function conflict(info: KindInfo, name: string, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${describe(info, name)}: ${why}`,
    { name, group: info.group || undefined, kind: info.plural },
  );
}

/** 422 for an object that fails validation. */
export function invalid(
  info: KindInfo,
  name: string,
  field: string,
  message: string,
): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `${info.kind}${
      info.group ? `.${info.group}` : ''
    } "${name}" is invalid: ${field}: ${message}`,
    {
      name,
      group: info.group || undefined,
      kind: info.kind,
      causes: [{ reason: 'FieldValueInvalid', message, field }],
    },
  );
}

/** 400 for a malformed request. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 404 for a path that names nothing the server serves. */
export function pathNotFound(): ApiError {
  return new ApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

/** 405 for a verb the resource does not support. */
export function methodNotAllowed(method: string): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource`,
    {
      causes: [{ message: `method ${method} not allowed` }],
    },
  );
}
