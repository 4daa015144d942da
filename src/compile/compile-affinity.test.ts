import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTerm } from '../semantics/node-selector.js';
import { makePod, makeTerms, required, rq } from '../testing/placement-fixtures.js';
import type { JsonObject } from '../model/decode.js';
import { compileAffinityRule, compileTermRule } from './compile-affinity.js';
import { ruleFalse, ruleTrue } from './rule.js';

// Upstream: component-helpers nodeaffinity `GetRequiredNodeAffinity(pod).Match` (nodeSelector AND
// any required term), `NewLazyErrorNodeSelector` (empty terms dropped, a broken term disables only
// itself), `nodeSelectorRequirementsAsFieldSelector` / `extractNodeFields` (matchFields).

const terms = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

/** The NodeAffinity rule and warnings of a pod spec written as in a manifest. */
function compile(spec: JsonObject, path = 'spec.'): ReturnType<typeof compileAffinityRule> {
  return compileAffinityRule(makePod(spec), path);
}

test('no nodeSelector and no required affinity: every node (PreFilter Skip)', () => {
  assert.equal(compile({}), { rule: ruleTrue, warnings: [] });
  assert.equal(compile({ nodeSelector: {} }), { rule: ruleTrue, warnings: [] });
});

test('nodeSelector only: one In per entry, sorted by key', () => {
  assert.equal(compile({ nodeSelector: { zone: 'a', disk: 'ssd' } }), {
    rule: { and: [{ in: { key: 'disk', values: ['ssd'] } }, { in: { key: 'zone', values: ['a'] } }] },
    warnings: [],
  });
  assert.equal(compile({ nodeSelector: { 'kubernetes.io/os': 'linux' } }).rule, { in: { key: 'kubernetes.io/os', values: ['linux'] } });
});

test('two terms are ORed; requirements inside a term are ANDed per key', () => {
  const { rule, warnings } = compile(required([
    { matchExpressions: [rq('zone', 'In', ['b', 'a'])] },
    { matchExpressions: [rq('gpu', 'NotIn', ['amd']), rq('gpu', 'Exists')] },
  ]));
  assert.equal(warnings, []);
  assert.equal(rule, {
    or: [
      { and: [{ exists: 'gpu' }, { notIn: { key: 'gpu', values: ['amd'] } }] },
      { in: { key: 'zone', values: ['a', 'b'] } },
    ],
  });
});

test('nodeSelector AND the terms', () => {
  const { rule } = compile({ nodeSelector: { os: 'linux' }, ...required([{ matchExpressions: [rq('zone', 'In', ['a'])] }, { matchExpressions: [rq('zone', 'In', ['b'])] }]) });
  assert.equal(rule, {
    and: [{ in: { key: 'os', values: ['linux'] } }, { or: [{ in: { key: 'zone', values: ['a'] } }, { in: { key: 'zone', values: ['b'] } }] }],
  });
});

test('an empty term matches nothing (isEmptyNodeSelectorTerm), with a warning at its path', () => {
  assert.equal(compile(required([{}])), { rule: ruleFalse, warnings: [{ path: `${terms}[0]`, message: 'empty term: matches no node' }] });
  assert.equal(compile(required([{ matchExpressions: [rq('a', 'Exists')] }, { matchExpressions: [], matchFields: [] }])), {
    rule: { exists: 'a' },
    warnings: [{ path: `${terms}[1]`, message: 'empty term: matches no node' }],
  });
});

test('an empty nodeSelectorTerms list matches no node, without a term to warn about', () => {
  assert.equal(compile(required([])), { rule: ruleFalse, warnings: [] });
});

test('an invalid term never matches but disables only itself (lazy selector), warned with the parse problem', () => {
  const { rule, warnings } = compile(required([{ matchExpressions: [rq('a', 'Exists')] }, { matchExpressions: [rq('foo', 'In', [])] }]));
  assert.equal(rule, { exists: 'a' });
  assert.equal(warnings, [{ path: `${terms}[1]`, message: "invalid term, never matches: foo In []: for 'in', 'notin' operators, values set can't be empty" }]);
  const fields = compile(required([{ matchFields: [rq('metadata.name', 'In', ['n1', 'n2'])] }]));
  assert.equal(fields, { rule: ruleFalse, warnings: [{ path: `${terms}[0]`, message: 'invalid term, never matches: matchFields metadata.name In must have one element (has 2)' }] });
});

test('a term whose own requirements contradict each other is dropped with a warning', () => {
  const { rule, warnings } = compile(required([{ matchExpressions: [rq('zone', 'In', ['a']), rq('zone', 'NotIn', ['a'])] }, { matchExpressions: [rq('b', 'Gt', ['5']), rq('b', 'Lt', ['3'])] }]));
  assert.is(rule, ruleFalse);
  assert.equal(warnings, [
    { path: `${terms}[0]`, message: 'can never match: this term: no value satisfies every requirement on zone' },
    { path: `${terms}[1]`, message: 'can never match: this term: no integer satisfies the Gt/Lt bounds on b' },
  ]);
});

