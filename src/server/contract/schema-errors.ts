/**
 * A request that fails its route's schema gets the envelope every other bad request gets: the
 * field's path as the API server prints it (`pods[2].metadata`, not ajv's `/pods/2/metadata`), the
 * API server's error types (`Invalid value`, `Required value`, `Too many`, ...), and our own
 * wording. ajv's messages never reach the client. A batch over its limit stays a 413 `too-many`.
 */
import type { ErrorObject } from 'ajv';
import { PlacementError, tooMany, type FieldError } from '../../errors.js';
import { HttpError } from '../http-error.js';

/** Which part of the request the schema was checking. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const typeWords: Readonly<Record<string, string>> = {
  object: 'an object', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', null: 'null',
};

/** `number,string,null` → `a number or a string` (null is how a client leaves a field out, not a form to ask for). */
function expectedTypes(type: unknown): string {
  const types = String(type).split(',');
  const shown = types.length > 1 ? types.filter((t) => t !== 'null') : types;
  return shown.map((t) => typeWords[t] ?? t).join(' or ');
}

/** A key as a path segment: `.name` for identifiers, `[key]` otherwise (as `field.Path.Key` prints map keys). */
function segment(key: string, first: boolean): string {
  if (/^\d+$/.test(key)) return `[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return first ? key : `.${key}`;
  return `[${key}]`;
}

/** ajv's JSON Pointer (`/pods/2/metadata`) → `pods[2].metadata`; `extra` appends one more key. */
export function fieldPath(pointer: string, extra?: string): string {
  const keys = pointer === '' ? [] : pointer.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) keys.push(extra);
  return keys.map((k, i) => segment(k, i === 0)).join('');
}

/** The field error for one ajv error. */
export function fieldErrorOf(error: ErrorObject): FieldError {
  const path = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const expected = (error.parentSchema as { 'x-expected'?: string } | undefined)?.['x-expected'] ?? expectedTypes(params['type']);
      return { path, type: 'Invalid value', badValue: error.data, detail: `must be ${expected}, not ${typeName(error.data)}` };
    }
    case 'required':
      return { path: fieldPath(error.instancePath, String(params['missingProperty'])), type: 'Required value', detail: '' };
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return { path: fieldPath(error.instancePath, String(params['additionalProperty'])), type: 'Forbidden', detail: `unknown field; supported fields: ${known.join(', ')}` };
    }
    case 'enum':
      return { path, type: 'Unsupported value', badValue: error.data, detail: `supported values: ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, type: 'Unsupported value', badValue: error.data, detail: `supported values: ${JSON.stringify(params['allowedValue'])}` };
    case 'maxItems':
      return tooMany(path, (error.data as unknown[]).length, Number(params['limit']));
    case 'maxProperties':
      return { path, type: 'Too many', badValue: Object.keys(error.data as object).length, detail: `must have at most ${String(params['limit'])} entries` };
    case 'maxLength':
      return { path, type: 'Too long', detail: `may not be more than ${String(params['limit'])} characters` };
    case 'minLength':
      return { path, type: 'Invalid value', badValue: error.data, detail: `must be at least ${String(params['limit'])} characters` };
    case 'minItems':
      return { path, type: 'Invalid value', badValue: error.data, detail: `must have at least ${String(params['limit'])} items` };
    case 'minimum':
    case 'maximum':
      return { path, type: 'Invalid value', badValue: error.data, detail: `must be ${params['comparison'] === '<=' ? 'at most' : 'at least'} ${String(params['limit'])}` };
    default:
      return { path, type: 'Invalid value', badValue: error.data, detail: `does not have the form the API describes (${error.keyword}); see GET /openapi.json` };
  }
}

/** The error thrown for a request that fails its schema (ajv stops at the first problem). */
export function schemaError(errors: readonly ErrorObject[], part: RequestPart): Error {
  const first = errors[0];
  if (!first) return new PlacementError('invalid', 'invalid request');
  if (part === 'body' && first.instancePath === '' && first.keyword === 'type') {
    return new PlacementError('invalid', `request body must be a JSON object, not ${typeName(first.data)}`);
  }
  const field = fieldErrorOf(first);
  if (first.keyword === 'maxItems') {
    const count = (first.data as unknown[]).length;
    return new HttpError(413, 'too-many', `${field.path}: at most ${String(first.params['limit'])} items per request, not ${count}; send several requests`, [field]);
  }
  return new PlacementError('invalid', part === 'querystring' ? 'invalid query' : 'invalid request', [field]);
}
