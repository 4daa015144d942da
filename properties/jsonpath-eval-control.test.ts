/**
 * The control for src/policy/json-path.test.ts: the jsonpath-plus RCE payload refused there really
 * runs when the library's eval is enabled, so that test's "no flag was set" proves something.
 * It lives outside src/ on purpose: nothing in src/, tests included, calls jsonpath-plus with eval on.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSONPath } from 'jsonpath-plus';

const flags = globalThis as unknown as Record<string, unknown>;

test('control: the payload is live: jsonpath-plus with native eval runs it', () => {
  delete flags['__placementControl'];
  JSONPath({ path: "$..[?(@.constructor.constructor('globalThis.__placementControl = true')())]", json: { a: { b: 1 } }, eval: 'native' });
  assert.is(flags['__placementControl'], true, 'if this fails the payloads of src/policy/json-path.test.ts prove nothing');
  delete flags['__placementControl'];
});

test.run();