test('a term contradicting the nodeSelector is warned; with no other term the pod matches nothing', () => {
  const alone = compile({ nodeSelector: { zone: 'a' }, ...required([{ matchExpressions: [rq('zone', 'In', ['b'])] }]) });
  assert.equal(alone, {
    rule: ruleFalse,
    warnings: [{ path: `${terms}[0]`, message: 'can never match together with spec.nodeSelector: with the nodeSelector: no value satisfies every requirement on zone' }],
  });
  const absent = compile({ nodeSelector: { zone: 'a' }, ...required([{ matchExpressions: [rq('zone', 'DoesNotExist')] }]) });
  assert.equal(absent.warnings.map((w) => w.message), ['can never match together with spec.nodeSelector: with the nodeSelector: zone must both exist and not exist']);
});

test('a term contradicting the nodeSelector next to a compatible one: warned, the pod still has nodes', () => {
  const { rule, warnings } = compile({ nodeSelector: { zone: 'a' }, ...required([{ matchExpressions: [rq('zone', 'In', ['b'])] }, { matchExpressions: [rq('zone', 'In', ['c', 'a'])] }]) });
  assert.equal(warnings.map((w) => w.path), [`${terms}[0]`]);
  assert.equal(rule, {
    and: [{ in: { key: 'zone', values: ['a'] } }, { or: [{ in: { key: 'zone', values: ['a', 'c'] } }, { in: { key: 'zone', values: ['b'] } }] }],
  });
});

test('matchFields metadata.name In/NotIn → nameIn/nameNotIn, after the label rules of the term', () => {
  assert.equal(compile(required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }])).rule, { nameIn: ['n1'] });
  assert.equal(compile(required([{ matchFields: [rq('metadata.name', 'NotIn', ['n1'])] }])).rule, { nameNotIn: ['n1'] });
  const both = compile(required([{ matchFields: [rq('metadata.name', 'In', ['n1'])], matchExpressions: [rq('zone', 'Exists')] }]));
  assert.equal(both.rule, { and: [{ exists: 'zone' }, { nameIn: ['n1'] }] });
});

test('two different metadata.name In in one term: only nameless nodes are left, and a warning says so', () => {
  const { rule, warnings } = compile(required([{ matchFields: [rq('metadata.name', 'In', ['n2']), rq('metadata.name', 'In', ['n1'])] }]));
  assert.equal(rule, { and: [{ nameIn: ['n1'] }, { nameIn: ['n2'] }] });
  assert.equal(warnings, [{ path: `${terms}[0]`, message: 'can never match a named node: metadata.name In two different names' }]);
});

test('an unknown field key reads as "" (fields.Set.Get): In "x" admits only nameless nodes, NotIn "x" everything', () => {
  assert.equal(compile(required([{ matchFields: [rq('spec.unschedulable', 'In', ['x'])] }])).rule, { nameIn: [] });
  assert.equal(compile(required([{ matchFields: [rq('spec.unschedulable', 'NotIn', ['x'])] }])).rule, ruleTrue);
  assert.equal(compile(required([{ matchFields: [rq('spec.unschedulable', 'In', [''])] }])).rule, ruleTrue);
});

test('matchFields order and duplicates do not change the rule', () => {
  const one = compile(required([{ matchFields: [rq('metadata.name', 'NotIn', ['b']), rq('metadata.name', 'NotIn', ['a'])] }])).rule;
  const two = compile(required([{ matchFields: [rq('metadata.name', 'NotIn', ['a']), rq('metadata.name', 'NotIn', ['b']), rq('metadata.name', 'NotIn', ['a'])] }])).rule;
  assert.equal(one, two);
  assert.equal(one, { and: [{ nameNotIn: ['a'] }, { nameNotIn: ['b'] }] });
});

test('paths follow the pod spec path (spec.template.spec. for a Deployment)', () => {
  const { warnings } = compile(required([{}]), 'spec.template.spec.');
  assert.equal(warnings, [{ path: 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]', message: 'empty term: matches no node' }]);
});

test('compileTermRule: one parsed term as a rule; a contradiction is false', () => {
  const [ok, never] = makeTerms([{ matchExpressions: [rq('zone', 'In', ['a']), rq('tier', 'Gt', ['1'])] }, { matchExpressions: [rq('x', 'Exists'), rq('x', 'DoesNotExist')] }]);
  assert.equal(compileTermRule(parseTerm(ok!, 0)), { and: [{ range: { key: 'tier', min: '2' } }, { in: { key: 'zone', values: ['a'] } }] });
  assert.is(compileTermRule(parseTerm(never!, 1)), ruleFalse);
});

test.run();
