import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gatesOff, gatesOn, makePod, required, rq } from '../testing/placement-fixtures.js';
import type { JsonObject } from '../model/decode.js';
import { decodeWorkload } from '../model/workload.js';
import { compilePod } from './compile-pod.js';
import { ruleFalse, ruleTrue, type CompiledPod } from './rule.js';

// Upstream: the four filter plugins of the default profile (NodeUnschedulable, NodeName,
// TaintToleration, NodeAffinity) and NodeAffinity's PreFilter (pkg/scheduler/framework/plugins/
// nodeaffinity/node_affinity.go: union over terms of each term's `metadata.name In` intersection;
// an empty result is `pod affinity terms conflict`).

const terms = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
const noTolerations = { tolerates: { tolerations: [], comparisonOperators: false } };

function compile(spec: JsonObject): CompiledPod {
  return compilePod(makePod(spec), gatesOff);
}

/** A Deployment around a pod spec, compiled at its own spec path. */
function compileDeployment(spec: JsonObject): CompiledPod {
  const decoded = decodeWorkload({ kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec } } });
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  assert.is(decoded.workload.specPath, 'spec.template.spec.');
  return compilePod(decoded.workload.pod, gatesOff, decoded.workload.specPath);
}

test('an unconstrained pod: cordons and blocking taints still matter; no PreFilter, no warnings', () => {
  const compiled = compile({});
  assert.equal(compiled.filters, { NodeUnschedulable: { schedulable: true }, NodeName: ruleTrue, TaintToleration: noTolerations, NodeAffinity: ruleTrue });
  assert.is(compiled.preFilterNames, undefined);
  assert.is(compiled.preFilterConflict, undefined);
  assert.not.ok('preFilterNames' in compiled, 'absent, not undefined, so the key and JSON stay small');
  assert.equal(compiled.warnings, []);
});

test('nodeSelector only: the NodeAffinity rule is the selector; other filters unchanged', () => {
  const compiled = compile({ nodeSelector: { 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'm5.large' } });
  assert.equal(compiled.filters.NodeAffinity, {
    and: [{ in: { key: 'kubernetes.io/os', values: ['linux'] } }, { in: { key: 'node.kubernetes.io/instance-type', values: ['m5.large'] } }],
  });
  assert.equal(compiled.warnings, []);
});

test('nodeName: NodeName pins the node', () => {
  assert.equal(compile({ nodeName: 'n1' }).filters.NodeName, { nodeName: 'n1' });
});

test('tolerating the cordon and every taint: NodeUnschedulable and TaintToleration are const true', () => {
  const compiled = compile({ tolerations: [{ operator: 'Exists' }] });
  assert.is(compiled.filters.NodeUnschedulable, ruleTrue);
  assert.is(compiled.filters.TaintToleration, ruleTrue);
});

test('an empty term: NodeAffinity false, the term warning, and the pod-level "no node" warning', () => {
  const compiled = compile(required([{}]));
  assert.is(compiled.filters.NodeAffinity, ruleFalse);
  assert.equal(compiled.warnings, [
    { path: `${terms}[0]`, message: 'empty term: matches no node' },
    { path: 'spec', message: 'the pod can run on no node, whatever the cluster' },
  ]);
});

test('an invalid term next to a valid one: warned, the valid term decides', () => {
  const compiled = compile(required([{ matchExpressions: [rq('zone', 'in', ['a'])] }, { matchExpressions: [rq('zone', 'In', ['a'])] }]));
  assert.equal(compiled.filters.NodeAffinity, { in: { key: 'zone', values: ['a'] } });
  assert.equal(compiled.warnings, [{ path: `${terms}[0]`, message: 'invalid term, never matches: zone in [a]: operator "in" is not supported (supported: In, NotIn, Exists, DoesNotExist, Gt, Lt)' }]);
});

test('a term contradicting the nodeSelector: NodeAffinity false with both warnings', () => {
  const compiled = compile({ nodeSelector: { zone: 'a' }, ...required([{ matchExpressions: [rq('zone', 'NotIn', ['a'])] }]) });
  assert.is(compiled.filters.NodeAffinity, ruleFalse);
  assert.equal(compiled.warnings, [
    { path: `${terms}[0]`, message: 'can never match together with spec.nodeSelector: with the nodeSelector: no value satisfies every requirement on zone' },
    { path: 'spec', message: 'the pod can run on no node, whatever the cluster' },
  ]);
});

