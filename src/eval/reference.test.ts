import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import type { Node } from '../model/types.js';
import { preparePod } from './filters.js';
import { evaluateReference, failingFilters, judgeNode } from './reference.js';
import { fixtureNodes, fixtureWorkload, gatesOff, makeNode, makePod, required, rq } from '../testing/placement-fixtures.js';

// Upstream: pkg/scheduler/schedule_one.go (findNodesThatFitPod, PreFilterResult, ErrNoNodesAvailable),
// pkg/scheduler/framework/types.go (FitError.Error), framework/runtime/framework.go (RunFilterPlugins stops
// at the first failure).

const taintReason = 'node(s) had untolerated taint(s)';
const affinityReason = "node(s) didn't match Pod's node affinity/selector";
const unschedulableReason = 'node(s) were unschedulable';
const nodeNameReason = "node(s) didn't match the requested node name";
const preFilterReason = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

function evaluate(spec: JsonObject, nodes: readonly Node[]) {
  return evaluateReference(makePod(spec), nodes, gatesOff);
}

const tainted = (name: string): Node => makeNode({ name, taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] });
const plain = (name: string, nodeLabels: Record<string, string> = {}): Node => makeNode({ name, labels: nodeLabels });

// --- per-node reasons ---

test('failingFilters lists every failing filter in plugin order, though the scheduler stops at the first (RunFilterPlugins)', () => {
  const node = makeNode({ name: 'n', unschedulable: true, taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] });
  const prepared = preparePod(makePod({ nodeName: 'other', nodeSelector: { zone: 'a' } }), gatesOff);
  assert.equal(failingFilters(prepared, node).map((f) => f.filter), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity']);
  const verdict = judgeNode(prepared, node);
  assert.is(verdict.schedulerReason, unschedulableReason, 'the scheduler records only the first failing plugin');
  assert.equal(verdict.failures.map((f) => f.reason), [unschedulableReason, nodeNameReason, taintReason, affinityReason]);
});

test('an eligible node has no failures and no scheduler reason (RunFilterPlugins returns success)', () => {
  const verdict = judgeNode(preparePod(makePod({}), gatesOff), plain('a'));
  assert.equal(verdict.failures, []);
  assert.is(verdict.schedulerReason, undefined);
});

test('ineligible reasons list every failing filter while the summary counts only the first (FitError histogram over NodeToStatus)', () => {
  const nodes = [makeNode({ name: 'a', unschedulable: true, taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] }), plain('b')];
  const result = evaluate({ nodeSelector: { zone: 'a' } }, nodes);
  assert.equal(result.ineligible[0]?.reasons, [unschedulableReason, taintReason, affinityReason]);
  assert.equal(result.ineligible[1]?.reasons, [affinityReason]);
  assert.is(result.message, `0/2 nodes are available: 1 ${affinityReason}, 1 ${unschedulableReason}.`);
});

test('details name the untolerated taint and the failing term and label', () => {
  const node = makeNode({ name: 'a', labels: { zone: 'b' }, taints: [{ key: 'dedicated', value: 'infra', effect: 'NoExecute' }] });
  const result = evaluate(required([{ matchExpressions: [rq('zone', 'In', ['a'])] }]), [node]);
  assert.equal(result.ineligible[0]?.details, ['taint dedicated=infra:NoExecute is not tolerated', 'nodeSelectorTerms[0]: zone In [a]: node has zone=b']);
});

// --- summary ---

test('summary: "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn\'t match Pod\'s node affinity/selector." (FitError.Error)', () => {
  const result = evaluate({ nodeSelector: { zone: 'a' } }, [tainted('t'), plain('x', { zone: 'b' }), plain('y')]);
  assert.equal(result.eligible, []);
  assert.is(result.message, "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.");
  assert.equal(result.ineligible.map((i) => i.node), ['t', 'x', 'y']);
});

test('summary: "K/N nodes are available" when some nodes are eligible; eligible keep input order', () => {
  const result = evaluate({ nodeSelector: { zone: 'a' } }, [plain('z1', { zone: 'a' }), tainted('t'), plain('z2', { zone: 'a' })]);
  assert.equal(result.eligible, ['z1', 'z2']);
  assert.is(result.message, `2/3 nodes are available: 1 ${taintReason}.`);
});

