/**
 * The extender's decision over the nodes it is sent, without explanations: one reason per failed
 * node, the one kube-scheduler records (the framework's RunFilterPlugins stops at the first plugin
 * that fails; a node outside NodeAffinity's PreFilterResult gets the PreFilter's status), custom
 * policies after the filters.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { reasonAffinityConflict, reasonNodeAffinity, reasonPreFilterNodeAffinity, reasonUnschedulable, reasonUntoleratedTaint } from '../eval/filters.js';
import type { JsonObject } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { fixtureNodes, makeNode, required, rq } from '../testing/placement-fixtures.js';
import { createEngine, resolveEngineOptions } from './engine.js';
import { firstFailuresAmong } from './evaluate-nodes.js';
import { loadPolicies } from './load-policies.js';

function pod(spec: JsonObject, meta: JsonObject = {}): Workload {
  const decoded = decodeWorkload({ kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...meta }, spec } as JsonObject);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.workload;
}

const options = resolveEngineOptions();

test('RunFilterPlugins stops at the first failing plugin: NodeUnschedulable before TaintToleration before NodeAffinity', () => {
  const nodes = [
    makeNode({ name: 'cordoned-tainted-wrong-zone', unschedulable: true, taints: [{ key: 'k', effect: 'NoSchedule' }], labels: { zone: 'b' } }),
    makeNode({ name: 'tainted-wrong-zone', taints: [{ key: 'k', effect: 'NoSchedule' }], labels: { zone: 'b' } }),
    makeNode({ name: 'wrong-zone', labels: { zone: 'b' } }),
    makeNode({ name: 'fits', labels: { zone: 'a' } }),
  ];
  const result = firstFailuresAmong(pod({ nodeSelector: { zone: 'a' } }), nodes, options);
  assert.equal(result.passed.map((n) => n.name), ['fits']);
  assert.equal(
    [...result.failed],
    [
      ['cordoned-tainted-wrong-zone', reasonUnschedulable],
      ['tainted-wrong-zone', reasonUntoleratedTaint],
      ['wrong-zone', reasonNodeAffinity],
    ],
  );
});

test("NodeAffinity PreFilter: nodes outside the names every term pins get the PreFilter's status; conflicting names fail every node", () => {
  const nodes = [makeNode({ name: 'a', unschedulable: true }), makeNode({ name: 'b' }), makeNode({ name: 'c' })];
  const pinned = pod(required([{ matchFields: [rq('metadata.name', 'In', ['a'])] }, { matchFields: [rq('metadata.name', 'In', ['b'])] }]));
  const result = firstFailuresAmong(pinned, nodes, options);
  assert.equal([result.passed.map((n) => n.name), [...result.failed]], [['b'], [['a', reasonUnschedulable], ['c', reasonPreFilterNodeAffinity]]]);
  const conflict = pod(required([{ matchFields: [rq('metadata.name', 'In', ['a']), rq('metadata.name', 'In', ['b'])] }]));
  assert.equal([...firstFailuresAmong(conflict, nodes, options).failed.values()], [reasonAffinityConflict, reasonAffinityConflict, reasonAffinityConflict]);
});

test('a pod with 100 nodeSelector keys (the most allowed) gets one short reason per node, never a line per key', () => {
  const nodeSelector = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`example.com/k${i}`, 'v']));
  const nodes = fixtureNodes();
  const result = firstFailuresAmong(pod({ nodeSelector }), nodes, options);
  assert.is(result.passed.length, 0);
  assert.is(result.failed.size, nodes.length);
  for (const reason of result.failed.values()) assert.ok([reasonNodeAffinity, reasonUntoleratedTaint, reasonUnschedulable].includes(reason), reason);
  assert.ok([...result.failed.values()].includes(reasonNodeAffinity));
});

test('policies judge the nodes the filters pass; the first applicable policy that rejects gives the reason', () => {
  const policies = loadPolicies(fileURLToPath(new URL('../../rules/policies', import.meta.url)));
  const withPolicies = resolveEngineOptions({ policies });
  const nodes = fixtureNodes();
  const training = pod({}, { namespace: 'ml-train' });
  const result = firstFailuresAmong(training, nodes, withPolicies);
  const engine = createEngine({ nodes, policies });
  const full = engine.eligible(training);
  assert.equal(result.passed.map((n) => n.name), full.eligible);
  assert.equal(new Map(result.failed), new Map(full.ineligible.map((n) => [n.node, n.reasons[0]])));
  assert.ok([...result.failed.values()].includes('node has no allocatable nvidia.com/gpu'));
});

test.run();
