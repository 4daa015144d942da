/**
 * The DaemonSet plan's Pending forecast, both evaluators. The controller creates a daemon pod on
 * every node where NodeShouldRunDaemonPod holds, ignoring resources and host ports
 * (pkg/controller/daemon/daemon_controller.go); the scheduler then filters that one node (the pod is
 * pinned by ReplaceDaemonSetPodNodeNameNodeAffinity) and records its first failing filter's reasons:
 * NodePorts (framework/plugins/nodeports, ErrReason "node(s) didn't have free ports for the
 * requested pod ports") or NodeResourcesFit (noderesources/fit.go, "Insufficient memory", ...).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine, type EngineOptions } from './engine.js';
import { nodeWithAllocatable, runningPod } from '../testing/cluster-pod-fixtures.js';
import { decodePods, dsObject, decodeDs, HASH, NOW, podObject, simpleDaemonSetLabel, updateSurge } from '../testing/daemonset-fixtures.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node } from '../model/types.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { daemonSetsFromSources, podsFromSources } from './daemonset-inputs.js';
import { nodesFromSources } from './inputs.js';
import { readSources } from './read-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { planJson } from './contracts.js';
import { parseDocuments } from '../model/parse-documents.js';

const evaluators = ['indexed', 'reference'] as const;
const both = (nodes: readonly Node[], pods: readonly PodObject[] | undefined, body: (engine: ReturnType<typeof createEngine>, evaluator: string) => void): void => {
  for (const evaluator of evaluators) {
    const options: EngineOptions = pods === undefined ? { evaluator } : { evaluator, pods };
    body(createEngine({ nodes, ...options }), evaluator);
  }
};

const node = (name: string): Node => nodeWithAllocatable(name, { cpu: '4', memory: '8Gi', pods: '110' });
const exporterSpec = { containers: [{ name: 'c', image: 'node-exporter', resources: { requests: { cpu: '100m', memory: '200Mi' } }, ports: [{ containerPort: 9100, hostPort: 9100 }] }] };
const exporter = dsObject({ name: 'exporter', spec: exporterSpec });

test('a node whose host port 9100 is taken by another pod: the daemon pod is created and stays Pending (NodePorts)', () => {
  const nodes = ['a', 'b', 'c'].map(node);
  const other = runningPod('other-exporter', 'b', [{ hostPorts: [{ hostPort: 9100 }] }], { namespace: 'monitoring' });
  both(nodes, [other], (engine, evaluator) => {
    const plan = engine.daemonset(decodeDs(exporter), [], { now: NOW });
    assert.equal(plan.create, ['a', 'b', 'c'], evaluator);
    assert.equal(plan.pending, [{ node: 'b', reasons: ["node(s) didn't have free ports for the requested pod ports"] }], evaluator);
  });
});

test('a full node: every short resource is a reason (fit.go fitsRequest), and NodePorts comes first when both fail', () => {
  const nodes = ['a', 'b', 'c'].map(node);
  const pods = [
    runningPod('big', 'a', [{ requests: { cpu: '3950m', memory: '8000Mi' } }]),
    runningPod('mem', 'b', [{ requests: { memory: '8000Mi' } }]),
    runningPod('both', 'c', [{ requests: { memory: '8000Mi' }, hostPorts: [{ hostPort: 9100 }] }]),
  ];
  both(nodes, pods, (engine, evaluator) => {
    const plan = engine.daemonset(decodeDs(exporter), [], { now: NOW });
    assert.equal(
      plan.pending,
      [
        { node: 'a', reasons: ['Insufficient cpu', 'Insufficient memory'] },
        { node: 'b', reasons: ['Insufficient memory'] },
        { node: 'c', reasons: ["node(s) didn't have free ports for the requested pod ports"] },
      ],
      evaluator,
    );
  });
});

test('without the cluster pods there is no forecast: the plan has no pending field, and notEvaluated lists requests and host ports', () => {
  both(['a'].map(node), undefined, (engine, evaluator) => {
    const plan = engine.daemonset(decodeDs(exporter), [], { now: NOW });
    assert.is(plan.pending, undefined, evaluator);
    assert.not.ok('pending' in planJson(plan), evaluator);
    assert.equal(plan.notEvaluated.map((n) => n.field), ['spec.template.spec.containers[*].resources.requests', 'spec.template.spec.containers[0].ports[0].hostPort'], evaluator);
  });
  both(['a'].map(node), [], (engine, evaluator) => {
    assert.equal(engine.daemonset(decodeDs(exporter), [], { now: NOW }).notEvaluated, [], evaluator);
  });
});

test('an unscheduled daemon pod already pinned to a node is judged with its own spec; a pod the sync creates with the template', () => {
  const nodes = ['a', 'b'].map(node);
  // A pod of the DaemonSet pinned to b by affinity (no nodeName) that asks for more than b has.
  const [waiting] = decodePods([podObject('exporter-', '', simpleDaemonSetLabel, exporter, { name: 'exporter-w', affinityNode: 'b', spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { memory: '9Gi' } } }] } })]);
  both(nodes, [waiting!], (engine, evaluator) => {
    const plan = engine.daemonset(decodeDs(exporter), [waiting!], { now: NOW, revisionHash: HASH });
    assert.equal(plan.create, ['a'], evaluator);
    assert.equal(plan.pending, [{ node: 'b', reasons: ['Insufficient memory'] }], evaluator);
  });
});

test('maxSurge with a host port: the surge pod meets the old pod\'s port on its own node and stays Pending', () => {
  const nodes = ['a'].map(node);
  const ds = dsObject({ name: 'exporter', spec: exporterSpec, strategy: updateSurge(1) });
  // The running pod is of an older revision and holds 9100; the surge creates the new one beside it.
  const [old] = decodePods([podObject('exporter-', 'a', simpleDaemonSetLabel, ds, { name: 'exporter-old', hash: 'old', ready: { status: true, at: 0 }, spec: exporterSpec })]);
  both(nodes, [old!], (engine, evaluator) => {
    const plan = engine.daemonset(decodeDs(ds), [old!], { now: NOW, revisionHash: HASH });
    assert.equal(plan.create, ['a'], evaluator);
    assert.equal(plan.pending, [{ node: 'a', reasons: ["node(s) didn't have free ports for the requested pod ports"] }], evaluator);
  });
});

const noStdin = (): string => '';
const realNodes = nodesFromSources(readSources(join(realFixturesDir, 'nodes'), noStdin), { validate: true, featureGates: defaultFeatureGates });
const realPods = podsFromSources(readSources(join(realFixturesDir, 'pods'), noStdin)).pods;
const exporterYaml = readFileSync(join(realFixturesDir, 'daemonsets', 'prometheus-node-exporter.yaml'), 'utf8');
const realDaemonSet = (yaml: string) => daemonSetsFromSources(parseDocuments(yaml, 'prometheus-node-exporter.yaml'), { validate: true, featureGates: defaultFeatureGates })[0]!;

test('real fixtures: kube-prometheus node-exporter over the real nodes and pods — its own pods run, nothing Pending', () => {
  both(realNodes, realPods, (engine, evaluator) => {
    const plan = engine.daemonset(realDaemonSet(exporterYaml), realPods, { now: NOW });
    assert.ok(plan.create.length > 0, evaluator);
    assert.not.ok(plan.create.includes('kind-control-plane'), evaluator);
    assert.equal(plan.pending, [], evaluator);
  });
});

test('real fixtures: a second node-exporter (another DaemonSet, same host port 9100) stays Pending where kube-prometheus\' runs', () => {
  const second = realDaemonSet(exporterYaml.replace('  name: node-exporter\n', '  name: node-exporter-2\n'));
  both(realNodes, realPods, (engine, evaluator) => {
    const plan = engine.daemonset(second, realPods, { now: NOW });
    const ports = "node(s) didn't have free ports for the requested pod ports";
    assert.equal(plan.pending, [{ node: 'kind-control-plane', reasons: [ports] }, { node: 'kind-worker', reasons: [ports] }], evaluator);
  });
});

test.run();

test('daemonPods: with the whole cluster held, the DaemonSet\'s own running pods are found there, so its own host port is no conflict on its nodes', () => {
  const nodes = ['a', 'b', 'c'].map(node);
  // The exporter already runs on a (holding 9100 there); another exporter holds 9100 on b.
  const own = decodePods([podObject('exporter-', 'a', simpleDaemonSetLabel, exporter, { spec: exporterSpec, phase: 'Running', ready: true, created: 0 })]);
  const other = runningPod('other-exporter', 'b', [{ hostPorts: [{ hostPort: 9100 }] }], { namespace: 'monitoring' });
  both(nodes, [...own, other], (engine, evaluator) => {
    const ds = decodeDs(exporter);
    assert.equal(engine.daemonPods(ds).map((p) => p.name), own.map((p) => p.name), evaluator);
    const plan = engine.daemonset(ds, engine.daemonPods(ds), { now: NOW });
    assert.equal(plan.create, ['b', 'c'], evaluator);
    assert.equal(plan.pending, [{ node: 'b', reasons: ["node(s) didn't have free ports for the requested pod ports"] }], evaluator);
    // Given none of its pods, the plan would create on a too, where its own pod holds the port.
    assert.equal(engine.daemonset(ds, [], { now: NOW }).pending?.map((p) => p.node), ['a', 'b'], evaluator);
  });
});
