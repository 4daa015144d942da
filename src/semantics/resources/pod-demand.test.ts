/**
 * A pod's demand: the non-zero requests scoring uses (schedutil.GetNonzeroRequests' defaults,
 * applied per container through `NonMissingContainerRequests`; `getNonMissingContainerRequests`
 * with pod-level requests), and the host ports it binds (`GetHostPorts`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { demandOf, podResources } from '../../testing/resource-fixtures.js';
import { computePodDemand } from './pod-demand.js';

const Mi = 1024 * 1024;
const nonZero = (spec: JsonObject): [number, number] => {
  const d = demandOf(spec);
  return [d.nonZeroMilliCPU, d.nonZeroMemory];
};
const one = (requests: Record<string, string>): JsonObject => ({ containers: [{ name: 'c', resources: { requests } }] });

test('GetNonzeroRequests: cpu_and_memory_not_found, only_cpu_exist, only_memory_exist, cpu_memory_exist', () => {
  assert.equal(nonZero(one({})), [100, 200 * Mi]);
  assert.equal(nonZero(one({ cpu: '200m' })), [200, 200 * Mi]);
  assert.equal(nonZero(one({ memory: '400Mi' })), [100, 400 * Mi]);
  assert.equal(nonZero(one({ cpu: '200m', memory: '400Mi' })), [200, 400 * Mi]);
});

test('non-zero defaults apply per container, init containers included; an explicit 0 stays 0; no container, no default', () => {
  assert.equal(nonZero({ containers: [{ name: 'a' }, { name: 'b' }] }), [200, 400 * Mi]);
  assert.equal(nonZero({ containers: [{ name: 'a' }], initContainers: [{ name: 'i', resources: { requests: { cpu: '1' } } }] }), [1000, 200 * Mi]);
  assert.equal(nonZero({ containers: [{ name: 'a' }], initContainers: [{ name: 's', restartPolicy: 'Always' }] }), [200, 400 * Mi]);
  assert.equal(nonZero(one({ cpu: '0', memory: '0' })), [0, 0]);
  assert.equal(nonZero({}), [0, 0]);
  assert.equal(demandOf(one({})).request.milliCPU, 0);
});

test('getNonMissingContainerRequests with pod-level requests: defaults only for a resource set at neither level', () => {
  const spec = { resources: { requests: { memory: '1Gi' } }, containers: [{ name: 'a', resources: { requests: { cpu: '300m' } } }, { name: 'b' }] };
  // cpu is requested (by container a), so container b gets no cpu default; memory comes from the pod level.
  assert.equal(nonZero(spec), [300, 1024 * Mi]);
  const d = demandOf(spec);
  // The incoming pod's score always applies both defaults per container, before the pod-level values.
  assert.equal([d.scoreMilliCPU, d.scoreMemory], [400, 1024 * Mi]);
  const withoutGate = computePodDemand(podResources(spec), { podLevelResources: false });
  assert.equal([withoutGate.request.milliCPU, withoutGate.request.memory, withoutGate.nonZeroMilliCPU, withoutGate.nonZeroMemory], [300, 0, 400, 400 * Mi]);
});

test('request in scheduler units: cpu rounded up to milli-cpu, the rest to whole units, scalars by name, others ignored', () => {
  const d = demandOf(one({ cpu: '0.1m', memory: '1.5', 'nvidia.com/gpu': '2', 'example.com/b': '1', 'hugepages-2Mi': '2Mi', 'ephemeral-storage': '1Ki' }));
  assert.equal([d.request.milliCPU, d.request.memory, d.request.ephemeralStorage], [1, 2, 1024]);
  assert.equal([...d.request.scalar], [['example.com/b', 1], ['hugepages-2Mi', 2 * Mi], ['nvidia.com/gpu', 2]]);
});

test('GetHostPorts: containers and restartable init containers, host ports only, sidecars first', () => {
  const spec = {
    initContainers: [
      { name: 'init', ports: [{ containerPort: 1, hostPort: 1111 }] },
      { name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 15001, hostPort: 15001, protocol: 'UDP', hostIP: '127.0.0.1' }] },
    ],
    containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 9100, hostPort: 9100 }] }],
  };
  assert.equal(demandOf(spec).hostPorts, [
    { hostIP: '127.0.0.1', protocol: 'UDP', port: 15001 },
    { hostIP: '0.0.0.0', protocol: 'TCP', port: 9100 },
  ]);
  // hostNetwork: every container port is a host port (defaultHostNetworkPorts).
  assert.equal(demandOf({ containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] }, true).hostPorts, [{ hostIP: '0.0.0.0', protocol: 'TCP', port: 8080 }]);
});

test.run();
