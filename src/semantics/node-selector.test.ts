import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { isEmptyTerm, matchesFieldRequirement, matchesNodeSelectorMap, matchesTerm, parseRequiredTerms, parseTerm } from './node-selector.js';
import { labels, makeNode, makePod, makeTerms, nodeFromObject, rq } from '../testing/placement-fixtures.js';

// Upstream: staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
// (NewLazyErrorNodeSelector, LazyErrorNodeSelector.Match, newNodeSelectorTerm, nodeSelectorTerm.match,
// nodeSelectorRequirementsAsFieldSelector, extractNodeFields, GetRequiredNodeAffinity).

/** LazyErrorNodeSelector.Match: any surviving term matches. */
function selects(terms: readonly JsonObject[], node: Node): boolean {
  return parseRequiredTerms(makeTerms(terms)).some((term) => matchesTerm(term, node));
}

const fooBar = makeNode({ name: 'node1', labels: { foo: 'bar' } });

// --- terms ORed, requirements ANDed ---

test('terms are ORed (node_affinity_test "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node\'s labels and will schedule onto the node")', () => {
  const terms = [{ matchExpressions: [rq('foo', 'In', ['bar', 'value2'])] }, { matchExpressions: [rq('diffkey', 'In', ['wrong', 'value2'])] }];
  assert.ok(selects(terms, fooBar));
  assert.ok(selects([...terms].reverse(), fooBar), 'order of terms does not matter');
});

test('requirements in a term are ANDed (node_affinity_test "Pod with multiple matchExpressions ANDed that matches the existing node")', () => {
  const node = makeNode({ labels: { GPU: 'NVIDIA-GRID-K1' } });
  assert.ok(selects([{ matchExpressions: [rq('GPU', 'Exists'), rq('GPU', 'NotIn', ['AMD', 'INTER'])] }], node));
});

test('one failing requirement fails the term (node_affinity_test "Pod with multiple matchExpressions ANDed that doesn\'t match the existing node")', () => {
  const node = makeNode({ labels: { GPU: 'NVIDIA-GRID-K1' } });
  assert.not.ok(selects([{ matchExpressions: [rq('GPU', 'Exists'), rq('GPU', 'In', ['AMD', 'INTER'])] }], node));
});

test('matchExpressions AND matchFields inside one term (node_affinity_test "Pod with one term: both matchFields and matchExpressions match")', () => {
  const term = { matchFields: [rq('metadata.name', 'In', ['node1'])], matchExpressions: [rq('foo', 'In', ['bar'])] };
  assert.ok(selects([term], fooBar));
  assert.not.ok(selects([term], makeNode({ name: 'node2', labels: { foo: 'bar' } })), 'one term: matchFields does not match, but matchExpressions matches');
  assert.not.ok(selects([term], makeNode({ name: 'node1' })), 'fields match, expressions do not');
});

test('two terms: matchFields does not match, but matchExpressions matches (node_affinity_test)', () => {
  const terms = [{ matchFields: [rq('metadata.name', 'In', ['node1'])] }, { matchExpressions: [rq('foo', 'In', ['bar'])] }];
  assert.ok(selects(terms, makeNode({ name: 'node2', labels: { foo: 'bar' } })));
});

// --- empty terms ---

test('an empty term is dropped before evaluation (isEmptyNodeSelectorTerm; "nil or empty term selects no objects")', () => {
  assert.equal(parseRequiredTerms(makeTerms([{}])), []);
  assert.equal(parseRequiredTerms(makeTerms([{ matchExpressions: [] }])), []);
  assert.equal(parseRequiredTerms(makeTerms([{ matchExpressions: [], matchFields: [] }])), []);
  assert.ok(isEmptyTerm({ matchExpressions: [], matchFields: [] }));
  assert.not.ok(isEmptyTerm({ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }));
});

test('an empty term matches nothing (node_affinity_test "Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node")', () => {
  assert.not.ok(selects([{ matchExpressions: [] }], fooBar));
  assert.not.ok(selects([{}], fooBar));
});

test('an empty term next to a matching one does not block it; surviving terms keep their original index', () => {
  const parsedTerms = parseRequiredTerms(makeTerms([{}, { matchExpressions: [rq('foo', 'Exists')] }]));
  assert.is(parsedTerms.length, 1);
  assert.is(parsedTerms[0]?.index, 1);
  assert.ok(selects([{}, { matchExpressions: [rq('foo', 'Exists')] }], fooBar));
});

test('an empty nodeSelectorTerms list matches no node (LazyErrorNodeSelector.Match with no terms → false)', () => {
  assert.not.ok(selects([], fooBar));
  assert.not.ok(selects([], makeNode()));
});

// --- broken terms ---

test('a broken term never matches but disables only itself (LazyErrorNodeSelector: errors returned only when no term matched, ignored by the Filter)', () => {
  const broken = { matchExpressions: [rq('foo', 'In', [])] };
  const good = { matchExpressions: [rq('foo', 'In', ['bar'])] };
  assert.not.ok(selects([broken], fooBar));
  assert.ok(selects([broken, good], fooBar));
  assert.ok(selects([good, broken], fooBar));
  const parsedTerms = parseRequiredTerms(makeTerms([broken, good]));
  assert.ok((parsedTerms[0]?.problems.length ?? 0) > 0);
  assert.equal(parsedTerms[1]?.problems, []);
});

