/**
 * `NodeShouldRunDaemonPod` (pkg/controller/daemon/daemon_controller.go) as upstream's unit tests
 * pin it: TestNodeShouldRunDaemonPod's table, the taint tests (NoSchedule keeps running pods,
 * NoExecute removes them), the implicit DaemonSet tolerations, and that the indexed evaluation
 * (`decideAllNodes` over `compileDaemonRules`) answers exactly like the per-node reference on the
 * real fixture nodes for all the real fixture DaemonSets.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { daemonSetsFromSources } from '../../api/daemonset-inputs.js';
import { nodesFromSources } from '../../api/inputs.js';
import { readSources } from '../../api/read-sources.js';
import { reasonNodeAffinity, reasonNodeName, reasonUntoleratedTaint } from '../../eval/filters.js';
import { RuleEvaluator } from '../../node-index/evaluate-rule.js';
import { buildNodeIndex } from '../../node-index/node-index.js';
import type { JsonObject } from '../../model/decode.js';
import { defaultFeatureGates } from '../../model/feature-gates.js';
import type { DaemonSet } from '../../model/daemonset-types.js';
import type { Node } from '../../model/types.js';
import { realFixturesDir } from '../../testdata/fixtures.js';
import { daemonPodPlacement } from './daemon-pod.js';
import { compileDaemonRules, decideAllNodes, nodeShouldRunDaemonPod, type NodeDecision } from './should-run.js';
import {
  decodeDs,
  decodeNodes,
  dsObject,
  nodeObject,
  noExecuteTaints,
  noScheduleTaints,
  noScheduleTolerations,
  simpleDaemonSetLabel,
  simpleDaemonSetLabel2,
  simpleNodeLabel,
  updateStrategies,
  type DaemonSetOptions,
} from '../../testing/daemonset-fixtures.js';

const gates = defaultFeatureGates;

/** Every node's decision, by the indexed path; asserts the reference agrees node by node. */
function decideAll(ds: DaemonSet, nodes: readonly Node[]): NodeDecision[] {
  const daemonPod = daemonPodPlacement(ds.workload.pod);
  const evaluator = new RuleEvaluator(buildNodeIndex(nodes));
  const indexed = decideAllNodes(compileDaemonRules(daemonPod, gates, ds.workload.specPath), evaluator);
  return nodes.map((node, id) => {
    const reference = nodeShouldRunDaemonPod(daemonPod, node, gates);
    assert.equal(indexed[id], { node: node.name, ...reference }, `${ds.workload.name} on ${node.name}: indexed ≠ reference`);
    return reference;
  });
}

/** One node's (shouldRun, shouldContinueRunning), checked for both update strategies as upstream loops. */
function decide(ds: DaemonSetOptions, node: JsonObject): [boolean, boolean] {
  const answers = updateStrategies().map(({ strategy }) => {
    const [d] = decideAll(decodeDs(dsObject({ ...ds, strategy })), decodeNodes([node]));
    return [d!.shouldRun, d!.shouldContinueRunning] as [boolean, boolean];
  });
  assert.equal(answers[0], answers[1], 'the update strategy must not matter');
  return answers[0]!;
}

function reasons(ds: DaemonSetOptions, node: JsonObject): readonly string[] {
  return decideAll(decodeDs(dsObject(ds)), decodeNodes([node]))[0]!.reasons;
}

// TestNodeShouldRunDaemonPod's node: "test-node" labelled simpleDaemonSetLabel, allocatable 100M / 1 CPU.
const testNode = (options: Parameters<typeof nodeObject>[2] = {}): JsonObject => {
  const node = nodeObject('test-node', simpleDaemonSetLabel, options);
  (node['status'] as JsonObject)['allocatable'] = { memory: '100M', cpu: '1', pods: '100' };
  return node;
};
const resourcePodSpec = (nodeName: string, memory: string, cpu: string): JsonObject => ({
  ...(nodeName ? { nodeName } : {}),
  containers: [{ name: 'c', image: 'foo/bar', resources: { requests: { memory, cpu } } }],
});
const hostPortSpec = (port: number): JsonObject => ({ containers: [{ name: 'c', image: 'foo/bar', ports: [{ containerPort: port, hostPort: port }] }] });
const requiredTypeIn = (value: string): JsonObject => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: [value] }] }] } } },
});

// ---------- TestNodeShouldRunDaemonPod's table ----------

test('TestNodeShouldRunDaemonPod: ShouldRunDaemonPod', () => {
  assert.equal(decide({ spec: resourcePodSpec('', '50M', '0.5') }, testNode()), [true, true]);
});

