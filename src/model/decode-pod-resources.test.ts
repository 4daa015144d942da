/**
 * Decoding of pod resources (with the API server's Pod defaults) and node allocatable/images,
 * and their wiring into workloads, cluster pods and nodes.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { decodePodObject } from './decode-daemonset.js';
import { decodeNode } from './decode-node.js';
import { decodePodResources, decodeResourceList } from './decode-pod-resources.js';
import { Decoder, type JsonObject } from './decode.js';
import { formatQuantity } from './quantity-format.js';
import type { ResourceList } from './resource-types.js';
import { decodeWorkload } from './workload.js';

const texts = (list: ResourceList | undefined): Record<string, string> =>
  Object.fromEntries([...(list ?? new Map())].map(([k, q]) => [k, formatQuantity(q)]));

test('ResourceList: strings, JSON numbers and null (a present zero), keys kept as user data', () => {
  const d = new Decoder();
  const list = decodeResourceList(d, JSON.parse('{"cpu":"250m","memory":1073741824,"__proto__":"1","nvidia.com/gpu":null,"x":" 2 "}'), 'r');
  assert.equal(d.errors, []);
  assert.equal(texts(list), { cpu: '250m', memory: '1073741824', ['__proto__']: '1', 'nvidia.com/gpu': '0', x: '2' });
  assert.is(decodeResourceList(d, undefined, 'r'), undefined);
});

test('ResourceList: a bad quantity is a decode error worded as apimachinery words it, with the key in the path', () => {
  const d = new Decoder();
  decodeResourceList(d, { cpu: 'abc', memory: '1Qi', pods: true, 'ephemeral-storage': '0.1mi' }, 'spec.containers[0].resources.requests');
  assert.equal(d.errors.map(formatFieldError), [
    `spec.containers[0].resources.requests[cpu]: Invalid value: "abc": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    `spec.containers[0].resources.requests[memory]: Invalid value: "1Qi": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    `spec.containers[0].resources.requests[pods]: Invalid value: "true": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    `spec.containers[0].resources.requests[ephemeral-storage]: Invalid value: "0.1mi": unable to parse quantity's suffix`,
  ]);
});

test('SetDefaults_Pod: a missing request equals its limit; an explicit request (even 0) stays', () => {
  const d = new Decoder();
  const pod = decodePodResources(d, {
    containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { memory: '0' } } }],
    initContainers: [{ name: 'i', restartPolicy: 'Always', resources: { limits: { 'nvidia.com/gpu': 1 } } }],
  }, 'spec.', false);
  assert.equal(d.errors, []);
  assert.equal(texts(pod.containers[0]?.requests), { memory: '0', cpu: '1' });
  assert.equal(texts(pod.initContainers[0]?.requests), { 'nvidia.com/gpu': '1' });
  assert.is(pod.initContainers[0]?.restartPolicy, 'Always');
  assert.is(pod.overhead, undefined);
  assert.is(pod.podRequests, undefined);
});

test('ports: protocol defaults to TCP; with hostNetwork a port binds its containerPort on the host (defaultHostNetworkPorts)', () => {
  const spec = { containers: [{ name: 'c', ports: [{ containerPort: 9100 }, { containerPort: 53, protocol: 'UDP', hostPort: 5353, hostIP: '10.0.0.1' }] }] };
  const d = new Decoder();
  const plain = decodePodResources(d, spec, 'spec.', false);
  const host = decodePodResources(d, spec, 'spec.', true);
  assert.equal(plain.containers[0]?.ports, [
    { name: '', containerPort: 9100, hostPort: 0, protocol: 'TCP', hostIP: '' },
    { name: '', containerPort: 53, hostPort: 5353, protocol: 'UDP', hostIP: '10.0.0.1' },
  ]);
  assert.equal(host.containers[0]?.ports.map((p) => p.hostPort), [9100, 5353]);
  assert.equal(d.errors, []);
});

test('overhead and pod-level resources are read', () => {
  const d = new Decoder();
  const pod = decodePodResources(d, { overhead: { cpu: '250m' }, resources: { requests: { memory: '1Gi' }, limits: { memory: '2Gi' } }, containers: [] }, 'spec.', false);
  assert.equal([texts(pod.overhead), texts(pod.podRequests), texts(pod.podLimits)], [{ cpu: '250m' }, { memory: '1Gi' }, { memory: '2Gi' }]);
});

test('workload: a Deployment carries its pod resources; errors name the template path', () => {
  const ok = decodeWorkload({
    kind: 'Deployment', metadata: { name: 'web' },
    spec: { template: { spec: { hostNetwork: true, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '2' } }, ports: [{ containerPort: 80 }] }] } } },
  });
  assert.ok(ok.ok);
  if (ok.ok) {
    assert.equal(texts(ok.workload.resources?.containers[0]?.requests), { cpu: '2' });
    assert.is(ok.workload.resources?.containers[0]?.ports[0]?.hostPort, 80);
    assert.is(ok.workload.resources?.containers[0]?.image, 'nginx');
  }
  const bad = decodeWorkload({ kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'c', resources: { limits: { memory: '1 Gi' } } }] } } } });
  assert.not.ok(bad.ok);
  if (!bad.ok) {
    assert.equal(bad.errors.map(formatFieldError), [
      `spec.template.spec.containers[0].resources.limits[memory]: Invalid value: "1 Gi": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  }
});

test('cluster pod (decodePodObject) carries its resources', () => {
  const { pod, errors } = decodePodObject({
    metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'n1', containers: [{ name: 'c', resources: { requests: { memory: '128Mi' } } }] }, status: { phase: 'Running' },
  });
  assert.equal(errors, []);
  assert.equal(texts(pod?.resources?.containers[0]?.requests), { memory: '128Mi' });
});

test('node: status.allocatable with extended and hugepages resources, and status.images (real kURL GPU node)', () => {
  const object = JSON.parse(readFileSync(`${realFixturesDir}/nodes/kurl-gpu-g4dn-control-plane.json`, 'utf8')) as JsonObject;
  const d = new Decoder();
  const node = decodeNode(d, object);
  assert.equal(d.errors, []);
  assert.equal(texts(node.allocatable), {
    cpu: '1', 'ephemeral-storage': '93478772582', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16064760Ki', 'nvidia.com/gpu': '1', pods: '110',
  });
  const withImages = decodeNode(d, { metadata: { name: 'n' }, status: { images: [{ names: ['nginx:1.25', 'docker.io/library/nginx@sha256:ab'], sizeBytes: 70000000 }] } });
  assert.equal(withImages.images, [{ names: ['nginx:1.25', 'docker.io/library/nginx@sha256:ab'], sizeBytes: 70000000 }]);
  assert.equal(withImages.allocatable, new Map());
  decodeNode(d, { metadata: { name: 'n' }, status: { allocatable: { cpu: 'four' }, images: [{ names: 'x' }] } });
  assert.equal(d.errors.map(formatFieldError), [
    `status.allocatable[cpu]: Invalid value: "four": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    'status.images[0].names: Invalid value: "x": must be a list, not string',
  ]);
});

test.run();
