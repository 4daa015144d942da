/**
 * API-server validation of container resources and ports (pkg/apis/core/validation
 * validateResourceRequirements, ValidateResourceQuantityValue, validateContainerPorts,
 * AccumulateUniqueHostPorts), on decoded (defaulted) pods.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { decodePodResources } from './decode-pod-resources.js';
import { Decoder, type JsonObject } from './decode.js';
import { validatePodResources } from './validate-resources.js';

function check(spec: JsonObject, hostNetwork = false): string[] {
  const d = new Decoder();
  const pod = decodePodResources(d, spec, 'spec.', hostNetwork);
  assert.equal(d.errors, []);
  return validatePodResources(pod, 'spec.').map(formatFieldError);
}

const container = (resources: JsonObject, extra: JsonObject = {}): JsonObject => ({ containers: [{ name: 'c', resources, ...extra }] });

test('valid requests and limits pass, including extended resources set by limit only', () => {
  assert.equal(check(container({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '2' } })), []);
  assert.equal(check(container({ requests: { 'hugepages-2Mi': '4Mi', memory: '1Gi' }, limits: { 'hugepages-2Mi': '4Mi', memory: '1Gi' } })), []);
});

test('ValidateNonnegativeQuantity: a negative request is invalid', () => {
  assert.equal(check(container({ requests: { cpu: '-1' } })), ['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0']);
});

test('requests <= limits, reported at `requests` without the key', () => {
  assert.equal(check(container({ requests: { cpu: '2' }, limits: { cpu: '1500m' } })), [
    'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1500m',
  ]);
});

test('extended resources: integer, not overcommitable (request equals limit, limit required)', () => {
  assert.equal(check(container({ requests: { 'example.com/foo': '500m' }, limits: { 'example.com/foo': '500m' } })), [
    'spec.containers[0].resources.limits[example.com/foo]: Invalid value: "500m": must be an integer',
    'spec.containers[0].resources.requests[example.com/foo]: Invalid value: "500m": must be an integer',
  ]);
  assert.equal(check(container({ requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } })), [
    'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
  ]);
  assert.equal(check(container({ requests: { 'nvidia.com/gpu': '1' } })), [
    'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
  ]);
});

test('resource names: standard names for containers, extended names fully qualified', () => {
  assert.equal(check(container({ requests: { storage: '1Gi', pods: '1' } })), [
    'spec.containers[0].resources.requests[storage]: Invalid value: "storage": must be a standard resource for containers',
    'spec.containers[0].resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers',
  ]);
  assert.equal(check(container({ requests: { gpu: '1' } })), [
    'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
  ]);
  assert.equal(check(container({ requests: { 'kubernetes.io/something': '1' } })), []);
});

test('hugepages: a whole number of pages, and cpu or memory alongside', () => {
  assert.equal(check(container({ requests: { 'hugepages-2Mi': '3Mi', memory: '1Gi' }, limits: { 'hugepages-2Mi': '3Mi', memory: '1Gi' } })), [
    'spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
    'spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
  ]);
  assert.equal(check(container({ limits: { 'hugepages-2Mi': '2Mi' } })), ['spec.containers[0].resources: Forbidden: HugePages require cpu or memory']);
});

test('a hugepages name with a 30M-digit page size is refused without a BigInt of its digits, in bounded lines', () => {
  const name = `hugepages-${'9'.repeat(30_000_000)}`;
  const lines = check(container({ limits: { [name]: '2Mi', memory: '1Gi' }, requests: { memory: '1Gi' } }));
  assert.ok(lines.length > 0);
  for (const line of lines) assert.ok(line.length < 3000, String(line.length));
});

test('validateContainerPorts: ranges and protocols; AccumulateUniqueHostPorts: duplicates', () => {
  const spec = {
    containers: [
      { name: 'a', ports: [{ containerPort: 0 }, { containerPort: 70000, hostPort: 70000 }, { containerPort: 80, protocol: 'tcp' }, { containerPort: 8080, hostPort: 8080 }] },
      { name: 'b', ports: [{ containerPort: 9090, hostPort: 8080 }, { containerPort: 9091, hostPort: 8080, protocol: 'UDP' }] },
    ],
  };
  assert.equal(check(spec), [
    'spec.containers[0].ports[0].containerPort: Required value',
    'spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[1].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.containers[0].ports[2].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"',
  ]);
});

test('init containers are validated at their own path; overhead and pod-level values must be non-negative', () => {
  assert.equal(check({ initContainers: [{ name: 'i', resources: { requests: { memory: '-1' } } }], containers: [], overhead: { cpu: '-10m' }, resources: { requests: { cpu: '-1' } } }), [
    'spec.initContainers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0',
    'spec.overhead[cpu]: Invalid value: "-10m": must be greater than or equal to 0',
    'spec.resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
  ]);
});

test.run();