test('TestNodeShouldRunDaemonPod: InsufficientResourceError (requests above allocatable still run)', () => {
  assert.equal(decide({ spec: resourcePodSpec('', '200M', '0.5') }, testNode()), [true, true]);
});

test('TestNodeShouldRunDaemonPod: ErrPodNotMatchHostName', () => {
  assert.equal(decide({ spec: resourcePodSpec('other-node', '50M', '0.5') }, testNode()), [false, false]);
  assert.equal(reasons({ spec: resourcePodSpec('other-node', '50M', '0.5') }, testNode()), [reasonNodeName]);
});

test('TestNodeShouldRunDaemonPod: ErrPodNotFitsHostPorts (host ports are not checked)', () => {
  assert.equal(decide({ spec: hostPortSpec(666) }, testNode()), [true, true]);
});

test('TestNodeShouldRunDaemonPod: InsufficientResourceError with a host port (resources not checked)', () => {
  assert.equal(decide({ spec: resourcePodSpec('', '100M', '0.5') }, testNode()), [true, true]);
});

test('TestNodeShouldRunDaemonPod: ErrNodeSelectorNotMatch', () => {
  assert.equal(decide({ spec: { nodeSelector: { ...simpleDaemonSetLabel2 } } }, testNode()), [false, false]);
  assert.equal(reasons({ spec: { nodeSelector: { ...simpleDaemonSetLabel2 } } }, testNode()), [reasonNodeAffinity]);
});

test('TestNodeShouldRunDaemonPod: ShouldRunDaemonPod with a matching nodeSelector', () => {
  assert.equal(decide({ spec: { nodeSelector: { ...simpleDaemonSetLabel } } }, testNode()), [true, true]);
});

test('TestNodeShouldRunDaemonPod: ErrPodAffinityNotMatch', () => {
  assert.equal(decide({ spec: requiredTypeIn('test') }, testNode()), [false, false]);
});

test('TestNodeShouldRunDaemonPod: ShouldRunDaemonPod with matching required node affinity', () => {
  assert.equal(decide({ spec: requiredTypeIn('production') }, testNode()), [true, true]);
});

test('TestNodeShouldRunDaemonPod: ShouldRunDaemonPodOnUnschedulableNode', () => {
  assert.equal(decide({ spec: resourcePodSpec('', '50M', '0.5') }, testNode({ unschedulable: true })), [true, true]);
});

// ---------- node name and selector together (TestNameAndSelector…, TestInconsistentNameSelector…) ----------

test('TestNameDaemonSetLaunchesPods / TestBadNameDaemonSetDoesNothing: template nodeName is an exact filter', () => {
  const nodes = decodeNodes([0, 1, 2, 3, 4].map((i) => nodeObject(`node-${i}`)));
  const run = (nodeName: string) => decideAll(decodeDs(dsObject({ spec: { nodeName } })), nodes).map((d) => d.shouldRun);
  assert.equal(run('node-0'), [true, false, false, false, false]);
  assert.equal(run('node-10'), [false, false, false, false, false]);
  assert.equal(run('Node-0'), [false, false, false, false, false]);
});

test('TestNameAndSelectorDaemonSetLaunchesPods / TestInconsistentNameSelectorDaemonSetDoesNothing', () => {
  const nodes = decodeNodes([
    ...[0, 1, 2, 3].map((i) => nodeObject(`node-${i}`)),
    ...[4, 5, 6].map((i) => nodeObject(`node-${i}`, simpleNodeLabel)),
  ]);
  const run = (nodeName: string) =>
    decideAll(decodeDs(dsObject({ spec: { nodeName, nodeSelector: { ...simpleNodeLabel } } })), nodes)
      .map((d, i) => (d.shouldRun ? `node-${i}` : undefined))
      .filter(Boolean);
  assert.equal(run('node-6'), ['node-6']);
  assert.equal(run('node-0'), []);
});

test('TestSelectorDaemonLaunchesPods / TestNodeAffinityDaemonLaunchesPods: selector and affinity pick the labelled nodes', () => {
  const nodes = decodeNodes([
    ...[0, 1, 2, 3].map((i) => nodeObject(`node-${i}`)),
    ...[4, 5, 6].map((i) => nodeObject(`node-${i}`, simpleNodeLabel)),
  ]);
  const selector = decideAll(decodeDs(dsObject({ spec: { nodeSelector: { ...simpleNodeLabel } } })), nodes).filter((d) => d.shouldRun);
  assert.is(selector.length, 3);
  const affinity = decideAll(
    decodeDs(dsObject({ spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'color', operator: 'In', values: ['blue'] }] }] } } } } })),
    nodes,
  ).filter((d) => d.shouldRun);
  assert.is(affinity.length, 3);
  // TestBadSelectorDaemonDoesNothing
  const bad = decideAll(decodeDs(dsObject({ spec: { nodeSelector: { color: 'red', speed: 'fast' } } })), nodes).filter((d) => d.shouldRun);
  assert.is(bad.length, 0);
});

