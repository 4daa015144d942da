import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPlacementError } from '../errors.js';
import { fixtureNodes, nodeFromObject } from '../testing/placement-fixtures.js';
import { hasBit } from '../node-index/bitset.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import type { JsonObject } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import { policyRejections } from '../testing/policy-rejections.js';
import { createEngine } from './engine.js';
import { loadPolicies } from './load-policies.js';

const shipped = fileURLToPath(new URL('../../rules/policies', import.meta.url));
const policies = loadPolicies(shipped);
const nodes = fixtureNodes();

function workload(kind: string, namespace: string, labels: Record<string, string> = {}): Workload {
  const podSpec = { metadata: {}, spec: { containers: [] } };
  const spec = kind === 'CronJob' ? { jobTemplate: { spec: { template: podSpec } } } : { template: podSpec };
  const decoded = decodeWorkload({ kind, metadata: { name: 'w', namespace, labels }, spec } as JsonObject);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.workload;
}

test('the shipped policies load, in file-name order, with label rules for the label-only ones', () => {
  assert.equal(policies.map((p) => p.name), ['gpu-workloads-on-gpu-nodes', 'no-batch-on-pressured-nodes', 'team-a-on-team-a-pool', 'team-b-on-team-b-pool']);
  assert.equal(policies.map((p) => p.labelRule !== undefined), [false, false, true, true]);
  assert.equal(policies[2]?.labelRule, { in: { key: 'example.com/team', values: ['team-a'] } });
  assert.match(policies[0]!.source, /gpu-workloads-on-gpu-nodes\.yaml$/);
});

test('GPU policy on the real nodes: ml-* namespaces and gpu-labelled workloads keep only nodes with allocatable GPUs', () => {
  const gpuNodes = ['ip-172-31-21-92', 'nori'];
  const others = nodes.map((n) => n.name).filter((n) => !gpuNodes.includes(n));
  for (const w of [workload('Deployment', 'ml-train'), workload('StatefulSet', 'default', { 'example.com/gpu': 'true' })]) {
    const rejected = policyRejections(policies, w, nodes);
    assert.equal([...rejected.keys()], others);
    assert.equal(rejected.get(others[0]!), ['node has no allocatable nvidia.com/gpu']);
  }
  assert.equal(policyRejections(policies, workload('Deployment', 'web'), nodes).size, 0);
});

test('the engine answer minus policy rejections: a few lines for the integration', () => {
  const engine = createEngine({ nodes });
  const w = workload('Deployment', 'ml-train');
  const rejected = policyRejections(policies, w, engine.nodes);
  const eligible = engine.eligible(w).eligible.filter((name) => !rejected.has(name));
  assert.equal(eligible, ['ip-172-31-21-92', 'nori']);
});

test('batch policy: Jobs and CronJobs avoid nodes under memory or disk pressure; Deployments do not care', () => {
  const condition = (type: string, status: string): JsonObject => ({ type, status });
  const pressured = [
    nodeFromObject({ metadata: { name: 'mem' }, status: { conditions: [condition('Ready', 'True'), condition('MemoryPressure', 'True')] } }),
    nodeFromObject({ metadata: { name: 'disk' }, status: { conditions: [condition('DiskPressure', 'True')] } }),
    nodeFromObject({ metadata: { name: 'fine' }, status: { conditions: [condition('MemoryPressure', 'False'), condition('DiskPressure', 'Unknown')] } }),
    nodeFromObject({ metadata: { name: 'pid' }, status: { conditions: [condition('PIDPressure', 'True')] } }),
  ];
  for (const kind of ['Job', 'CronJob']) {
    const rejected = policyRejections(policies, workload(kind, 'batch'), pressured);
    assert.equal([...rejected], [['mem', ['node reports MemoryPressure or DiskPressure']], ['disk', ['node reports MemoryPressure or DiskPressure']]], kind);
  }
  assert.equal(policyRejections(policies, workload('Deployment', 'batch'), pressured).size, 0);
});

test('team policy: its label rule on the node index agrees with the JSON Logic on every node', () => {
  const teamNodes = [
    ...nodes,
    nodeFromObject({ metadata: { name: 'a1', labels: { 'example.com/team': 'team-a' } } }),
    nodeFromObject({ metadata: { name: 'b1', labels: { 'example.com/team': 'team-b' } } }),
  ];
  const index = buildNodeIndex(teamNodes);
  const evaluator = new RuleEvaluator(index);
  for (const policy of policies.filter((p) => p.labelRule)) {
    const out = new Uint32Array(index.words);
    evaluator.evalInto(policy.labelRule!, out);
    assert.equal(teamNodes.map((_, id) => hasBit(out, id)), teamNodes.map((n) => evaluatePolicy(policy, n)), policy.name);
  }
  assert.equal([...policyRejections(policies, workload('Deployment', 'team-a'), teamNodes).keys()].includes('a1'), false);
  assert.equal(policyRejections(policies, workload('Deployment', 'team-a'), teamNodes).size, teamNodes.length - 1);
});

test('a bad policy file: one line per problem, naming the file and the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'placement-policies-'));
  try {
    writeFileSync(join(dir, 'x.yaml'), 'apiVersion: placement/v1\nkind: PlacementPolicy\nmetadata: {name: x}\nspec:\n  reason: r\n  fields: {gpus: "$[?(process.exit(1))]"}\n');
    loadPolicies(dir);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error), String(error));
    const file = join(dir, 'x.yaml');
    assert.equal(error.lines().map((l) => l.replace(/: unexpected "?".*/, '')), [`${file}: spec.fields.gpus: Invalid value: "$[?(process.exit(1))]"`, `${file}: spec.condition: Required value`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
