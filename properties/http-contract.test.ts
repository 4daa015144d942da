/**
 * The HTTP API tested as a client generated from its contract would use it: requests built from
 * every route's request schemas (properties/schema-arbitrary.ts: every property present or not,
 * every enum value, batches one past their limit, now and then any JSON value in a field's place),
 * Kubernetes objects from the shared arbitraries. Every answer must be declared by the route's
 * contract for its status and validate against that schema (the answer's or the error envelope's),
 * and none is a 5xx. The requests change the server's state (node sets, registered workloads) as
 * they go, so later questions meet whatever earlier ones left.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { AnswerChecker } from '../src/server/contract/check-answer.js';
import { routeContracts } from '../src/server/contract/contracts.js';
import type { RouteContract } from '../src/server/contract/route-contract.js';
import { createPlacementServer, type PlacementServer } from '../src/server/server.js';
import { realNodeList } from '../src/testing/test-server.js';
import { daemonSetObjectArb, labelKeys, nodeNames, nodeObjectArb, podObjectArb } from './arbitraries.js';
import { schemaArb, type SchemaArbOptions } from './schema-arbitrary.js';
import { daemonPodArb, workloadObjectArb } from './server-fuzz-bodies.js';
import { checkAsync, expect } from './support.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let server: PlacementServer;
let checker: AnswerChecker;
let contracts: RouteContract[];

test.before(async () => {
  // A small batch limit: one past it is a cheap request.
  server = await createPlacementServer({ maxBatchItems: 3, onInternalError: (error) => { throw error; } });
  contracts = routeContracts(server.budgets);
  checker = new AnswerChecker(contracts);
  const r = await server.app.inject({ method: 'PUT', url: '/v1/nodes', payload: realNodeList() });
  assert.is(r.statusCode, 200);
});
test.after(async () => {
  await server.close();
});

const names = fc.constantFrom(...nodeNames.slice(0, 12), 'minikube', 'kind-worker', '__proto__', 'constructor', 'x'.repeat(300));

const options: SchemaArbOptions = {
  kubernetesObject: (description) =>
    (/DaemonSet/.test(description) ? daemonSetObjectArb()
    : /a Node/.test(description) ? nodeObjectArb()
    : /Pod or ControllerRevision/.test(description) ? daemonPodArb
    : /pod being scheduled/.test(description) ? podObjectArb
    : workloadObjectArb) as fc.Arbitrary<Json>,
  strings: (property) => {
    switch (property) {
      case 'now': return fc.constantFrom('2026-01-02T15:04:05Z', '2026-02-30T00:00:00Z', 'yesterday', '');
      case 'name': case 'node': return names;
      case 'namespace': return fc.constantFrom('default', 'kube-system', '__proto__');
      case 'groupBy': return fc.constantFrom(...labelKeys, 'Bad Key');
      case 'pool': return fc.constantFrom('all', 'zone=a', 'nope');
      case 'readyAfterSeconds': case 'terminationSeconds': return fc.constantFrom('30s', '2m', '-5s', 'soon');
      default: return undefined;
    }
  },
};

/** A request for one route, built from its schemas. */
function requestArb(contract: RouteContract): fc.Arbitrary<{ method: string; url: string; body: Json | undefined }> {
  const params = contract.params ? schemaArb(contract.params, options) : fc.constant({});
  const query = contract.query ? schemaArb(contract.query, options) : fc.constant({});
  const body = contract.body ? fc.option(schemaArb(contract.body, options), { nil: undefined, freq: 10 }) : fc.constant(undefined);
  return fc.tuple(params, query, body).map(([p, q, b]) => {
    const values = (p !== null && typeof p === 'object' && !Array.isArray(p) ? p : {}) as Record<string, Json>;
    const path = contract.path.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(String(values[key] ?? 'x') || 'x'));
    const search = q !== null && typeof q === 'object' && !Array.isArray(q)
      ? new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString()
      : '';
    return { method: contract.method, url: search ? `${path}?${search}` : path, body: b };
  });
}

test('requests generated from the request schemas get answers their contracts declare', async (ctx) => {
  const arb = fc.constantFrom(...contracts).chain(requestArb);
  await checkAsync(ctx, fc.asyncProperty(arb, async ({ method, url, body }) => {
    const r = await server.app.inject({
      method: method as 'GET',
      url,
      ...(body !== undefined ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const what = `${method} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${r.statusCode} ${r.body.slice(0, 500)}`;
    expect(r.statusCode < 500 || (url === '/readyz' && r.statusCode === 503), `no 5xx: ${what}`);
    const json = (r.headers['content-type'] ?? '').toString().startsWith('application/json');
    const problems = checker.check(method, url, r.statusCode, json ? (JSON.parse(r.body) as unknown) : r.body);
    expect(problems.length === 0, `the answer keeps its contract: ${problems.join('; ')}: ${what}`);
  }), 0.4);
});

test.run();
