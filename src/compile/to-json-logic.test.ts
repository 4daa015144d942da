import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { createEngine } from '../api/engine.js';
import { nodesFromSources, workloadsFromSources } from '../api/inputs.js';
import { listManifestFiles, readSources } from '../api/read-sources.js';
import { evaluateJsonLogic } from '../eval/json-logic.js';
import { nodeFacts } from '../eval/node-facts.js';
import { fixturesDir, gatesOff, gatesOn, makeNode, makePod, required, rq, toleration } from '../testing/placement-fixtures.js';
import { hasBit } from '../node-index/bitset.js';
import { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import { generateCluster } from '../sample/generate-cluster.js';
import { compilePod } from './compile-pod.js';
import type { Rule } from './rule.js';
import { toJsonLogic } from './to-json-logic.js';

const noStdin = (): string => '';

/** A bare Pod workload around a pod spec. */
function podWorkload(spec: Parameters<typeof makePod>[0]): Workload {
  return { kind: 'Pod', name: 'p', namespace: 'default', labels: new Map(), specPath: 'spec.', pod: makePod(spec), raw: {} };
}
const inputOptions = { validate: true, featureGates: defaultFeatureGates };

/** Nodes the JSON Logic of `w` admits, in node order. */
function admittedByJsonLogic(workload: Workload, engine: ReturnType<typeof createEngine>, nodes: readonly Node[]): string[] {
  const logic = toJsonLogic(engine.compile(workload));
  return nodes.filter((n) => evaluateJsonLogic(logic, nodeFacts(n))).map((n) => n.name);
}

function fixtureWorkloads(): Workload[] {
  const files = [...listManifestFiles(join(fixturesDir, 'workloads')), ...listManifestFiles(join(fixturesDir, 'daemonsets'))];
  return files.flatMap((file) => workloadsFromSources(readSources(file, noStdin), inputOptions));
}

test('every real workload: the JSON Logic admits exactly the nodes the engine finds eligible (real nodes)', () => {
  const nodes = nodesFromSources(readSources(join(fixturesDir, 'nodes'), noStdin), inputOptions);
  const engine = createEngine({ nodes });
  const workloads = fixtureWorkloads();
  assert.ok(workloads.length >= 30, `expected the 30 fixture workloads, got ${workloads.length}`);
  let eligibleSomewhere = 0;
  for (const w of workloads) {
    const expected = engine.eligible(w).eligible;
    if (expected.length > 0) eligibleSomewhere += 1;
    assert.equal(admittedByJsonLogic(w, engine, nodes), expected, `${w.kind}/${w.name}`);
  }
  assert.ok(eligibleSomewhere > 0 && eligibleSomewhere < workloads.length, 'the fixtures should both admit and reject');
});

test('every real workload on a generated 600-node fleet (taints, cordons, GPU and Windows pools)', () => {
  const sources = generateCluster({ nodes: 600, seed: 7 }).map((object) => ({ object, file: 'generated' }));
  const nodes = nodesFromSources(sources, inputOptions);
  const engine = createEngine({ nodes });
  for (const w of fixtureWorkloads()) {
    assert.equal(admittedByJsonLogic(w, engine, nodes), engine.eligible(w).eligible, `${w.kind}/${w.name}`);
  }
});

/** Nodes that exercise every rule variant's edge: nameless, cordoned, numeric labels, every taint effect. */
const variantNodes: Node[] = [
  makeNode({ name: 'a', labels: { zone: 'z1', n: '0204', e: '' } }),
  makeNode({ name: 'b', labels: JSON.parse('{"zone": "z2", "n": "-5", "__proto__": "y"}') as Record<string, string>, unschedulable: true }),
  makeNode({ name: '', labels: { zone: 'z1', n: '9223372036854775807' } }),
  makeNode({ name: 'c', labels: { n: '9223372036854775808' }, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }),
  makeNode({ name: 'd', labels: { n: '+3', zone: 'z3' }, taints: [{ key: 'level', value: '7', effect: 'NoExecute' }, { key: 'soft', effect: 'PreferNoSchedule' }] }),
  makeNode({ name: 'e', labels: { n: 'abc', constructor: 'x' }, taints: [{ key: 'level', value: '2', effect: 'NoSchedule' }] }),
];

const variantRules: Rule[] = [
  { const: true },
  { const: false },
  { or: [] },
  { in: { key: 'zone', values: ['z1'] } },
  { in: { key: 'zone', values: ['z1', 'z3'] } },
  { in: { key: 'zone', values: [] } },
  { notIn: { key: 'zone', values: ['z1'] } },
  { notIn: { key: 'zone', values: [] } },
  { exists: 'e' },
  { exists: 'constructor' },
  { doesNotExist: '__proto__' },
  { in: { key: '__proto__', values: ['y'] } },
  { doesNotExist: 'zone' },
  { range: { key: 'n', min: '4' } },
  { range: { key: 'n', max: '203' } },
  { range: { key: 'n', min: '-5', max: '204' } },
  { range: { key: 'n', min: '9223372036854775807' } },
  { range: { key: 'n' } },
  { nameIn: [] },
  { nameIn: ['a', 'c'] },
  { nameNotIn: ['a'] },
  { nameNotIn: [''] },
  { nodeName: 'b' },
  { schedulable: true },
  { tolerates: { tolerations: [], comparisonOperators: false } },
  { tolerates: { tolerations: [toleration({ key: 'gpu', operator: 'Exists' })], comparisonOperators: false } },
  { tolerates: { tolerations: [toleration({ key: 'level', operator: 'Gt', value: '5' })], comparisonOperators: true } },
  { tolerates: { tolerations: [toleration({ key: 'level', operator: 'Gt', value: '1' })], comparisonOperators: false } },
  { tolerates: { tolerations: [toleration({ operator: 'Exists', effect: 'NoSchedule' })], comparisonOperators: false } },
  { and: [{ exists: 'zone' }, { or: [{ nameIn: ['b'] }, { notIn: { key: 'zone', values: ['z1'] } }] }] },
];

test('every Rule variant: JSON Logic agrees with the indexed rule evaluator, node by node', () => {
  const index = buildNodeIndex(variantNodes);
  const evaluator = new RuleEvaluator(index);
  for (const rule of variantRules) {
    const out = new Uint32Array(index.words);
    evaluator.evalInto(rule, out);
    const expected = variantNodes.map((_, id) => hasBit(out, id));
    const logic = toJsonLogic(rule);
    const actual = variantNodes.map((n) => evaluateJsonLogic(logic, nodeFacts(n)));
    assert.equal(actual, expected, JSON.stringify(rule));
  }
});

test('and/or of nothing (never built by the compiler): true and false, though JSON Logic finds them falsy', () => {
  const facts = nodeFacts(variantNodes[0]!);
  assert.is(evaluateJsonLogic(toJsonLogic({ and: [] }), facts), true);
  assert.is(evaluateJsonLogic(toJsonLogic({ or: [] }), facts), false);
});

test('shapes: standard operators where exact, custom ones where not', () => {
  assert.equal(toJsonLogic({ in: { key: 'topology.kubernetes.io/zone', values: ['a'] } }), { '==': [{ label: ['topology.kubernetes.io/zone'] }, 'a'] });
  assert.equal(toJsonLogic({ notIn: { key: 'k', values: ['a', 'b'] } }), { '!': [{ in: [{ label: ['k'] }, ['a', 'b']] }] });
  assert.equal(toJsonLogic({ range: { key: 'k', min: '6' } }), { int64InRange: [{ label: ['k'] }, '6', null] });
  assert.equal(toJsonLogic({ tolerates: { tolerations: [toleration({ key: 'k', operator: 'Exists' })], comparisonOperators: false } }), {
    tolerated: [[{ key: 'k', operator: 'Exists', value: '', effect: '' }]],
  });
  assert.equal(JSON.parse(JSON.stringify(toJsonLogic({ schedulable: true }))), { schedulable: [] });
});

test('a whole compiled pod: and of the four plugins, then the PreFilter name check', () => {
  const plain = compilePod(makePod({ nodeSelector: { zone: 'z1' } }), gatesOff);
  assert.equal(toJsonLogic(plain), { and: [{ schedulable: [] }, true, { tolerated: [[]] }, { '==': [{ label: ['zone'] }, 'z1'] }] });
  const pinnedSpec = required([{ matchFields: [rq('metadata.name', 'In', ['a'])] }, { matchFields: [rq('metadata.name', 'In', ['b'])] }]);
  const logic = toJsonLogic(compilePod(makePod(pinnedSpec), gatesOff));
  // `nameIn` lets the nameless node through; the PreFilter does not, as kube-scheduler's PreFilterResult.
  const admitted = variantNodes.filter((n) => evaluateJsonLogic(logic, nodeFacts(n))).map((n) => n.name);
  assert.equal(admitted, ['a']);
  const engine = createEngine({ nodes: variantNodes });
  assert.equal(engine.eligible(podWorkload(pinnedSpec)).eligible, admitted);
});

test('a PreFilter conflict is false; gates are carried into tolerated', () => {
  const conflict = compilePod(makePod(required([{ matchFields: [rq('metadata.name', 'In', ['a']), rq('metadata.name', 'In', ['b'])] }])), gatesOff);
  assert.is(toJsonLogic(conflict), false);
  const spec = { tolerations: [{ key: 'level', operator: 'Gt', value: '5', effect: 'NoExecute' }] };
  const gt = compilePod(makePod(spec), gatesOn);
  const admitted = variantNodes.filter((n) => evaluateJsonLogic(toJsonLogic(gt), nodeFacts(n))).map((n) => n.name);
  const engine = createEngine({ nodes: variantNodes, featureGates: gatesOn });
  assert.equal(admitted, engine.eligible(podWorkload(spec)).eligible);
  assert.ok(admitted.includes('d'), 'level=7 > 5 is tolerated with the gate on');
});

test.run();