test('one invalid requirement breaks its whole term even if the other requirements would match (newNodeSelectorTerm parseErrs)', () => {
  assert.not.ok(selects([{ matchExpressions: [rq('foo', 'Exists'), rq('foo', 'in', ['bar'])] }], fooBar));
  assert.not.ok(selects([{ matchExpressions: [rq('foo', 'Exists')], matchFields: [rq('metadata.name', 'In', ['node1', 'node2'])] }], fooBar));
});

test('a broken term records why: unsupported operator, missing values (parseTerm problems)', () => {
  const term = parseTerm(makeTerms([{ matchExpressions: [rq('foo', 'in', ['bar'])], matchFields: [rq('metadata.name', 'Exists')] }])[0]!, 0);
  assert.is(term.problems.length, 2);
  assert.ok(term.problems[0]?.includes('"in" is not supported'));
  assert.ok(term.problems[1]?.includes('matchFields operator "Exists" is not supported (supported: In, NotIn)'));
});

// --- matchFields ---

test('matchFields metadata.name In with one value selects that node only (node_affinity_test "Pod with matchFields using In operator that matches the existing node")', () => {
  const terms = [{ matchFields: [rq('metadata.name', 'In', ['node1'])] }];
  assert.ok(selects(terms, makeNode({ name: 'node1' })));
  assert.not.ok(selects(terms, makeNode({ name: 'node2' })), 'matchFields using In operator that does not match the existing node');
});

test('matchFields metadata.name NotIn with one value excludes that node only (fields.OneTermNotEqualSelector)', () => {
  const terms = [{ matchFields: [rq('metadata.name', 'NotIn', ['node1'])] }];
  assert.not.ok(selects(terms, makeNode({ name: 'node1' })));
  assert.ok(selects(terms, makeNode({ name: 'node2' })));
});

test('matchFields In with two names is invalid ("must have one element"), not "either" (nodeSelectorRequirementsAsFieldSelector)', () => {
  const terms = [{ matchFields: [rq('metadata.name', 'In', ['node1', 'node2'])] }];
  assert.not.ok(selects(terms, makeNode({ name: 'node1' })));
  assert.not.ok(selects(terms, makeNode({ name: 'node2' })));
  const [term] = parseRequiredTerms(makeTerms(terms));
  assert.ok(term?.problems.some((p) => p.includes('must have one element')));
});

test('matchFields In/NotIn with no values are invalid (nodeSelectorRequirementsAsFieldSelector "must have one element")', () => {
  assert.not.ok(selects([{ matchFields: [rq('metadata.name', 'In', [])] }], makeNode({ name: 'node1' })));
  assert.not.ok(selects([{ matchFields: [rq('metadata.name', 'NotIn', [])] }], makeNode({ name: 'node1' })));
});

test('matchFields accepts only In and NotIn (nodeSelectorRequirementsAsFieldSelector NotSupported "In", "NotIn")', () => {
  for (const op of ['Exists', 'DoesNotExist', 'Gt', 'Lt', 'in', '']) {
    const values = op === 'Exists' || op === 'DoesNotExist' ? [] : ['node1'];
    assert.not.ok(selects([{ matchFields: [rq('metadata.name', op, values)] }], makeNode({ name: 'node1' })), op);
  }
});

test('an unknown field key reads as "" at match time: In never matches a non-empty value, NotIn matches (fields.Set.Get; extractNodeFields)', () => {
  const node = makeNode({ name: 'node1' });
  assert.not.ok(selects([{ matchFields: [rq('metadata.namespace', 'In', ['node1'])] }], node));
  assert.ok(selects([{ matchFields: [rq('metadata.namespace', 'In', [''])] }], node), 'In [""] matches the empty string an unknown field reads as');
  assert.ok(selects([{ matchFields: [rq('spec.unschedulable', 'NotIn', ['true'])] }], node));
  assert.not.ok(selects([{ matchFields: [rq('spec.unschedulable', 'NotIn', [''])] }], node));
  assert.ok(matchesFieldRequirement({ key: 'metadata.labels', operator: 'NotIn', value: 'x' }, node));
});

test('a node with an empty name has no fields, so matchFields requirements are skipped (nodeSelectorTerm.match: len(nodeFields) > 0)', () => {
  const nameless = makeNode({ name: '', labels: { foo: 'bar' } });
  assert.ok(selects([{ matchFields: [rq('metadata.name', 'In', ['node1'])] }], nameless));
  assert.ok(selects([{ matchFields: [rq('metadata.name', 'NotIn', [''])] }], nameless));
  assert.ok(selects([{ matchFields: [rq('metadata.name', 'In', ['node1'])], matchExpressions: [rq('foo', 'In', ['bar'])] }], nameless));
  assert.not.ok(selects([{ matchFields: [rq('metadata.name', 'In', ['node1'])], matchExpressions: [rq('foo', 'In', ['baz'])] }], nameless), 'labels are still checked');
  assert.not.ok(selects([{ matchFields: [rq('metadata.name', 'In', ['a', 'b'])] }], nameless), 'a broken term stays broken');
});

