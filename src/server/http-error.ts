/**
 * Errors as the server answers them: `{"error": {"code", "message", "errors": [{"field", "message", "at"?}]}}`.
 * Field errors keep the CLI's paths (`spec.tolerations[0].operator`, the API server's); `at` says
 * where in the request body the object sits (`pod`, `pods[2]`, `items[3]`), as the CLI names the file.
 */
import { formatFieldError, isPlacementError, type FieldError } from '../errors.js';

/** A failure with an HTTP status, raised by the server layer (405, 409, 413, 415, ...). */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: readonly FieldError[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, errors: readonly FieldError[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
}

/**
 * A 503 with `Retry-After`: the server is too busy to start the request, or the request ran out of
 * its time budget. Nothing was changed, so the client may send it again later.
 */
export function unavailable(code: 'overloaded' | 'deadline-exceeded', message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(503, code, message, [], { 'retry-after': String(retryAfterSeconds) });
}

/** One field error in the body: the path, the rest of the API server's line, and where the object sits. */
export interface FieldErrorJson {
  readonly field: string;
  readonly message: string;
  readonly at?: string;
}

/** The error envelope of every 4xx/5xx answer. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly errors: readonly FieldErrorJson[] };
}

/** `path: Type: value: detail` split into its path and the rest, exactly as `formatFieldError` prints them. */
export function fieldErrorJson(e: FieldError): FieldErrorJson {
  const line = formatFieldError({ ...e, file: undefined });
  return { field: e.path, message: line.slice(e.path.length + 2), ...(e.file ? { at: e.file } : {}) };
}

/** The envelope for a code, a message and field errors. */
export function errorBody(code: string, message: string, errors: readonly FieldError[] = []): ErrorBody {
  return { error: { code, message, errors: errors.map(fieldErrorJson) } };
}

/** Fastify's own client errors (body limit, media type, ...) by status: our codes for them. */
const codeByStatus: ReadonlyMap<number, string> = new Map([
  [400, 'bad-request'],
  [404, 'not-found'],
  [408, 'timeout'],
  [413, 'too-large'],
  [414, 'too-long'],
  [415, 'unsupported-media-type'],
]);

/** Status, headers and body for anything thrown; `bug` is true when it is not a known client error (a 500). */
export function describeError(error: unknown): { status: number; body: ErrorBody; headers: Readonly<Record<string, string>>; bug: boolean } {
  if (error instanceof HttpError) return { status: error.status, body: errorBody(error.code, error.message, error.errors), headers: error.headers, bug: false };
  if (isPlacementError(error)) {
    if (error.code === 'too-large') return { status: 422, body: errorBody('answer-too-large', error.message, error.errors), headers: {}, bug: false };
    return { status: error.code === 'not-found' ? 404 : 400, body: errorBody(error.code, error.message, error.errors), headers: {}, bug: false };
  }
  // Fastify's client errors carry a 4xx statusCode (FST_ERR_CTP_BODY_TOO_LARGE, FST_ERR_CTP_INVALID_MEDIA_TYPE, ...).
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const shown = status === 415 ? 'request bodies must be JSON (Content-Type: application/json)' : message;
    return { status, body: errorBody(codeByStatus.get(status) ?? `http-${status}`, shown), headers: {}, bug: false };
  }
  return { status: 500, body: errorBody('internal', `internal error: ${message}; this is a bug in placement`), headers: {}, bug: true };
}
