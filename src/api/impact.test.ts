/**
 * `engine.impact` on the real fixture nodes, workloads and DaemonSets: explicit scenarios, and a
 * differential check against actually applying the changes to a second engine (indexed) and
 * diffing its eligible sets and DaemonSet decisions.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError } from '../errors.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { daemonSetsFromSources, podsFromSources } from './daemonset-inputs.js';
import { createEngine } from './engine.js';
import { applyNodeChange, type ImpactTarget } from './impact.js';
import { decodeNodeChanges, type NodeChange } from './impact-inputs.js';
import { nodesFromSources, workloadsFromSources } from './inputs.js';
import { loadPolicies } from './load-policies.js';
import { readSources } from './read-sources.js';
import { parseDocuments } from '../model/parse-documents.js';

const options = { validate: true, featureGates: defaultFeatureGates };
const read = (dir: string) => readSources(join(realFixturesDir, dir), () => '');
const nodes = nodesFromSources(read('nodes'), options);
const workloads = workloadsFromSources(read('workloads'), options);
const daemonsets = daemonSetsFromSources(read('daemonsets'), options);

const plain = workloadsFromSources(
  parseDocuments(
    JSON.stringify({ kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' } } } } }),
    'web.json',
  ),
  options,
)[0]!;
const kubeProxy = daemonsets.find((d) => d.workload.name === 'kube-proxy')!;
const calico = workloads.find((w) => w.name === 'calico-kube-controllers')!;

function impactOf(changes: NodeChange[], targets: ImpactTarget[]) {
  return createEngine({ nodes }).impact(changes, targets);
}

test('removing the control-plane taint: a plain Deployment gains the node, a workload that tolerates it does not change', () => {
  const r = impactOf([{ node: 'kind-control-plane', removeTaints: [{ key: 'node-role.kubernetes.io/master' }] }], [plain, calico]);
  assert.equal(r.workloads, [
    { workload: 'shop/web', kind: 'Deployment', gained: ['kind-control-plane'], lost: [], evict: [], notEvaluated: [] },
    { workload: `${calico.namespace}/calico-kube-controllers`, kind: 'Deployment', gained: [], lost: [], evict: [], notEvaluated: [] },
  ]);
  assert.equal(r.daemonsets, []);
});

test('with the cluster\'s pods, a workload\'s impact counts NodePorts and NodeResourcesFit as eligible does: a node whose port is taken or that is too small is not gained', () => {
  // node-exporter holds host port 9100 on kind-control-plane (cluster-pods.json).
  const pods = podsFromSources(read('pods')).pods;
  const web = (containers: unknown[]): Workload =>
    workloadsFromSources(parseDocuments(JSON.stringify({ kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { spec: { containers } } } }), 'web.json'), options)[0]!;
  const port = web([{ name: 'c', image: 'i', ports: [{ containerPort: 9100, hostPort: 9100 }] }]);
  const huge = web([{ name: 'c', image: 'i', resources: { requests: { cpu: '1000' } } }]);
  const untaint = [{ node: 'kind-control-plane', removeTaints: [{ key: 'node-role.kubernetes.io/master' }] }];
  const gained = (engine: ReturnType<typeof createEngine>, w: Workload) => engine.impact(untaint, [w]).workloads[0]!.gained;
  assert.equal(gained(createEngine({ nodes }), port), ['kind-control-plane'], 'without pods, the port is free');
  const withPods = createEngine({ nodes, pods });
  // NodePorts (framework/plugins/nodeports): "node(s) didn't have free ports for the requested pod ports".
  assert.equal(gained(withPods, port), []);
  // NodeResourcesFit (noderesources/fit.go): Insufficient cpu, with or without the taint.
  assert.equal(gained(withPods, huge), []);
  assert.equal(withPods.impact(untaint, [port]).workloads[0]!.notEvaluated, [], 'nothing left out: both filters were judged');
  assert.equal(gained(withPods, plain), ['kind-control-plane']);
});

test('a NoExecute taint: the workload loses the node and its pods there are evicted; kube-proxy tolerates everything', () => {
  const r = impactOf([{ node: 'kind-worker', addTaints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] }], [plain, kubeProxy]);
  assert.equal(r.workloads[0], { workload: 'shop/web', kind: 'Deployment', gained: [], lost: ['kind-worker'], evict: ['kind-worker'], notEvaluated: [] });
  assert.equal(r.daemonsets[0], { daemonset: 'kube-system/kube-proxy', create: [], evict: [], stopScheduling: [], lost: [], notEvaluated: [] });
});

test('a cordon: workloads lose the node, DaemonSets do not (the controller ignores spec.unschedulable)', () => {
  const r = impactOf([{ node: 'kind-worker', unschedulable: true }], [plain, ...daemonsets]);
  assert.equal(r.workloads[0]!.lost, ['kind-worker']);
  assert.equal(r.workloads[0]!.evict, []);
  for (const d of r.daemonsets) assert.equal([d.create, d.evict, d.stopScheduling, d.lost], [[], [], [], []], d.daemonset);
});

test('relabelling a node to Windows evicts kube-proxy (nodeSelector linux); a NoSchedule taint only stops scheduling', () => {
  const relabel = impactOf([{ node: 'kind-worker', setLabels: new Map([['kubernetes.io/os', 'windows']]) }], [kubeProxy]);
  assert.equal(relabel.daemonsets[0]!.evict, ['kind-worker']);
  assert.equal(relabel.daemonsets[0]!.lost, ['kind-worker'], 'no longer shouldRun, and the running pod goes');
  const plugin = daemonsets.find((d) => d.workload.name === 'nvidia-device-plugin-daemonset')!;
  const tainted = impactOf([{ node: 'minikube', addTaints: [{ key: 'example.com/x', effect: 'NoSchedule' }] }], [plugin]);
  assert.equal(tainted.daemonsets[0], { daemonset: 'kube-system/nvidia-device-plugin-daemonset', create: [], evict: [], stopScheduling: ['minikube'], lost: ['minikube'], notEvaluated: [] });
  const untainted = impactOf([{ node: 'kind-control-plane', removeTaints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }], [plugin]);
  assert.equal(untainted.daemonsets[0]!.create, ['kind-control-plane']);
});

test('changes to one node apply cumulatively; a taint added then removed is no change', () => {
  const r = impactOf(
    [
      { node: 'minikube', addTaints: [{ key: 'a', effect: 'NoSchedule' }] },
      { node: 'minikube', removeTaints: [{ key: 'a' }] },
    ],
    [plain],
  );
  assert.equal(r.workloads[0], { workload: 'shop/web', kind: 'Deployment', gained: [], lost: [], evict: [], notEvaluated: [] });
});

test('each answer lists what it did not evaluate: the workload pod as the scheduler sees it, the DaemonSet template as its controller does', () => {
  const [withClaim] = workloadsFromSources(
    parseDocuments(JSON.stringify({ kind: 'Pod', metadata: { name: 'db', namespace: 'shop' }, spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'd' } }] } }), 'db.json'),
    options,
  );
  const r = impactOf([{ node: 'kind-worker', unschedulable: true }], [withClaim!, kubeProxy]);
  assert.equal(r.workloads[0]!.notEvaluated.map((n) => n.field), ['spec.volumes[0].persistentVolumeClaim']);
  assert.equal(r.daemonsets[0]!.notEvaluated, createEngine({ nodes }).daemonNotEvaluated(kubeProxy));
});

test('an unknown node is a not-found error at its change; invalid changes are reported with paths', () => {
  const engine = createEngine({ nodes });
  try {
    engine.impact([{ node: 'minikube' }, { node: 'nope' }], [plain]);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.is(error.code, 'not-found');
    assert.equal(error.lines(), ['changes[1].node: Not found: "nope"']);
  }
  try {
    engine.impact([{ node: 'minikube', addTaints: [{ key: 'a', effect: 'NoPlace' }], removeLabels: ['bad key'] }], [plain]);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.is(error.code, 'invalid');
    assert.equal(error.errors.map((e) => e.path), ['changes[0].addTaints[0].effect', 'changes[0].removeLabels[0]']);
  }
});

test('decodeNodeChanges: types, unknown fields and validation, all at once', () => {
  try {
    decodeNodeChanges([{ node: 'n1', addTaint: [] }, { node: 3, setLabels: { ok: 1 } }, { node: 'n2', unschedulable: 'yes' }]);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.equal(error.errors.map((e) => e.path), ['changes[0].addTaint', 'changes[1].node', 'changes[1].setLabels[ok]', 'changes[2].unschedulable']);
  }
  assert.throws(() => decodeNodeChanges(undefined), (e: unknown) => isPlacementError(e) && e.errors[0]!.path === 'changes');
  // Decoding keeps a `__proto__` key as a plain entry; validation then rejects it as a label key (it starts with "_").
  const proto = JSON.parse('{"node": "n1", "setLabels": {"__proto__": "x", "constructor": "y"}}') as unknown;
  try {
    decodeNodeChanges([proto]);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.equal(error.errors.map((e) => [e.path, e.badValue]), [['changes[0].setLabels', '__proto__']]);
  }
  const [change] = decodeNodeChanges([{ node: 'n1', setLabels: { constructor: 'y' }, removeTaints: [{ key: 'k' }] }]);
  assert.equal(change, { node: 'n1', addTaints: [], removeTaints: [{ key: 'k' }], removeLabels: [], setLabels: new Map([['constructor', 'y']]) });
});

test('impact never touches the engine: answers before and after are the same', () => {
  const engine = createEngine({ nodes });
  const before = engine.eligible(plain);
  engine.impact([{ node: 'kind-worker', unschedulable: true, setLabels: { 'kubernetes.io/os': 'windows' } }], [plain, ...daemonsets]);
  assert.equal(engine.eligible(plain), before);
  assert.is(engine.node('kind-worker')!.unschedulable, false);
});

test('custom policies count: labelling a node into a team pool gains it for that team only', () => {
  const policies = loadPolicies(fileURLToPath(new URL('../../rules/policies', import.meta.url)));
  const team = (namespace: string) => ({ ...plain, namespace, name: `${namespace}-app` });
  const engine = createEngine({ nodes, policies });
  assert.equal(engine.eligible(team('team-a')).eligible, []);
  const r = engine.impact([{ node: 'kind-worker', setLabels: { 'example.com/team': 'team-a' } }], [team('team-a'), team('team-b'), plain]);
  assert.equal(
    r.workloads.map((w) => [w.workload, w.gained, w.lost]),
    [
      ['team-a/team-a-app', ['kind-worker'], []],
      ['team-b/team-b-app', [], []],
      ['shop/web', [], []],
    ],
  );
});

/** The impact computed the slow way: apply the changes to a second engine and diff the answers. */
function applied(changes: NodeChange[], targets: ImpactTarget[]) {
  const before = createEngine({ nodes });
  const after = createEngine({ nodes });
  for (const change of changes) after.upsertNode(applyNodeChange(after.node(change.node)!, change));
  const diff = (a: readonly string[], b: readonly string[]) => a.filter((n) => !b.includes(n)).sort();
  const decisions = (e: typeof before, t: ImpactTarget) => e.daemonset(t as never, [], { now: 0 }).nodes;
  return targets.map((t) => {
    if ('updateStrategy' in t) {
      const [was, is] = [decisions(before, t), decisions(after, t)];
      const flipped = (pick: (n: (typeof was)[number]) => boolean, to: boolean) => was.filter((n, i) => pick(n) !== to && pick(is[i]!) === to).map((n) => n.node).sort();
      return { create: flipped((n) => n.shouldRun, true), evict: flipped((n) => n.shouldContinueRunning, false) };
    }
    const [was, is] = [before.eligible(t as Workload).eligible, after.eligible(t as Workload).eligible];
    return { gained: diff(is, was), lost: diff(was, is) };
  });
}

