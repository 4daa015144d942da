import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError } from '../errors.js';
import { makeNode, nodeFromObject } from '../testing/placement-fixtures.js';
import type { JsonObject } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { appliesTo, matchesNamespace, podLabelsOf } from './applies-to.js';
import { applyJsonLogic } from '../eval/json-logic.js';
import { evaluatePolicy, policyFacts } from './evaluate-policy.js';
import { policyRejections } from '../testing/policy-rejections.js';
import { policiesFromSources } from './parse-policy.js';
import type { Policy } from './policy.js';

function workload(object: JsonObject): Workload {
  const decoded = decodeWorkload(object);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.workload;
}

function policy(name: string, spec: JsonObject): Policy {
  const [p] = policiesFromSources([{ object: { apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name }, spec }, file: `${name}.yaml` }]);
  return p!;
}

const template = (labels: Record<string, string>): JsonObject => ({ metadata: { labels }, spec: { containers: [] } });
const deployment = workload({ kind: 'Deployment', metadata: { name: 'd', namespace: 'ml-train', labels: { app: 'x' } }, spec: { template: template({ tier: 'gpu' }) } });
const cronJob = workload({ kind: 'CronJob', metadata: { name: 'c', namespace: 'batch' }, spec: { jobTemplate: { spec: { template: template({ tier: 'batch' }) } } } });
const pod = workload({ kind: 'Pod', metadata: { name: 'p', labels: { tier: 'web' } }, spec: {} });

test('namespace patterns: exact, or * for any run of characters; regex characters are literal', () => {
  assert.ok(matchesNamespace('ml-*', 'ml-train'));
  assert.ok(matchesNamespace('ml-*', 'ml-'));
  assert.not.ok(matchesNamespace('ml-*', 'xml-train'));
  assert.ok(matchesNamespace('*-prod', 'shop-prod'));
  assert.not.ok(matchesNamespace('a.c', 'abc'));
  assert.ok(matchesNamespace('default', 'default'));
});

test('pod template labels, wherever the kind keeps its template', () => {
  assert.equal(podLabelsOf(deployment), new Map([['tier', 'gpu']]));
  assert.equal(podLabelsOf(cronJob), new Map([['tier', 'batch']]));
  assert.equal(podLabelsOf(pod), new Map([['tier', 'web']]));
});

test('appliesTo: any selector; within one, every criterion', () => {
  const p = policy('sel', { appliesTo: [{ namespaces: ['ml-*'], kinds: ['Deployment'] }, { podLabels: { tier: 'web' } }], condition: true, reason: 'r' });
  assert.ok(appliesTo(p, deployment));
  assert.not.ok(appliesTo(p, cronJob));
  assert.ok(appliesTo(p, pod));
  const labelled = policy('lab', { appliesTo: { labels: { app: 'x' } }, condition: true, reason: 'r' });
  assert.ok(appliesTo(labelled, deployment));
  assert.not.ok(appliesTo(labelled, pod), 'labels are the workload\'s own, not its pod template\'s');
  assert.ok(appliesTo(policy('all', { condition: true, reason: 'r' }), cronJob), 'no appliesTo: every workload');
  assert.equal(pod.namespace, 'default');
  assert.ok(appliesTo(policy('ns', { appliesTo: { namespaces: ['default'] }, condition: true, reason: 'r' }), pod), 'no namespace reads as default');
});

const gpuNode = nodeFromObject({ metadata: { name: 'gpu', labels: { 'example.com/team': 'team-a' } }, status: { allocatable: { 'nvidia.com/gpu': '4' } } });
const cpuNode = nodeFromObject({ metadata: { name: 'cpu' }, status: { allocatable: { cpu: '8' } } });
const gpus = policy('gpus', { fields: { gpus: "$.status.allocatable['nvidia.com/gpu']" }, condition: { int64InRange: [{ var: 'fields.gpus' }, '1', null] }, reason: 'no GPU' });

test('fields: JSONPath values in the facts under fields.<alias>, beside the node facts', () => {
  const facts = policyFacts(gpus, gpuNode);
  assert.is(facts.fields?.['gpus'], '4');
  assert.is(facts.name, 'gpu');
  assert.is(facts.labels['example.com/team'], 'team-a');
  assert.is(policyFacts(gpus, cpuNode).fields?.['gpus'], null);
  assert.is(policyFacts(policy('plain', { condition: true, reason: 'r' }), gpuNode).fields, undefined);
  assert.ok(evaluatePolicy(gpus, gpuNode));
  assert.not.ok(evaluatePolicy(gpus, cpuNode));
});

test('applicable policies only (appliesTo), judged node by node with evaluatePolicy: reasons per node in policy order', () => {
  const team = policy('team', { appliesTo: { namespaces: ['ml-*'] }, condition: { '==': [{ label: ['example.com/team'] }, 'team-a'] }, reason: 'not the team-a pool' });
  const sameReason = policy('again', { condition: { hasLabel: ['example.com/team'] }, reason: 'not the team-a pool' });
  const batchOnly = policy('batch', { appliesTo: { kinds: ['Job', 'CronJob'] }, condition: false, reason: 'never' });
  const nameless = makeNode({ name: '' });
  const result = policyRejections([gpus, team, sameReason, batchOnly], deployment, [gpuNode, cpuNode, nameless]);
  assert.equal([...result], [
    ['cpu', ['no GPU', 'not the team-a pool']],
    ['', ['no GPU', 'not the team-a pool']],
  ]);
  assert.equal([...policyRejections([batchOnly], deployment, [gpuNode])], []);
  assert.equal([...policyRejections([batchOnly], cronJob, [gpuNode])], [['gpu', ['never']]]);
});

test('a condition that throws on some node is a PlacementError naming policy, node and path', () => {
  // Passes the load-time dry run (a nameless empty node), then throws on a named node.
  // On a node with GPUs, `int64` yields a BigInt, and `-` cannot mix it with a number.
  const gpuCount = "$.status.allocatable['nvidia.com/gpu']";
  const risky = policy('risky', { fields: { gpus: gpuCount }, condition: { '-': [{ int64: [{ var: 'fields.gpus' }] }, 1] }, reason: 'r' });
  try {
    evaluatePolicy(risky, gpuNode);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.match(error.lines()[0]!, /^risky\.yaml: spec\.condition: Invalid value: "gpu": policy "risky" fails on node "gpu": /);
  }
});

test('var reads own properties only when it runs: a computed path (refused at load anyway) reaches no prototype', () => {
  const facts = policyFacts(policy('plain', { condition: true, reason: 'r' }), gpuNode);
  assert.is(applyJsonLogic({ var: { cat: ['taints.constr', 'uctor.name'] } }, facts), null);
  assert.is(applyJsonLogic({ reduce: [[1], { var: { cat: ['constr', 'uctor.name'] } }, 0] }, facts), null);
  assert.equal(applyJsonLogic({ missing: [{ cat: ['name.to', 'String'] }] }, facts), ['name.toString']);
  // Own properties still read as json-logic-js reads them: array items and lengths, string lengths, defaults.
  assert.is(applyJsonLogic({ var: 'taints.length' }, facts), 0);
  assert.is(applyJsonLogic({ var: 'name.length' }, facts), 3);
  assert.is(applyJsonLogic({ var: ['labels.nope', 'fallback'] }, facts), 'fallback');
  assert.equal(applyJsonLogic({ var: '' }, facts), facts);
});

test.run();
