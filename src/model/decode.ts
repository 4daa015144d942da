/**
 * Typed reads from untrusted JSON with field paths. A wrong type is what the API server's decoder
 * would reject before any validation runs, so it is always an error, even with `--no-validate`.
 * Absent and `null` read as Go's zero value, as `json.Unmarshal` does.
 */
import { tooLong, tooMany, type FieldError } from '../errors.js';
import { limits } from './limits.js';
import { parseApiTime } from './time.js';

/** A JSON object (never an array, never null). */
export type JsonObject = Record<string, unknown>;

/** Is `value` a plain JSON object? */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property read: `__proto__` or `constructor` as a key never reaches the prototype. */
export function own(object: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Collects decode errors while reading fields; every read returns a usable zero value on error. */
export class Decoder {
  readonly errors: FieldError[] = [];

  private wrongType(path: string, value: unknown, expected: string): undefined {
    this.errors.push({ path, type: 'Invalid value', badValue: value, detail: `must be ${expected}, not ${typeName(value)}` });
    return undefined;
  }

  string(value: unknown, path: string): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    this.wrongType(path, value, 'a string');
    return '';
  }

  boolean(value: unknown, path: string): boolean {
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    this.wrongType(path, value, 'a boolean');
    return false;
  }

  /**
   * A Go `int32` field; `undefined` when absent. A fraction or a value out of range (`1e300`) is
   * what Go's JSON decoder refuses ("cannot unmarshal number ... of type int32").
   */
  int32(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number') return this.wrongType(path, value, 'an integer');
    if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) return value;
    this.errors.push({ path, type: 'Invalid value', badValue: value, detail: 'must be a whole number from -2147483648 to 2147483647 (Go int32)' });
    return undefined;
  }

  /**
   * A Go `int64` field; `undefined` when absent. Go's decoder refuses fractions and values beyond
   * ±2^63; beyond 2^53 − 1 a JSON number cannot be read exactly here, so placement refuses it too.
   */
  int64(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number') return this.wrongType(path, value, 'an integer');
    if (Number.isSafeInteger(value)) return value;
    const detail = Number.isInteger(value) && Math.abs(value) < 2 ** 63
      ? `must be from -${limits.exactIntegerMax.value} to ${limits.exactIntegerMax.value}: larger JSON numbers cannot be read exactly (placement limit exactIntegerMax)`
      : 'must be a whole number from -9223372036854775808 to 9223372036854775807 (Go int64)';
    this.errors.push({ path, type: 'Invalid value', badValue: value, detail });
    return undefined;
  }

  /**
   * A `metav1.Time` field: RFC 3339 text within what Go's `time.Parse` accepts (see model/time.ts);
   * `undefined` when absent. An impossible date (`2024-02-30`) is a decode error, as in Go.
   */
  time(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.wrongType(path, value, 'a string');
    const parsed = parseApiTime(value);
    if (parsed.ok) return value;
    this.errors.push({ path, type: 'Invalid value', badValue: value, detail: parsed.reason });
    return undefined;
  }

  /** A string of at most `maxBytes` UTF-8 bytes (a placement limit); longer is `Too long` and `''`. */
  boundedString(value: unknown, path: string, maxBytes: number): string {
    const text = this.string(value, path);
    if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
      this.errors.push(tooLong(path, maxBytes));
      return '';
    }
    return text;
  }

  /** Is the list within `max` items? Over it, a `Too many` error: the items are then not read at all. */
  private withinCount(count: number, path: string, max: number | undefined): boolean {
    if (max === undefined || count <= max) return true;
    this.errors.push(tooMany(path, count, max));
    return false;
  }

  object(value: unknown, path: string): JsonObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (isObject(value)) return value;
    this.wrongType(path, value, 'an object');
    return undefined;
  }

  array(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.wrongType(path, value, 'a list');
    return [];
  }

  /**
   * A list of objects, decoded one by one with their index in the path. A `null` item is Go's zero
   * value of the struct (as `json.Unmarshal` leaves it), not a missing item: `tolerations: [null]`
   * is one empty toleration, which validation then reports. More than `max` items is `Too many`.
   */
  list<T>(value: unknown, path: string, decode: (item: JsonObject, itemPath: string) => T, max?: number): T[] {
    const out: T[] = [];
    const items = this.array(value, path);
    if (!this.withinCount(items.length, path, max)) return out;
    items.forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const object = item === null ? {} : this.object(item, itemPath);
      if (object) out.push(decode(object, itemPath));
    });
    return out;
  }

  /** A list of strings; more than `max` items is `Too many`. */
  stringList(value: unknown, path: string, max?: number): string[] {
    const items = this.array(value, path);
    if (!this.withinCount(items.length, path, max)) return [];
    return items.map((item, i) => this.string(item, `${path}[${i}]`));
  }

  /** A `map[string]string` (labels, nodeSelector); `undefined` when absent. Keys go into a `Map`; more than `max` is `Too many`. */
  stringMap(value: unknown, path: string, max?: number): Map<string, string> | undefined {
    const object = this.object(value, path);
    if (!object) return undefined;
    const out = new Map<string, string>();
    const keys = Object.keys(object);
    if (!this.withinCount(keys.length, path, max)) return out;
    for (const key of keys) out.set(key, this.string(own(object, key), `${path}[${key}]`));
    return out;
  }
}
