/**
 * The sample cluster's running pods: valid Pods as `kubectl get pods -A` lists them, deterministic,
 * and doing to placement what they are there to show — the sample node-exporter DaemonSet finds its
 * own pods among them (getDaemonPods: owner and selector), its pods stay Pending where an earlier
 * install still holds host port 9100 (NodePorts), and full nodes are `Insufficient cpu` for a pod
 * that requests cpu (NodeResourcesFit, noderesources/fit.go).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { daemonSetsFromSources } from '../api/daemonset-inputs.js';
import { createEngine } from '../api/engine.js';
import { nodesFromSources, workloadsFromSources } from '../api/inputs.js';
import { clusterPodsFromSources } from '../api/pod-inputs.js';
import { readSources } from '../api/read-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { generateCluster } from './generate-cluster.js';
import { generateClusterPods } from './generate-pods.js';

const options = { validate: true, featureGates: defaultFeatureGates };
const nodes = nodesFromSources(generateCluster({ nodes: 2000, seed: 1 }).map((object) => ({ object, file: 'generated' })), options);
const podObjects = generateClusterPods(nodes);
const pods = clusterPodsFromSources(podObjects.map((object) => ({ object, file: 'generated' })));
const engine = createEngine({ nodes, pods });
const workloads = new URL('./workloads/', import.meta.url).pathname;

test('valid, each namespace/name once, and the same for the same nodes', () => {
  assert.is(pods.length, podObjects.length);
  assert.equal(generateClusterPods(nodes), podObjects);
  assert.ok(pods.every((p) => p.phase === 'Running' && nodes.some((n) => n.name === p.nodeName)));
});

test('the sample node-exporter: its own pods found, and Pending where the earlier install holds port 9100', () => {
  const sources = readSources(`${workloads}01-node-exporter.yaml`, () => '');
  const [ds] = daemonSetsFromSources(sources, options);
  const own = engine.daemonPods(ds!);
  assert.ok(own.length > 1800, `${own.length} of its pods run`);
  assert.ok(own.every((p) => p.namespace === 'monitoring'));
  const plan = engine.daemonset(ds!, own, { now: Date.parse('2026-01-01T00:00:00Z') });
  const legacy = pods.filter((p) => p.namespace === 'monitoring-legacy').map((p) => p.nodeName);
  assert.ok(legacy.length > 0);
  assert.equal(plan.pending!.filter((p) => p.reasons[0] === "node(s) didn't have free ports for the requested pod ports").map((p) => p.node).sort(), [...legacy].sort());
});

test('full nodes: a pod requesting cpu is refused there with Insufficient cpu', () => {
  const [payments] = workloadsFromSources(readSources(`${workloads}09-payments-api.yaml`, () => ''), options);
  const withoutPods = createEngine({ nodes }).eligible(payments!, { explain: 'none' });
  const withPods = engine.eligible(payments!, { explain: 'none' });
  assert.ok(withPods.eligible.length < withoutPods.eligible.length);
  assert.match(withPods.message, /Insufficient cpu/);
});

test.run();
