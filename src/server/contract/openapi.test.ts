/** The committed docs/openapi.json is the document the contracts generate (the CI check of `npm run openapi`). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { limits } from '../../model/limits.js';
import { defaultServerBudgets } from '../budgets.js';
import { routeContracts } from './contracts.js';
import { openApiDocument, openApiPath, openApiText } from './openapi.js';

const committed = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

test('docs/openapi.json is current', () => {
  assert.ok(readFileSync(committed, 'utf8') === openApiText(), 'docs/openapi.json is stale: run `npm run openapi` and commit the result');
});

test('every operation: an id, a summary, its path parameters, JSON bodies, an error answer', () => {
  const doc = openApiDocument(routeContracts(defaultServerBudgets), defaultServerBudgets) as { paths: Record<string, Record<string, Record<string, any>>> };
  const ids = new Set<string>();
  for (const contract of routeContracts(defaultServerBudgets)) {
    const op = doc.paths[openApiPath(contract.path)]?.[contract.method.toLowerCase()];
    assert.ok(op, `${contract.method} ${contract.path}`);
    assert.ok(!ids.has(op!['operationId']), `operationId ${op!['operationId']} is unique`);
    ids.add(op!['operationId']);
    assert.ok(op!['summary']);
    const pathParams = [...contract.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    assert.equal((op!['parameters'] ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name), pathParams);
    assert.ok(op!['responses']['4XX'], `${contract.method} ${contract.path} answers errors in the envelope`);
    if (contract.body) assert.ok(op!['requestBody'].content['application/json'].schema);
  }
});

test('the limits are in the document: the budgets, and the input limits from src/model/limits.ts', () => {
  const doc = openApiDocument(routeContracts(defaultServerBudgets), defaultServerBudgets) as Record<string, any>;
  assert.equal(doc['x-placement-budgets'], { ...defaultServerBudgets });
  assert.equal(Object.keys(doc['x-placement-input-limits']), Object.keys(limits));
  assert.is(doc['x-placement-input-limits'].nodeSelectorEntries.value, limits.nodeSelectorEntries.value);
  assert.is(doc.paths['/v1/eligible'].post.requestBody.content['application/json'].schema.properties.pods.maxItems, defaultServerBudgets.maxBatchItems);
});

test.run();
