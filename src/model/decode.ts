/**
 * Typed reads from untrusted JSON with field paths. A wrong type is what the API server's decoder
 * would reject before any validation runs, so it is always an error, even with `--no-validate`.
 * Absent and `null` read as Go's zero value, as `json.Unmarshal` does.
 */
import type { FieldError } from '../errors.js';

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

  private wrongType(path: string, value: unknown, expected: string): void {
    this.errors.push({ path, type: 'Invalid value', badValue: value, detail: `must be ${expected}, not ${typeName(value)}` });
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

  /** An integer field (Go int32/int64); `undefined` when absent. */
  integer(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    this.wrongType(path, value, 'an integer');
    return undefined;
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
   * is one empty toleration, which validation then reports.
   */
  list<T>(value: unknown, path: string, decode: (item: JsonObject, itemPath: string) => T): T[] {
    const out: T[] = [];
    this.array(value, path).forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const object = item === null ? {} : this.object(item, itemPath);
      if (object) out.push(decode(object, itemPath));
    });
    return out;
  }

  stringList(value: unknown, path: string): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }

  /** A `map[string]string` (labels, nodeSelector); `undefined` when absent. Keys go into a `Map`. */
  stringMap(value: unknown, path: string): Map<string, string> | undefined {
    const object = this.object(value, path);
    if (!object) return undefined;
    const out = new Map<string, string>();
    for (const [key, item] of Object.entries(object)) out.set(key, this.string(item, `${path}[${key}]`));
    return out;
  }
}