test('summary when every node is eligible is "N/N nodes are available." (placement\'s form; kube-scheduler raises no FitError then)', () => {
  assert.is(evaluate({}, [plain('a'), plain('b')]).message, '2/2 nodes are available.');
});

test('summary for zero nodes is "no nodes available to schedule pods" (schedule_one.go ErrNoNodesAvailable)', () => {
  const result = evaluate({ nodeSelector: { zone: 'a' } }, []);
  assert.is(result.message, 'no nodes available to schedule pods');
  assert.equal(result.eligible, []);
  assert.equal(result.ineligible, []);
});

test('histogram entries sort as strings: 12 nodes give "10 node(s) had ..." before "2 node(s) didn\'t ..." (FitError sort.Strings)', () => {
  const nodes = [...Array.from({ length: 10 }, (_, i) => tainted(`t${i}`)), plain('x'), plain('y')];
  const result = evaluate({ nodeSelector: { zone: 'a' } }, nodes);
  assert.is(result.message, `0/12 nodes are available: 10 ${taintReason}, 2 ${affinityReason}.`);
});

test('histogram sorts as strings, not by count nor by reason: "1 ... were unschedulable", "10 ... taint(s)", "2 ... affinity" (FitError sort.Strings)', () => {
  const nodes = [makeNode({ name: 'c', unschedulable: true }), ...Array.from({ length: 10 }, (_, i) => tainted(`t${i}`)), plain('x'), plain('y')];
  const result = evaluate({ nodeSelector: { zone: 'a' } }, nodes);
  assert.is(result.message, `0/13 nodes are available: 1 ${unschedulableReason}, 10 ${taintReason}, 2 ${affinityReason}.`);
});

// --- the four filters end to end ---

test('a cordoned node needs node.kubernetes.io/unschedulable:NoSchedule tolerated with an EMPTY value (NodeUnschedulable + TaintToleration)', () => {
  // A cordoned node normally carries the real taint too (well_known_taints.go TaintNodeUnschedulable).
  const node = makeNode({ name: 'c', unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
  assert.equal(evaluate({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }, [node]).eligible, ['c']);
  assert.equal(evaluate({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }, [node]).eligible, ['c']);
  const withValue = evaluate({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Equal', value: 'true', effect: 'NoSchedule' }] }, [node]);
  assert.equal(withValue.ineligible[0]?.reasons, [unschedulableReason, taintReason]);
  assert.is(withValue.message, `0/1 nodes are available: 1 ${unschedulableReason}.`);
});

test('a cordoned node without the taint is still rejected by NodeUnschedulable alone (node_unschedulable.go)', () => {
  const result = evaluate({}, [makeNode({ name: 'c', unschedulable: true }), plain('ok')]);
  assert.equal(result.eligible, ['ok']);
  assert.is(result.message, `1/2 nodes are available: 1 ${unschedulableReason}.`);
});

test('NoExecute blocks like NoSchedule; PreferNoSchedule never blocks (DoNotScheduleTaintsFilterFunc)', () => {
  const nodes = [
    makeNode({ name: 'exec', taints: [{ key: 'k', effect: 'NoExecute' }] }),
    makeNode({ name: 'sched', taints: [{ key: 'k', effect: 'NoSchedule' }] }),
    makeNode({ name: 'prefer', taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }),
  ];
  const result = evaluate({}, nodes);
  assert.equal(result.eligible, ['prefer']);
  assert.is(result.message, `1/3 nodes are available: 2 ${taintReason}.`);
});

test('nodeName: only the named node is eligible, the rest get the NodeName reason (node_name.go ErrReason)', () => {
  const result = evaluate({ nodeName: 'b' }, [plain('a'), plain('b'), plain('c')]);
  assert.equal(result.eligible, ['b']);
  assert.is(result.message, `1/3 nodes are available: 2 ${nodeNameReason}.`);
});

// --- NodeAffinity PreFilter ---

test('PreFilter: nodes outside the metadata.name set get "node(s) didn\'t satisfy plugin(s) [NodeAffinity]" in the summary (schedule_one.go SetAbsentNodesStatus)', () => {
  const result = evaluate(required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }]), [plain('n1'), plain('n2'), plain('n3')]);
  assert.equal(result.eligible, ['n1']);
  assert.equal(result.ineligible.map((i) => i.reasons), [[preFilterReason], [preFilterReason]]);
  assert.is(result.message, `1/3 nodes are available: 2 ${preFilterReason}.`);
  assert.ok(result.ineligible[0]?.details[0]?.includes('n1'));
});

test('PreFilter: an excluded node never runs the filters, so the summary counts only the PreFilter reason; its reasons still list the other failures', () => {
  const result = evaluate(required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }]), [plain('n1'), tainted('t')]);
  assert.equal(result.ineligible[0]?.reasons, [taintReason, preFilterReason]);
  assert.is(result.message, `1/2 nodes are available: 1 ${preFilterReason}.`);
});