test('labels and fields are separate: a label called metadata.name does not satisfy matchFields (helpers_test "fieldSelectorTerm with node labels")', () => {
  const node = makeNode({ name: 'node2', labels: { 'metadata.name': 'node1' } });
  assert.not.ok(selects([{ matchFields: [rq('metadata.name', 'In', ['node1'])] }], node));
});

test('labels and fields are separate: matchExpressions on metadata.name reads labels, not the node name (helpers_test "labelSelectorTerm with node fields")', () => {
  assert.not.ok(selects([{ matchExpressions: [rq('metadata.name', 'In', ['node1'])] }], makeNode({ name: 'node1' })));
  assert.ok(selects([{ matchExpressions: [rq('metadata.name', 'In', ['node1'])] }], makeNode({ name: 'other', labels: { 'metadata.name': 'node1' } })));
});

// --- nodeSelector map ---

test('nodeSelector absent or empty imposes nothing (GetRequiredNodeAffinity: len(NodeSelector) > 0; node_affinity_test "Pod with no Affinity will schedule onto a node")', () => {
  assert.ok(matchesNodeSelectorMap(undefined, labels({})));
  assert.ok(matchesNodeSelectorMap(new Map(), labels({})));
  assert.ok(matchesNodeSelectorMap(makePod({ nodeSelector: {} }).nodeSelector, labels({})));
});

test('nodeSelector: every entry must equal the node label (node_affinity_test "same labels", "node labels are superset", "node labels are subset", "missing labels")', () => {
  const selector = makePod({ nodeSelector: { foo: 'bar' } }).nodeSelector;
  assert.ok(matchesNodeSelectorMap(selector, labels({ foo: 'bar' })));
  assert.ok(matchesNodeSelectorMap(selector, labels({ foo: 'bar', baz: 'blah' })));
  assert.not.ok(matchesNodeSelectorMap(makePod({ nodeSelector: { foo: 'bar', baz: 'blah' } }).nodeSelector, labels({ foo: 'bar' })));
  assert.not.ok(matchesNodeSelectorMap(selector, labels({})));
  assert.not.ok(matchesNodeSelectorMap(selector, labels({ foo: 'Bar' })), 'values are case-sensitive');
});

test('nodeSelector {k: ""} requires the label to be present with an empty value (labels.SelectorFromSet Equals)', () => {
  const selector = makePod({ nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }).nodeSelector;
  assert.ok(matchesNodeSelectorMap(selector, labels({ 'node-role.kubernetes.io/control-plane': '' })));
  assert.not.ok(matchesNodeSelectorMap(selector, labels({})));
  assert.not.ok(matchesNodeSelectorMap(selector, labels({ 'node-role.kubernetes.io/control-plane': 'true' })));
});

test('nodeSelector is not validated at match time: an invalid key or value still matches literally (SelectorFromValidatedSet does no validation)', () => {
  const selector = makePod({ nodeSelector: { 'bad key!': 'bad value!' } }).nodeSelector;
  assert.ok(matchesNodeSelectorMap(selector, labels({ 'bad key!': 'bad value!' })));
});

test('__proto__ and constructor work as ordinary label keys in nodeSelector and node labels (Go maps have no prototype)', () => {
  const pod = makePod(JSON.parse('{"nodeSelector":{"__proto__":"x","constructor":"y"}}') as JsonObject);
  assert.equal([...(pod.nodeSelector ?? [])], [['__proto__', 'x'], ['constructor', 'y']]);
  const node = nodeFromObject(JSON.parse('{"metadata":{"name":"n","labels":{"__proto__":"x","constructor":"y"}}}') as JsonObject);
  assert.is(node.labels.get('__proto__'), 'x');
  assert.ok(matchesNodeSelectorMap(pod.nodeSelector, node.labels));
  assert.not.ok(matchesNodeSelectorMap(pod.nodeSelector, makeNode().labels), 'a plain node has neither label');
  assert.not.ok(matchesNodeSelectorMap(makePod({ nodeSelector: { toString: '' } }).nodeSelector, makeNode().labels));
});

test('constructor / toString as matchExpressions keys look only at the node\'s own labels (Requirement.Matches on labels.Set)', () => {
  const plain = makeNode();
  assert.not.ok(selects([{ matchExpressions: [rq('constructor', 'Exists')] }], plain));
  assert.ok(selects([{ matchExpressions: [rq('toString', 'DoesNotExist')] }], plain));
  assert.ok(selects([{ matchExpressions: [rq('constructor', 'In', ['y'])] }], makeNode({ labels: { constructor: 'y' } })));
  // "__proto__" itself is not a valid label key (the name must start with an alphanumeric), so such a term is broken.
  const proto = nodeFromObject(JSON.parse('{"metadata":{"name":"n","labels":{"__proto__":"x"}}}') as JsonObject);
  assert.not.ok(selects([{ matchExpressions: [rq('__proto__', 'Exists')] }], proto));
});

test.run();
