import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { filterOrder } from '../compile/rule.js';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { filterNodeAffinity, filterNodeName, filterTaints, filterUnschedulable, filters, preparePod, type FilterFailure } from './filters.js';
import { fixtureNodes, fixtureWorkload, gatesOff, gatesOn, makeNode, makePod, required, rq } from '../testing/placement-fixtures.js';

// Upstream: pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,tainttoleration,nodeaffinity};
// default order from pkg/scheduler/apis/config/v1/default_plugins.go.

type Filter = (prepared: ReturnType<typeof preparePod>, node: Node) => FilterFailure | undefined;

function run(filter: Filter, spec: JsonObject, node: Node, gates = gatesOff): FilterFailure | undefined {
  return filter(preparePod(makePod(spec), gates), node);
}

const cordoned = makeNode({ name: 'cordoned', unschedulable: true });

// --- order ---

test('filters run in the default profile order NodeUnschedulable, NodeName, TaintToleration, NodeAffinity (default_plugins.go)', () => {
  assert.equal([...filters], [filterUnschedulable, filterNodeName, filterTaints, filterNodeAffinity]);
  assert.equal([...filterOrder], ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity']);
});

// --- NodeUnschedulable ---

test('a schedulable node passes NodeUnschedulable whatever the pod (node_unschedulable.go: !node.Spec.Unschedulable → nil)', () => {
  assert.is(run(filterUnschedulable, {}, makeNode()), undefined);
});

test('a cordoned node rejects a pod without tolerations with "node(s) were unschedulable" (NodeUnschedulable ErrReasonUnschedulable)', () => {
  const failure = run(filterUnschedulable, {}, cordoned);
  assert.is(failure?.filter, 'NodeUnschedulable');
  assert.is(failure?.reason, 'node(s) were unschedulable');
  assert.ok(failure?.details[0]?.includes('node.kubernetes.io/unschedulable:NoSchedule'));
});

test('a cordoned node accepts a toleration of node.kubernetes.io/unschedulable:NoSchedule with an EMPTY value (NodeUnschedulable Filter taint {Key, Effect} with no Value)', () => {
  assert.is(run(filterUnschedulable, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }, cordoned), undefined);
  assert.is(run(filterUnschedulable, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Equal', effect: 'NoSchedule' }] }, cordoned), undefined);
  assert.is(run(filterUnschedulable, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] }, cordoned), undefined);
  assert.is(run(filterUnschedulable, { tolerations: [{ operator: 'Exists' }] }, cordoned), undefined);
});

test('Equal with a non-empty value does not tolerate the cordon (the synthetic taint has value "")', () => {
  const spec = { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Equal', value: 'true', effect: 'NoSchedule' }] };
  assert.is(run(filterUnschedulable, spec, cordoned)?.reason, 'node(s) were unschedulable');
});

test('a toleration of the cordon with another effect does not help (ToleratesTaint effect check)', () => {
  for (const effect of ['PreferNoSchedule', 'NoExecute']) {
    const spec = { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect }] };
    assert.is(run(filterUnschedulable, spec, cordoned)?.reason, 'node(s) were unschedulable', effect);
  }
});

// --- NodeName ---

test('NodeName: an empty spec.nodeName passes every node; a set one must equal the node name (node_name.go Fits)', () => {
  assert.is(run(filterNodeName, {}, makeNode({ name: 'a' })), undefined);
  assert.is(run(filterNodeName, { nodeName: 'a' }, makeNode({ name: 'a' })), undefined);
  const failure = run(filterNodeName, { nodeName: 'a' }, makeNode({ name: 'b' }));
  assert.is(failure?.filter, 'NodeName');
  assert.is(failure?.reason, "node(s) didn't match the requested node name");
  assert.equal(failure?.details, ['pod requires node "a" (spec.nodeName)']);
});

// --- TaintToleration ---

test('TaintToleration rejects an untolerated NoSchedule taint with "node(s) had untolerated taint(s)" (taint_toleration_test "A pod having no tolerations can\'t be scheduled onto a node with nonempty taints")', () => {
  const node = makeNode({ taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }] });
  const failure = run(filterTaints, {}, node);
  assert.is(failure?.filter, 'TaintToleration');
  assert.is(failure?.reason, 'node(s) had untolerated taint(s)');
  assert.equal(failure?.details, ['taint dedicated=user1:NoSchedule is not tolerated']);
});

