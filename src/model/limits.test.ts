/**
 * The limits table: one source of truth (src/model/limits.ts), rendered into the README, with
 * Kubernetes' own values where it has them (apimachinery validation, v1.35). That the limits are
 * generous for real workloads is src/api/limits-fixtures.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { limits, renderLimitsTable } from './limits.js';

const readme = fileURLToPath(new URL('../../README.md', import.meta.url));

test('the README\'s Limits table is the one rendered from src/model/limits.ts', () => {
  const text = readFileSync(readme, 'utf8');
  const between = /<!-- limits:begin -->\n([\s\S]*?)\n<!-- limits:end -->/.exec(text)?.[1];
  const expected = renderLimitsTable();
  assert.is(between, expected, `README.md's table is stale; replace the lines between the limits markers with:\n${expected}`);
});

test('Kubernetes\' own limits: apimachinery IsDNS1123Subdomain 253, IsDNS1123Label 63, IsQualifiedName 63/253, IsValidLabelValue 63, TotalAnnotationSizeLimitB 256 KiB', () => {
  assert.equal(
    [limits.nameCharacters.value, limits.namespaceCharacters.value, limits.labelKeyNameBytes.value, limits.labelKeyPrefixBytes.value, limits.labelValueBytes.value, limits.annotationBytes.value],
    [253, 63, 63, 253, 63, 262144],
  );
  for (const limit of [limits.nameCharacters, limits.labelValueBytes, limits.annotationBytes]) {
    assert.is(limit.enforced, 'validation');
    assert.match(limit.source, /^Kubernetes: /);
  }
});

test('limits are frozen', () => {
  assert.ok(Object.isFrozen(limits));
  assert.throws(() => {
    (limits as unknown as Record<string, unknown>)['nodes'] = {};
  });
});

test.run();
