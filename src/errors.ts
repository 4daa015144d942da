/**
 * Errors as the Kubernetes API server reports them: a field path, an error type, the bad value
 * and a detail, printed `path: Type: "value": detail` (apimachinery `field.Error.Error()`).
 * Bad values are echoed within a budget: an error line never repeats megabytes of input.
 */
import { limits } from './model/limits.js';


/** The error types of apimachinery's `field.ErrorType`, as they print. */
export type FieldErrorType =
  | 'Invalid value'
  | 'Required value'
  | 'Forbidden'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Not found'
  | 'Too long'
  | 'Too many';

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

/** Types that print without their bad value, as `field.Error.ErrorBody()` does (v1.35: `Too long` too). */
const valueless: ReadonlySet<FieldErrorType> = new Set(['Required value', 'Forbidden', 'Too long']);

/**
 * A number as text that never invents digits: integers beyond 2^53 print in exponent form
 * (`1.8446744073709552e+19`, as Go's `%v` prints that float64), not as `18446744073709552000`.
 */
function formatNumber(value: number): string {
  return Number.isInteger(value) && !Number.isSafeInteger(value) ? value.toExponential() : String(value);
}

/** Deepest level of a value rendered in an error line; deeper objects and arrays print as `{...}` / `[...]`. */
const renderDepth = 8;

/**
 * JSON text of a value, stopping once `budget` characters are written and below {@link renderDepth}
 * levels: bounded in time, output and stack, whatever the value (a 5,000-level label value, 2 MB strings).
 */
function boundedJson(value: unknown, budget: number): string {
  let out = '';
  const write = (text: string): boolean => {
    out += text.length > budget - out.length ? text.slice(0, Math.max(0, budget - out.length + 1)) : text;
    return out.length <= budget;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') return write('null');
    if (typeof v === 'string') return write(JSON.stringify(v.length > budget ? v.slice(0, budget) : v));
    if (typeof v === 'number') return write(Number.isFinite(v) ? formatNumber(v) : 'null');
    if (typeof v === 'boolean' || typeof v === 'bigint') return write(String(v));
    const isArray = Array.isArray(v);
    if (depth >= renderDepth) return write(isArray ? '[...]' : '{...}');
    if (!write(isArray ? '[' : '{')) return false;
    const keys = isArray ? [] : Object.keys(v as object);
    const count = isArray ? (v as unknown[]).length : keys.length;
    for (let i = 0; i < count; i++) {
      if (i > 0 && !write(',')) return false;
      if (isArray) {
        if (!walk((v as unknown[])[i], depth + 1)) return false;
      } else {
        const key = keys[i]!;
        if (!write(`${JSON.stringify(key.length > budget ? key.slice(0, budget) : key)}:`)) return false;
        if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
      }
    }
    return write(isArray ? ']' : '}');
  };
  return walk(value, 0) ? out : `${out.slice(0, budget)}... (truncated)`;
}

/**
 * Formats a bad value the way Go's field errors do: strings quoted, numbers and booleans bare, the
 * rest as JSON; anything longer than `badValueCharacters` is cut, ending `... (truncated)`.
 */
export function formatBadValue(value: unknown): string {
  const budget = limits.badValueCharacters.value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    if (value.length <= budget) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, budget))}... (truncated, ${value.length} characters)`;
  }
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return boundedJson(value, budget);
}

/** `text` cut to `max` characters, saying so: paths and details can hold user keys and values. */
function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}... (truncated)` : text;
}

/** `path: Type: value: detail`, exactly as kubectl prints an API server's field error; every part bounded. */
export function formatFieldError(error: FieldError): string {
  const budget = limits.badValueCharacters.value;
  let body: string = error.type;
  if (!valueless.has(error.type) && 'badValue' in error) body += `: ${formatBadValue(error.badValue)}`;
  if (error.detail) body += `: ${bounded(error.detail, budget * 4)}`;
  const line = `${bounded(error.path, budget * 2)}: ${body}`;
  return error.file ? `${bounded(error.file, budget * 2)}: ${line}` : line;
}

/** apimachinery `field.TooMany`: `path: Too many: 1000: must have at most 100 items`. */
export function tooMany(path: string, actual: number, max: number): FieldError {
  return { path, type: 'Too many', badValue: actual, detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}` };
}

/** apimachinery `field.TooLong` (v1.35): `path: Too long: may not be more than 64 bytes`, the value omitted. */
export function tooLong(path: string, max: number): FieldError {
  return { path, type: 'Too long', detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` };
}

/** Codes of {@link PlacementError}: what kind of input was wrong. */
export type PlacementErrorCode = 'invalid' | 'unreadable' | 'unparsable' | 'unsupported-kind' | 'usage' | 'unschedulable-error' | 'not-found' | 'too-large';

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