test('NoExecute taints block scheduling exactly like NoSchedule (DoNotScheduleTaintsFilterFunc)', () => {
  const node = makeNode({ taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] });
  assert.is(run(filterTaints, {}, node)?.reason, 'node(s) had untolerated taint(s)');
  assert.is(run(filterTaints, { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] }, node), undefined);
});

test('PreferNoSchedule taints never block (taint_toleration_test "The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node")', () => {
  assert.is(run(filterTaints, {}, makeNode({ taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }] })), undefined);
});

test('all taints must be tolerated; details list every untolerated one in node order (taint_toleration_test "A pod has multiple tolerations, node has multiple taints ...")', () => {
  const node = makeNode({
    taints: [
      { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      { key: 'gpu', effect: 'NoExecute' },
    ],
  });
  const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }];
  assert.equal(run(filterTaints, { tolerations }, node)?.details, ['taint gpu:NoExecute is not tolerated']);
  assert.equal(run(filterTaints, {}, node)?.details, [
    'taint dedicated=user2:NoSchedule is not tolerated',
    'taint foo=bar:NoSchedule is not tolerated',
    'taint gpu:NoExecute is not tolerated',
  ]);
  assert.is(run(filterTaints, { tolerations: [...tolerations, { key: 'gpu', operator: 'Exists' }] }, node), undefined);
});

test('TaintToleration uses the gate: Gt toleration passes only with TaintTolerationComparisonOperators on (PTT enableTaintTolerationComparisonOperators)', () => {
  const node = makeNode({ taints: [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }] });
  const spec = { tolerations: [{ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }] };
  assert.is(run(filterTaints, spec, node, gatesOff)?.reason, 'node(s) had untolerated taint(s)');
  assert.is(run(filterTaints, spec, node, gatesOn), undefined);
});

// --- NodeAffinity Filter ---

test('NodeAffinity: nodeSelector mismatch gives ErrReasonPod and names the label (node_affinity_test "missing labels")', () => {
  const failure = run(filterNodeAffinity, { nodeSelector: { foo: 'bar' } }, makeNode());
  assert.is(failure?.filter, 'NodeAffinity');
  assert.is(failure?.reason, "node(s) didn't match Pod's node affinity/selector");
  assert.equal(failure?.details, ['nodeSelector foo=bar: node has no label foo']);
  assert.equal(run(filterNodeAffinity, { nodeSelector: { foo: 'bar' } }, makeNode({ labels: { foo: 'baz' } }))?.details, ['nodeSelector foo=bar: node has foo=baz']);
});

test('NodeAffinity: nodeSelector AND required affinity must both hold (node_affinity_test "Pod with an Affinity matches node\'s labels but the PodSpec.NodeSelector ... is not satisfied")', () => {
  const spec = { nodeSelector: { foo: 'bar' }, ...required([{ matchExpressions: [rq('foo', 'Exists')] }]) };
  assert.is(run(filterNodeAffinity, spec, makeNode({ labels: { foo: 'bar' } })), undefined, 'both are satisfied');
  assert.equal(run(filterNodeAffinity, spec, makeNode({ labels: { foo: 'barrrrrr' } }))?.details, ['nodeSelector foo=bar: node has foo=barrrrrr']);
  const strict = { nodeSelector: { foo: 'bar' }, ...required([{ matchExpressions: [rq('zone', 'In', ['a'])] }]) };
  assert.equal(run(filterNodeAffinity, strict, makeNode({ labels: { foo: 'bar', zone: 'b' } }))?.details, ['nodeSelectorTerms[0]: zone In [a]: node has zone=b']);
});

test('NodeAffinity details: one line per term — the first failing requirement, broken terms and empty terms (LazyErrorNodeSelector)', () => {
  const spec = required([
    { matchExpressions: [rq('zone', 'In', ['a']), rq('gpu', 'Exists')] },
    {},
    { matchExpressions: [rq('foo', 'In', [])] },
    { matchFields: [rq('metadata.name', 'In', ['other'])] },
  ]);
  const failure = run(filterNodeAffinity, spec, makeNode({ name: 'node1', labels: { zone: 'a' } }));
  assert.is(failure?.reason, "node(s) didn't match Pod's node affinity/selector");
  assert.equal(failure?.details, [
    'nodeSelectorTerms[0]: gpu Exists: node has no label gpu',
    'nodeSelectorTerms[1] is empty and matches no node',
    "nodeSelectorTerms[2] is invalid and never matches: foo In []: for 'in', 'notin' operators, values set can't be empty",
    'nodeSelectorTerms[3]: matchFields metadata.name In [other]: node is named "node1"',
  ]);
});