test('PreFilter: a named node that fails the Filter gets the affinity reason (node_affinity_test "Pod with one term: matchFields does not match, but matchExpressions matches")', () => {
  const spec = required([{ matchFields: [rq('metadata.name', 'In', ['n1'])], matchExpressions: [rq('foo', 'In', ['bar'])] }]);
  const result = evaluate(spec, [plain('n1'), plain('n2', { foo: 'bar' })]);
  assert.equal(result.eligible, []);
  assert.is(result.message, `0/2 nodes are available: 1 ${affinityReason}, 1 ${preFilterReason}.`);
});

test('PreFilter: two terms of node.Name affinity admit both names (node_affinity_test "Pod with two terms of node.Name affinity")', () => {
  const spec = required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }, { matchFields: [rq('metadata.name', 'In', ['n2'])] }]);
  const result = evaluate(spec, [plain('n1'), plain('n2'), plain('n3')]);
  assert.equal(result.eligible, ['n1', 'n2']);
  assert.is(result.message, `2/3 nodes are available: 1 ${preFilterReason}.`);
});

test('PreFilter: conflicting names fail the pod with "0/N nodes are available: pod affinity terms conflict." and no histogram (FitError PreFilterMsg)', () => {
  const spec = required([{ matchFields: [rq('metadata.name', 'In', ['n1']), rq('metadata.name', 'In', ['n2'])] }]);
  const result = evaluate(spec, [plain('n1'), plain('n2'), tainted('t')]);
  assert.equal(result.eligible, []);
  assert.is(result.message, '0/3 nodes are available: pod affinity terms conflict.');
  assert.equal(result.ineligible.map((i) => i.reasons), [['pod affinity terms conflict'], ['pod affinity terms conflict'], ['pod affinity terms conflict']]);
});

test('PreFilter conflict with zero nodes is still "no nodes available to schedule pods" (checked before PreFilter in schedulePod)', () => {
  const spec = required([{ matchFields: [rq('metadata.name', 'In', ['n1']), rq('metadata.name', 'In', ['n2'])] }]);
  assert.is(evaluate(spec, []).message, 'no nodes available to schedule pods');
});

test('without a full metadata.name restriction there is no PreFilter text: plain affinity reasons (PreFilter returns nil)', () => {
  const spec = required([{ matchFields: [rq('metadata.name', 'In', ['n1'])] }, { matchExpressions: [rq('foo', 'Exists')] }]);
  const result = evaluate(spec, [plain('n1'), plain('n2'), plain('n3', { foo: '' })]);
  assert.equal(result.eligible, ['n1', 'n3']);
  assert.is(result.message, `2/3 nodes are available: 1 ${affinityReason}.`);
});

// --- real fixtures (src/testdata/real, see SOURCES.md there) ---

const nodes = fixtureNodes();
const allNames = nodes.map((n) => n.name);
const eligibleFor = (file: string) => evaluateReference(fixtureWorkload(file).pod, nodes, gatesOff);

test('fixtures: the eleven sample nodes load and pass API validation (ValidateNode)', () => {
  assert.is(nodes.length, 11);
  assert.ok(allNames.includes('kind-control-plane'));
  assert.ok(allNames.includes('kind-worker'));
});

// SOURCES.md line 62: cluster-autoscaler-aws "**Fits none of the sample nodes.**" — nodeSelector kubernetes.io/role: control-plane
// is never set, and its toleration `control-plane Equal "true"` does not match empty-valued taints.
test('fixture cluster-autoscaler-aws fits none of the sample nodes', () => {
  const result = eligibleFor('workloads/cluster-autoscaler-aws-control-plane-deployment.yaml');
  assert.equal(result.eligible, []);
  assert.is(result.message, `0/11 nodes are available: 2 ${taintReason}, 9 ${affinityReason}.`);
  const kind = result.ineligible.find((i) => i.node === 'kind-control-plane');
  assert.equal(kind?.reasons, [taintReason, affinityReason]);
});

