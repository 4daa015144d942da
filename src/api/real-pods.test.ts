/**
 * The running pods of src/testdata/real/pods (`kubectl get pods -A -o json` shape, see SOURCES.md)
 * decode without errors, sit on the real nodes' names, and carry the charts' and manifests' default
 * requests and host ports as kube-scheduler reads them (`PodRequests`, `GetHostPorts`).
 */
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isAssignedPod } from '../semantics/resources/assigned-pod.js';
import { computePodDemand } from '../semantics/resources/pod-demand.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { podsFromSources } from './daemonset-inputs.js';
import { nodesFromSources } from './inputs.js';
import { readSources } from './read-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';

const noStdin = (): string => '';
const { pods } = podsFromSources(readSources(join(realFixturesDir, 'pods'), noStdin));
const nodes = nodesFromSources(readSources(join(realFixturesDir, 'nodes'), noStdin), { validate: true, featureGates: defaultFeatureGates });
const mi = 1024 * 1024;

function demandOf(name: string) {
  const pod = pods.find((p) => p.name === name);
  assert.ok(pod?.resources, name);
  return computePodDemand(pod.resources);
}

test('every pod decodes, runs (isAssignedPod) and is bound to one of the real nodes', () => {
  assert.is(pods.length, 9);
  const names = new Set(nodes.map((n) => n.name));
  for (const pod of pods) {
    assert.ok(names.has(pod.nodeName), `${pod.name} on ${pod.nodeName}`);
    assert.ok(isAssignedPod(pod), pod.name);
  }
});

test('node-exporter (kube-prometheus): 102m/180Mi plus kube-rbac-proxy 10m/20Mi, and host port 9100', () => {
  const d = demandOf('node-exporter-2lq8w');
  assert.equal([d.request.milliCPU, d.request.memory], [112, 200 * mi]);
  assert.equal(d.hostPorts, [{ hostIP: '0.0.0.0', protocol: 'TCP', port: 9100 }]);
});

test('kube-proxy (kubeadm): no requests and no declared ports, although on the host network', () => {
  const d = demandOf('kube-proxy-4xk2p');
  assert.equal([d.request.milliCPU, d.request.memory, d.hostPorts], [0, 0, []]);
});

test('coredns (kubeadm): 100m/70Mi, container ports only', () => {
  const d = demandOf('coredns-7db6d8ff4d-hx2kq');
  assert.equal([d.request.milliCPU, d.request.memory, d.hostPorts], [100, 70 * mi, []]);
});

test('ingress-nginx (kind manifest): 100m/90Mi and host ports 80 and 443', () => {
  const d = demandOf('ingress-nginx-controller-5c6b9f8d7b-q2w9x');
  assert.equal([d.request.milliCPU, d.request.memory], [100, 90 * mi]);
  assert.equal(d.hostPorts.map((p) => p.port), [80, 443]);
});

test('an Istio-injected pod: the init container and the sidecar each ask 100m/128Mi; the larger of init and regular counts', () => {
  const d = demandOf('productpage-v1-6b746f74dc-t8wzr');
  assert.equal([d.request.milliCPU, d.request.memory], [100, 128 * mi]);
});

test('the GPU pod: a limit of nvidia.com/gpu 1 is its request (API defaulting)', () => {
  assert.equal([...demandOf('gpu-pod').request.scalar], [['nvidia.com/gpu', 1]]);
});

test.run();