test('matchFields metadata.name In in every term: PreFilter names are the union, sorted', () => {
  const compiled = compile(required([{ matchFields: [rq('metadata.name', 'In', ['n2'])] }, { matchFields: [rq('metadata.name', 'In', ['n1'])] }]));
  assert.equal(compiled.preFilterNames, ['n1', 'n2']);
  assert.is(compiled.preFilterConflict, undefined);
  assert.equal(compiled.filters.NodeAffinity, { or: [{ nameIn: ['n1'] }, { nameIn: ['n2'] }] });
  assert.equal(compiled.warnings, []);
});

test('a term without a name pin lifts the PreFilter restriction', () => {
  const compiled = compile(required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }, { matchExpressions: [rq('zone', 'Exists')] }]));
  assert.is(compiled.preFilterNames, undefined);
});

test('conflicting name pins in the only term: PreFilter "pod affinity terms conflict", with warnings', () => {
  const compiled = compile(required([{ matchFields: [rq('metadata.name', 'In', ['n1']), rq('metadata.name', 'In', ['n2'])] }]));
  assert.equal(compiled.preFilterNames, []);
  assert.is(compiled.preFilterConflict, true);
  assert.equal(compiled.warnings, [
    { path: `${terms}[0]`, message: 'can never match a named node: metadata.name In two different names' },
    { path: 'spec.affinity.nodeAffinity', message: 'every term pins metadata.name and no name satisfies all: pod affinity terms conflict' },
  ]);
});

test('Deployment: every warning path starts at spec.template.spec.', () => {
  const compiled = compileDeployment({ nodeSelector: { zone: 'a' }, ...required([{}, { matchExpressions: [rq('zone', 'In', ['b'])] }]) });
  assert.equal(compiled.warnings, [
    { path: 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]', message: 'empty term: matches no node' },
    {
      path: 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1]',
      message: 'can never match together with spec.nodeSelector: with the nodeSelector: no value satisfies every requirement on zone',
    },
    { path: 'spec.template.spec', message: 'the pod can run on no node, whatever the cluster' },
  ]);
  const conflict = compileDeployment(required([{ matchFields: [rq('metadata.name', 'In', ['a']), rq('metadata.name', 'In', ['b'])] }]));
  assert.equal(conflict.warnings.map((w) => w.path), [
    'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]',
    'spec.template.spec.affinity.nodeAffinity',
  ]);
});

test('the canonical key is equal across reorderings of selector entries, terms, expressions, values and tolerations', () => {
  const one = compile({
    nodeSelector: { a: '1', b: '2' },
    ...required([
      { matchExpressions: [rq('zone', 'In', ['x', 'y']), rq('tier', 'Gt', ['3'])] },
      { matchFields: [rq('metadata.name', 'NotIn', ['n1'])], matchExpressions: [rq('gpu', 'Exists')] },
    ]),
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }, { key: 'j', value: 'v' }],
  });
  const two = compile({
    nodeSelector: { b: '2', a: '1' },
    ...required([
      { matchExpressions: [rq('gpu', 'Exists')], matchFields: [rq('metadata.name', 'NotIn', ['n1'])] },
      { matchExpressions: [rq('tier', 'Gt', ['3']), rq('zone', 'In', ['y', 'x'])] },
    ]),
    tolerations: [{ key: 'j', value: 'v' }, { key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }],
  });
  assert.is(one.key, two.key);
  assert.equal(one.filters, two.filters);
});

test('the key differs when the answer can differ: a value, the gate, the PreFilter', () => {
  const base = compile({ nodeSelector: { a: '1' } }).key;
  assert.is.not(compile({ nodeSelector: { a: '2' } }).key, base);
  const gt = makePod({ tolerations: [{ key: 'k', operator: 'Gt', value: '1', effect: 'NoSchedule' }] });
  assert.is.not(compilePod(gt, gatesOn).key, compilePod(gt, gatesOff).key);
  const pinned = compile(required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }]));
  assert.ok(pinned.key.includes('"preFilterNames":["n1"]'));
  assert.equal(JSON.parse(pinned.key), { filters: pinned.filters, preFilterNames: ['n1'] });
});

test('warnings are not part of the key: the same rule from a different term index has the same key', () => {
  const first = compile(required([{}, { matchExpressions: [rq('zone', 'Exists')] }]));
  const second = compile(required([{ matchExpressions: [rq('zone', 'Exists')] }, {}]));
  assert.is.not(first.warnings[0]!.path, second.warnings[0]!.path);
  assert.is(first.key, second.key);
});

test.run();