// SOURCES.md line 52: fluentd tolerations omit `operator`; they tolerate the empty-valued `control-plane` and `master` taints.
test('fixture fluentd tolerates the empty-valued legacy master taints, so it fits all sample nodes', () => {
  const result = eligibleFor('daemonsets/fluentd.yaml');
  assert.equal(result.eligible, allNames);
  assert.is(result.message, '11/11 nodes are available.');
});

// SOURCES.md line 63: hetzner autoscaler requires control-plane Exists and tolerates only the control-plane taint:
// kind-control-plane (legacy master taint) stays blocked, the OpenShift master fails the affinity.
test('fixture cluster-autoscaler-hetzner: control-plane Exists ignores the label value; the legacy master taint still blocks kind-control-plane', () => {
  const result = eligibleFor('workloads/cluster-autoscaler-hetzner-control-plane-deployment.yaml');
  assert.equal(result.eligible, ['c9b7eea91', 'attack-chain-6-control-plane', 'ip-172-31-21-92', 'minikube', 'nori']);
  assert.equal(result.ineligible.find((i) => i.node === 'kind-control-plane')?.reasons, [taintReason]);
  assert.equal(result.ineligible.find((i) => i.node === 'ci-ln-3z9y7mt-f76d1-69jcr-master-0')?.reasons, [taintReason, affinityReason]);
  assert.is(result.message, `5/11 nodes are available: 2 ${taintReason}, 4 ${affinityReason}.`);
});

// SOURCES.md line 34: kind-worker is NotReady without a not-ready taint; placement follows taints, not conditions.
// SOURCES.md line 65: karpenter prefer-arm is preferred-only and never filters.
test('fixture kind-worker-notready is NOT blocked: a constraint-free workload fits it; only the master-tainted nodes are excluded', () => {
  const result = eligibleFor('workloads/karpenter-prefer-arm-deployment.yaml');
  assert.ok(result.eligible.includes('kind-worker'));
  assert.equal(result.ineligible.map((i) => i.node), ['kind-control-plane', 'ci-ln-3z9y7mt-f76d1-69jcr-master-0']);
  assert.is(result.message, `9/11 nodes are available: 2 ${taintReason}.`);
});

// SOURCES.md line 69: ingress-nginx kind tolerations are `operator: Equal` with no value, matching the empty-valued master taints.
test('fixture ingress-nginx-kind: Equal with no value tolerates the empty-valued master taints (fits all sample nodes)', () => {
  assert.equal(eligibleFor('workloads/ingress-nginx-kind-deployment.yaml').eligible, allNames);
});

// SOURCES.md line 64: azure inflate requires kubernetes.azure.com/mode In [user]; "the sampled older AKS node lacks that label, so nothing fits".
test('fixture cluster-autoscaler-azure-inflate fits nothing (In on an absent label never matches)', () => {
  const result = eligibleFor('workloads/cluster-autoscaler-azure-inflate-deployment.yaml');
  assert.equal(result.eligible, []);
  assert.equal(result.ineligible.find((i) => i.node === 'aks-agentpool-30520393-vmss000000')?.details, [
    'nodeSelectorTerms[0]: kubernetes.azure.com/mode In [user]: node has no label kubernetes.azure.com/mode',
  ]);
});

// SOURCES.md line 48: gpu-feature-discovery has three ORed nodeSelectorTerms and no tolerations.
test('fixture nvidia-gpu-feature-discovery: three ORed terms select the two NVIDIA nodes', () => {
  const result = eligibleFor('daemonsets/nvidia-gpu-feature-discovery.yaml');
  assert.equal(result.eligible, ['ip-172-31-21-92', 'nori']);
  assert.is(result.message, `2/11 nodes are available: 2 ${taintReason}, 7 ${affinityReason}.`);
});

// SOURCES.md line 44: aws-node ANDs os In, arch In and compute-type NotIn; "NotIn also matches nodes that lack the label".
test('fixture aws-node: NotIn matches nodes without the label, so every (linux, amd64) sample node fits', () => {
  assert.equal(eligibleFor('daemonsets/aws-node.yaml').eligible, allNames);
});

test.run();