test('NodeAffinity: a required block whose terms are all empty, or an empty list, fits no node (LazyErrorNodeSelector.Match with no terms)', () => {
  const expected = ['requiredDuringSchedulingIgnoredDuringExecution has no non-empty nodeSelectorTerms, so it matches no node'];
  assert.equal(run(filterNodeAffinity, required([]), makeNode())?.details, expected);
  assert.equal(run(filterNodeAffinity, required([{ matchExpressions: [] }]), makeNode())?.details, expected);
  const noTermsKey = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } };
  assert.is(run(filterNodeAffinity, noTermsKey, makeNode())?.reason, "node(s) didn't match Pod's node affinity/selector");
});

test('NodeAffinity: absent affinity or required block imposes nothing (node_affinity_test "Pod with Affinity but nil NodeSelector will schedule onto a node")', () => {
  assert.is(run(filterNodeAffinity, {}, makeNode()), undefined);
  assert.is(run(filterNodeAffinity, { affinity: { nodeAffinity: {} } }, makeNode()), undefined);
  assert.is(run(filterNodeAffinity, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: null } } }, makeNode()), undefined);
  assert.is(run(filterNodeAffinity, { nodeSelector: {} }, makeNode()), undefined, 'an empty nodeSelector map imposes nothing');
});

// --- NodeAffinity PreFilter ---

test('PreFilter: one metadata.name In term restricts evaluation to that name (node_affinity_test "Pod with matchFields using In operator that matches the existing node": PreFilterResult {node1})', () => {
  const prepared = preparePod(makePod(required([{ matchFields: [rq('metadata.name', 'In', ['node1'])] }])), gatesOff);
  assert.equal([...(prepared.preFilterNames ?? [])], ['node1']);
  assert.is(prepared.preFilterMessage, undefined);
});

test('PreFilter: names are unioned over terms (node_affinity_test "Pod with two terms of node.Name affinity": {node1, node2})', () => {
  const prepared = preparePod(makePod(required([{ matchFields: [rq('metadata.name', 'In', ['node1'])] }, { matchFields: [rq('metadata.name', 'In', ['node2'])] }])), gatesOff);
  assert.equal([...(prepared.preFilterNames ?? [])].sort(), ['node1', 'node2']);
});

test('PreFilter: names are intersected within a term; an empty result is "pod affinity terms conflict" (node_affinity_test "Pod with two conflicting mach field requirements")', () => {
  const prepared = preparePod(makePod(required([{ matchFields: [rq('metadata.name', 'In', ['node1']), rq('metadata.name', 'In', ['node2'])] }])), gatesOff);
  assert.is(prepared.preFilterNames?.size, 0);
  assert.is(prepared.preFilterMessage, 'pod affinity terms conflict');
});

test('PreFilter: a term without metadata.name In leaves every node eligible for the Filter (PreFilter "all nodes are eligible because the terms are ORed")', () => {
  for (const terms of [
    [{ matchFields: [rq('metadata.name', 'In', ['node1'])] }, { matchExpressions: [rq('foo', 'In', ['bar'])] }],
    [{ matchFields: [rq('metadata.name', 'In', ['node1'])] }, {}],
    [{ matchFields: [rq('metadata.name', 'NotIn', ['node1'])] }],
    [{ matchExpressions: [rq('metadata.name', 'In', ['node1'])] }],
  ]) {
    const prepared = preparePod(makePod(required(terms)), gatesOff);
    assert.is(prepared.preFilterNames, undefined, JSON.stringify(terms));
    assert.is(prepared.preFilterMessage, undefined);
  }
});

test('PreFilter: only key metadata.name with operator In counts, and its values are taken even when the Filter finds the term invalid (PreFilter ignores validity)', () => {
  const prepared = preparePod(makePod(required([{ matchFields: [rq('metadata.name', 'In', ['node1', 'node2']), rq('metadata.name', 'NotIn', ['node2'])] }])), gatesOff);
  assert.equal([...(prepared.preFilterNames ?? [])].sort(), ['node1', 'node2']);
});

