/**
 * Errors as the Kubernetes API server reports them: a field path, an error type, the bad value
 * and a detail, printed `path: Type: "value": detail` (apimachinery `field.Error.Error()`).
 */

/** The error types of apimachinery's `field.ErrorType`, as they print. */
export type FieldErrorType =
  | 'Invalid value'
  | 'Required value'
  | 'Forbidden'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Not found';

/** One problem with one field of one input object. */
export interface FieldError {
  /** Dotted path from the object root, e.g. `spec.tolerations[1].operator`. */
  readonly path: string;
  readonly type: FieldErrorType;
  /** The offending value; omitted for types that print no value (Required, Forbidden). */
  readonly badValue?: unknown;
  readonly detail: string;
  /** The file (or `-` for stdin) the object came from, when known. */
  readonly file?: string;
}

/** Types that print without their bad value, as `field.Error.ErrorBody()` does. */
const valueless: ReadonlySet<FieldErrorType> = new Set(['Required value', 'Forbidden']);

/** Formats a bad value the way Go's field errors do: strings quoted, numbers and booleans bare, the rest as JSON. */
export function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** `path: Type: value: detail`, exactly as kubectl prints an API server's field error. */
export function formatFieldError(error: FieldError): string {
  let body: string = error.type;
  if (!valueless.has(error.type) && 'badValue' in error) body += `: ${formatBadValue(error.badValue)}`;
  if (error.detail) body += `: ${error.detail}`;
  const line = `${error.path}: ${body}`;
  return error.file ? `${error.file}: ${line}` : line;
}

/** Codes of {@link PlacementError}: what kind of input was wrong. */
export type PlacementErrorCode = 'invalid' | 'unreadable' | 'unparsable' | 'unsupported-kind' | 'usage' | 'unschedulable-error' | 'not-found';

/**
 * The one error class of the engine: bad input, never a bug. It carries every field problem found,
 * so a caller can print them all (the CLI exits 2, the server answers 4xx).
 */
export class PlacementError extends Error {
  readonly code: PlacementErrorCode;
  readonly errors: readonly FieldError[];

  constructor(code: PlacementErrorCode, message: string, errors: readonly FieldError[] = []) {
    super(message);
    this.name = 'PlacementError';
    this.code = code;
    this.errors = errors;
  }

  /** One line per problem: the field errors when there are any, else the message. */
  lines(): string[] {
    return this.errors.length > 0 ? this.errors.map(formatFieldError) : [this.message];
  }
}

/** Narrows an unknown thrown value to a {@link PlacementError}. */
export function isPlacementError(value: unknown): value is PlacementError {
  return value instanceof PlacementError;
}