const scenarios: NodeChange[][] = [
  [{ node: 'kind-control-plane', removeTaints: [{ key: 'node-role.kubernetes.io/master' }] }],
  [{ node: 'kind-worker', addTaints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }] }],
  [{ node: 'kind-worker', unschedulable: true }],
  [{ node: 'kind-worker', setLabels: { 'kubernetes.io/os': 'windows' } }],
  [{ node: 'ip-172-31-21-92', removeLabels: ['nvidia.com/gpu.present'], addTaints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }],
  [{ node: 'nori', setLabels: { 'kubernetes.io/arch': 'arm64' }, unschedulable: true }, { node: 'minikube', addTaints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }],
  nodes.map((n: Node) => ({ node: n.name, addTaints: [{ key: 'example.com/dedicated', value: 'x', effect: 'NoSchedule' }] })),
  nodes.map((n: Node) => ({ node: n.name, removeTaints: [{ key: 'node-role.kubernetes.io/master' }], setLabels: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4', 'cloud.google.com/gke-spot': 'true' } })),
];

test('differential: impact equals applying the changes and diffing, for every fixture workload and DaemonSet', () => {
  const targets: ImpactTarget[] = [...workloads, plain, ...daemonsets];
  scenarios.forEach((changes, s) => {
    const r = impactOf(changes, targets);
    const expected = applied(changes, targets);
    const got = [
      ...r.workloads.map((w) => ({ gained: [...w.gained].sort(), lost: [...w.lost].sort() })),
      ...r.daemonsets.map((d) => ({ create: [...d.create].sort(), evict: [...d.evict].sort() })),
    ];
    assert.equal(got, expected, `scenario ${s}`);
  });
});

test.run();