test('required node affinity: terms are ORed, matchFields metadata.name is honoured, an empty term matches nothing', () => {
  const nodes = decodeNodes([nodeObject('a', { zone: 'x' }), nodeObject('b', { zone: 'y' }), nodeObject('c')]);
  const terms = (nodeSelectorTerms: JsonObject[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } });
  const run = (spec: JsonObject) => decideAll(decodeDs(dsObject({ spec })), nodes).map((d) => d.shouldRun);
  assert.equal(run(terms([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] }])), [true, false, true]);
  assert.equal(run(terms([{}])), [false, false, false]);
  assert.equal(run(terms([])), [false, false, false]);
  // nodeSelector and affinity are ANDed
  assert.equal(run({ nodeSelector: { zone: 'y' }, ...terms([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]) }), [false, true, false]);
  // preferred terms are not consulted
  assert.equal(
    run({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['nowhere'] }] } }] } } }),
    [true, true, true],
  );
});

// ---------- taints: two outputs ----------

test('TestTaintedNodeDaemonDoesNotLaunchIntolerantPod / TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod: NoSchedule → (false, true)', () => {
  const node = nodeObject('tainted', undefined, { taints: noScheduleTaints });
  assert.equal(decide({}, node), [false, true]);
  assert.equal(reasons({}, node), [reasonUntoleratedTaint]);
});

test('TestNoExecuteTaintedDoesEvicitRunningIntolerantPod: NoExecute → (false, false)', () => {
  assert.equal(decide({}, nodeObject('tainted', undefined, { taints: noExecuteTaints })), [false, false]);
  // NoSchedule and NoExecute together: the NoExecute one decides continue-running
  assert.equal(decide({}, nodeObject('tainted', undefined, { taints: [...noScheduleTaints, { key: 'other', effect: 'NoExecute' }] })), [false, false]);
});

test('TestTaintedNodeDaemonLaunchesToleratePod / TestNodeDaemonLaunchesToleratePod', () => {
  assert.equal(decide({ spec: { tolerations: noScheduleTolerations } }, nodeObject('tainted', undefined, { taints: noScheduleTaints })), [true, true]);
  assert.equal(decide({ spec: { tolerations: noScheduleTolerations } }, nodeObject('untainted')), [true, true]);
});

test('PreferNoSchedule taints are ignored', () => {
  assert.equal(decide({}, nodeObject('n', undefined, { taints: [{ key: 'dedicated', value: 'x', effect: 'PreferNoSchedule' }] })), [true, true]);
});

test('tolerationSeconds does not matter for placement: a NoExecute toleration with seconds tolerates', () => {
  const spec = { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] };
  assert.equal(decide({ spec }, nodeObject('n', undefined, { taints: noExecuteTaints })), [true, true]);
});

// ---------- implicit tolerations ----------

test('TestNotReadyNodeDaemonLaunchesPod / TestUnreachableNodeDaemonLaunchesPod: not-ready and unreachable NoExecute are tolerated', () => {
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const node = nodeObject('tainted', undefined, { taints: [{ key, effect: 'NoExecute', timeAdded: '2026-03-01T11:00:00Z' }], conditions: [{ type: 'Ready', status: 'False' }] });
    assert.equal(decide({}, node), [true, true], key);
  }
});

test('TestTaintPressureNodeDaemonLaunchesPod: disk, memory and PID pressure are tolerated; so is the cordon taint', () => {
  const taints = ['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable'].map((k) => ({ key: `node.kubernetes.io/${k}`, effect: 'NoSchedule' }));
  assert.equal(decide({}, nodeObject('resources-pressure', undefined, { taints, unschedulable: true })), [true, true]);
});