test('PreFilter: no restriction without required terms (PreFilter returns nil when terms are absent or empty)', () => {
  assert.is(preparePod(makePod({}), gatesOff).preFilterNames, undefined);
  assert.is(preparePod(makePod(required([])), gatesOff).preFilterNames, undefined);
  assert.is(preparePod(makePod({ nodeSelector: { a: 'b' } }), gatesOff).preFilterNames, undefined);
});

test('preparePod parses required terms once, dropping empty ones; undefined without a required block (PreFilter preFilterState)', () => {
  assert.is(preparePod(makePod({}), gatesOff).requiredTerms, undefined);
  const prepared = preparePod(makePod(required([{}, { matchExpressions: [rq('a', 'Exists')] }])), gatesOn);
  assert.is(prepared.requiredTerms?.length, 1);
  assert.is(prepared.gates, gatesOn);
});

// --- real fixtures ---

// SOURCES.md line 33: kind-control-plane carries only the legacy node-role.kubernetes.io/master:NoSchedule taint,
// "A toleration for only `control-plane` does not help here."
test('fixture kind-control-plane: its legacy master taint blocks a control-plane-only toleration (TaintToleration Filter)', () => {
  const node = fixtureNodes().find((n) => n.name === 'kind-control-plane');
  assert.ok(node);
  const controlPlaneOnly = { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] };
  assert.equal(run(filterTaints, controlPlaneOnly, node!)?.details, ['taint node-role.kubernetes.io/master:NoSchedule is not tolerated']);
  assert.is(run(filterTaints, { tolerations: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }, node!), undefined);
});

// SOURCES.md line 34: kind-worker is Ready=False but has "no `node.kubernetes.io/not-ready` taint" — placement follows taints, not conditions.
test('fixture kind-worker-notready: a NotReady condition without a not-ready taint does not block (filters read taints, not conditions)', () => {
  const node = fixtureNodes().find((n) => n.name === 'kind-worker');
  assert.ok(node);
  assert.ok(node!.conditions.some((c) => c.type === 'Ready' && c.status === 'False'));
  for (const filter of filters) assert.is(run(filter, {}, node!), undefined);
});

// SOURCES.md line 52: fluentd's tolerations omit `operator` (Equal, empty value) and tolerate only the empty-valued
// control-plane and master taints.
test('fixture fluentd: operator-less tolerations tolerate only empty-valued master/control-plane taints (ToleratesTaint: "" means Equal)', () => {
  const pod = fixtureWorkload('daemonsets/fluentd.yaml').pod;
  assert.ok(pod.tolerations.every((t) => t.operator === ''));
  const prepared = preparePod(pod, gatesOff);
  const tainted = (key: string, value: string): Node => makeNode({ taints: [{ key, value, effect: 'NoSchedule' }] });
  assert.is(filterTaints(prepared, tainted('node-role.kubernetes.io/master', '')), undefined);
  assert.is(filterTaints(prepared, tainted('node-role.kubernetes.io/control-plane', '')), undefined);
  assert.is(filterTaints(prepared, tainted('node-role.kubernetes.io/master', 'true'))?.reason, 'node(s) had untolerated taint(s)');
  assert.is(filterTaints(prepared, tainted('dedicated', ''))?.reason, 'node(s) had untolerated taint(s)');
  assert.is(filterTaints(prepared, makeNode({ taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoExecute' }] }))?.reason, 'node(s) had untolerated taint(s)');
});

// SOURCES.md line 74: the tf-notebook toleration {key: nvidia.com/gpu, effect: NoSchedule} "does **not** tolerate GKE's nvidia.com/gpu=present:NoSchedule".
test('fixture gke-tf-notebook: a value-less Equal toleration does not tolerate nvidia.com/gpu=present:NoSchedule (ToleratesTaint Equal)', () => {
  const prepared = preparePod(fixtureWorkload('workloads/gke-tf-notebook-gpu-statefulset.yaml').pod, gatesOff);
  const gpu = makeNode({ taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] });
  assert.equal(filterTaints(prepared, gpu)?.details, ['taint nvidia.com/gpu=present:NoSchedule is not tolerated']);
});

test.run();
