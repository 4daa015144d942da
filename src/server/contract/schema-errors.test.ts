/** ajv's errors as the API server's field errors (see schema-errors.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorObject } from 'ajv';
import { formatFieldError } from '../../errors.js';
import { HttpError } from '../http-error.js';
import { fieldErrorOf, fieldPath, schemaError } from './schema-errors.js';

const ajvError = (fields: Partial<ErrorObject>): ErrorObject => ({ instancePath: '', schemaPath: '#', keyword: 'type', params: {}, message: 'AJV TEXT', ...fields }) as ErrorObject;

test('JSON Pointers become field paths: indexes in brackets, map keys that are not names too', () => {
  assert.is(fieldPath(''), '');
  assert.is(fieldPath('/pods/2/metadata'), 'pods[2].metadata');
  assert.is(fieldPath('/changes/0/setLabels/example.com~1zone'), 'changes[0].setLabels[example.com/zone]');
  assert.is(fieldPath('/a~0b'), '[a~b]');
  assert.is(fieldPath('/changes/1', 'node'), 'changes[1].node');
  assert.is(fieldPath('/__proto__'), '__proto__');
});

test("each keyword in the API server's words, never ajv's", () => {
  const line = (e: Partial<ErrorObject>) => formatFieldError(fieldErrorOf(ajvError(e)));
  assert.is(line({ instancePath: '/now', keyword: 'type', params: { type: 'string,null' }, data: 5 }), 'now: Invalid value: 5: must be a string, not number');
  assert.is(line({ instancePath: '/x', keyword: 'type', params: { type: 'number,string' }, data: true }), 'x: Invalid value: true: must be a number or a string, not boolean');
  assert.is(line({ instancePath: '/x', keyword: 'type', params: { type: 'number' }, data: 'a', parentSchema: { 'x-expected': 'seconds' } }), 'x: Invalid value: "a": must be seconds, not string');
  assert.is(line({ instancePath: '/changes/0', keyword: 'required', params: { missingProperty: 'node' } }), 'changes[0].node: Required value');
  assert.is(line({ keyword: 'additionalProperties', params: { additionalProperty: 'podz' }, parentSchema: { properties: { pod: {}, pods: {} } } }), 'podz: Forbidden: unknown field; supported fields: pod, pods');
  assert.is(line({ instancePath: '/explain', keyword: 'enum', params: { allowedValues: ['a', 'b'] }, data: 'c' }), 'explain: Unsupported value: "c": supported values: "a", "b"');
  assert.is(line({ instancePath: '/pods', keyword: 'maxItems', params: { limit: 2 }, data: [1, 2, 3] }), 'pods: Too many: 3: must have at most 2 items');
  assert.is(line({ instancePath: '/name', keyword: 'maxLength', params: { limit: 512 }, data: 'x' }), 'name: Too long: may not be more than 512 characters');
  assert.is(line({ instancePath: '/n', keyword: 'minimum', params: { limit: 0, comparison: '>=' }, data: -1 }), 'n: Invalid value: -1: must be at least 0');
  assert.not.match(line({ instancePath: '/x', keyword: 'pattern', params: { pattern: '^a$' }, data: 'b' }), /AJV TEXT/);
});

test('a batch over its limit is a 413 too-many; a body that is no object says so', () => {
  const over = schemaError([ajvError({ instancePath: '/pods', keyword: 'maxItems', params: { limit: 2 }, data: [1, 2, 3] })], 'body');
  assert.ok(over instanceof HttpError);
  assert.equal([(over as HttpError).status, (over as HttpError).code, over.message], [413, 'too-many', 'pods: at most 2 items per request, not 3; send several requests']);
  assert.is(schemaError([ajvError({ keyword: 'type', params: { type: 'object' }, data: [] })], 'body').message, 'request body must be a JSON object, not array');
  assert.is(schemaError([ajvError({ instancePath: '/explain', keyword: 'enum', params: { allowedValues: ['a'] }, data: 'b' })], 'querystring').message, 'invalid query');
});

test.run();