test('network-unavailable is tolerated only with hostNetwork', () => {
  const node = nodeObject('network-unavailable', undefined, { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] });
  assert.equal(decide({}, node), [false, true]);
  assert.equal(decide({ spec: { hostNetwork: true } }, node), [true, true]);
  // the same key with NoExecute is outside the implicit toleration's effect
  const noExecute = nodeObject('n', undefined, { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoExecute' }] });
  assert.equal(decide({ spec: { hostNetwork: true } }, noExecute), [false, false]);
});

test('TestNotReadyNodeDaemonDoesLaunchPod / TestNetworkUnavailableNodeDaemonLaunchesPod: conditions without taints change nothing', () => {
  for (const conditions of [[{ type: 'Ready', status: 'False' }], [{ type: 'NetworkUnavailable', status: 'True' }], [{ type: 'Ready', status: 'Unknown' }]]) {
    assert.equal(decide({}, nodeObject('n', undefined, { conditions })), [true, true], JSON.stringify(conditions));
  }
});

test('implicit tolerations cover only their own keys: a custom NoExecute taint still removes the pod', () => {
  assert.equal(decide({}, nodeObject('n', undefined, { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] })), [false, false]);
});

// ---------- indexed = reference on the real fixtures ----------

const options = { validate: true, featureGates: gates };
const realNodes = nodesFromSources(readSources(`${realFixturesDir}/nodes`, () => ''), options);
const realDaemonSets = daemonSetsFromSources(readSources(`${realFixturesDir}/daemonsets`, () => ''), options);

test('real fixtures: decideAllNodes(compileDaemonRules(...)) equals nodeShouldRunDaemonPod for all 17 DaemonSets', () => {
  assert.is(realDaemonSets.length, 17);
  assert.ok(realNodes.length >= 10);
  let runs = 0;
  let keeps = 0;
  let stops = 0;
  for (const ds of realDaemonSets) {
    for (const d of decideAll(ds, realNodes)) {
      if (d.shouldRun) runs++;
      else if (d.shouldContinueRunning) keeps++;
      else stops++;
    }
  }
  // the fixtures exercise all three outcomes
  assert.ok(runs > 0 && keeps > 0 && stops > 0, JSON.stringify({ runs, keeps, stops }));
});

test('real fixtures: decisions survive a node index built in another order', () => {
  const reversed = [...realNodes].reverse();
  for (const ds of realDaemonSets) {
    const forward = decideAll(ds, realNodes);
    const backward = decideAll(ds, reversed).reverse();
    assert.equal(backward, forward, ds.workload.name);
  }
});

function realDecision(dsName: string, nodeName: string): [boolean, boolean] {
  const ds = realDaemonSets.find((d) => d.workload.name === dsName);
  const id = realNodes.findIndex((n) => n.name === nodeName);
  assert.ok(ds, dsName);
  assert.ok(id >= 0, nodeName);
  const d = decideAll(ds!, realNodes)[id]!;
  return [d.shouldRun, d.shouldContinueRunning];
}

test('real fixtures: spot checks from SOURCES.md', () => {
  const byName = (file: string) => (realNodes.find((n) => n.name.includes(file)) ?? assert.unreachable(file)) as Node;
  const kindControlPlane = byName('kind-control-plane');
  const openshiftMaster = realNodes.find((n) => n.taints.some((t) => t.key === 'node-role.kubernetes.io/master') && n.name !== kindControlPlane.name)!;
  const gpuNodes = realNodes.filter((n) => n.labels.get('nvidia.com/gpu.present') === 'true').map((n) => n.name);
  // datadog: linux nodeSelector, no tolerations → kept off (but not evicted from) master-tainted nodes
  const datadog = realDaemonSets.find((d) => d.workload.name.startsWith('datadog'))!.workload.name;
  assert.equal(realDecision(datadog, kindControlPlane.name), [false, true]);
  assert.equal(realDecision(datadog, openshiftMaster.name), [false, true]);
  // kube-proxy tolerates everything and selects linux
  assert.equal(realDecision('kube-proxy', kindControlPlane.name), [true, true]);
  // windows DaemonSets never run on the (linux) fixture nodes
  const windows = realDaemonSets.filter((d) => d.workload.pod.nodeSelector?.get('kubernetes.io/os') === 'windows');
  assert.ok(windows.length >= 2);
  for (const ds of windows) for (const d of decideAll(ds, realNodes)) assert.equal([d.shouldRun, d.shouldContinueRunning], [false, false], ds.workload.name);
  // gpu-feature-discovery's ORed terms select exactly the GPU nodes
  assert.ok(gpuNodes.length >= 1);
  const gfd = realDaemonSets.find((d) => d.workload.name.includes('feature-discovery'))!;
  const gfdRuns = decideAll(gfd, realNodes)
    .map((d, i) => (d.shouldRun ? realNodes[i]!.name : undefined))
    .filter((n): n is string => n !== undefined);
  assert.ok(gpuNodes.every((n) => gfdRuns.includes(n)), JSON.stringify({ gpuNodes, gfdRuns }));
});

test.run();
