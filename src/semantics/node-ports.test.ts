/**
 * NodePorts filter, ported from pkg/scheduler/framework/plugins/nodeports/node_ports_test.go
 * (TestNodePorts), with HostPortInfo.CheckConflict's 0.0.0.0 rule and restartable init containers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import { demandOf, usageOf } from '../testing/resource-fixtures.js';
import { describePortConflict, ErrReasonNodePorts, findPortConflict } from './node-ports.js';

/** node_ports_test.go `newPod(host, "PROTO/IP/PORT"...)`: one container with those host ports. */
function newPod(...hostPortInfos: string[]): JsonObject {
  const ports = hostPortInfos.map((info) => {
    const [protocol, hostIP, port] = info.split('/');
    return { containerPort: Number(port), hostPort: Number(port), protocol, hostIP };
  });
  return { containers: [{ name: 'c', ports }] };
}

/** Filter status: the reason when a port conflicts, undefined when the node passes. */
function filter(pod: JsonObject, ...nodePods: JsonObject[]): string | undefined {
  return findPortConflict(demandOf(pod).hostPorts, usageOf(...nodePods).ports) ? ErrReasonNodePorts : undefined;
}

const cases: [string, JsonObject, JsonObject, string | undefined][] = [
  ['skip filter', {}, {}, undefined],
  ['other port', newPod('UDP/127.0.0.1/8080'), newPod('UDP/127.0.0.1/9090'), undefined],
  ['same udp port', newPod('UDP/127.0.0.1/8080'), newPod('UDP/127.0.0.1/8080'), ErrReasonNodePorts],
  ['same tcp port', newPod('TCP/127.0.0.1/8080'), newPod('TCP/127.0.0.1/8080'), ErrReasonNodePorts],
  ['different host ip', newPod('TCP/127.0.0.1/8080'), newPod('TCP/127.0.0.2/8080'), undefined],
  ['different protocol', newPod('UDP/127.0.0.1/8080'), newPod('TCP/127.0.0.1/8080'), undefined],
  ['second udp port conflict', newPod('UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'), newPod('UDP/127.0.0.1/8080'), ErrReasonNodePorts],
  ['first tcp port conflict', newPod('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'), newPod('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'), ErrReasonNodePorts],
  ['first tcp port conflict due to 0.0.0.0 hostIP', newPod('TCP/0.0.0.0/8001'), newPod('TCP/127.0.0.1/8001'), ErrReasonNodePorts],
  ['TCP hostPort conflict due to 0.0.0.0 hostIP', newPod('TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'), newPod('TCP/127.0.0.1/8001'), ErrReasonNodePorts],
  ['second tcp port conflict to 0.0.0.0 hostIP', newPod('TCP/127.0.0.1/8001'), newPod('TCP/0.0.0.0/8001'), ErrReasonNodePorts],
  ['second different protocol', newPod('UDP/127.0.0.1/8001'), newPod('TCP/0.0.0.0/8001'), undefined],
  ['UDP hostPort conflict due to 0.0.0.0 hostIP', newPod('UDP/127.0.0.1/8001'), newPod('TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'), ErrReasonNodePorts],
];
for (const [name, pod, nodePod, want] of cases) {
  test(`TestNodePorts: ${name}`, () => assert.is(filter(pod, nodePod), want));
}

test('an empty hostIP binds every address, as 0.0.0.0 does (HostPortInfo.sanitize)', () => {
  const empty = { containers: [{ name: 'c', ports: [{ containerPort: 9100, hostPort: 9100 }] }] };
  assert.is(filter(newPod('TCP/10.1.1.1/9100'), empty), ErrReasonNodePorts);
  assert.is(filter(empty, newPod('TCP/10.1.1.1/9100')), ErrReasonNodePorts);
});

test('GetHostPorts: a sidecar\'s host port counts on both sides; a plain init container\'s does not', () => {
  const sidecar = { containers: [{ name: 'c' }], initContainers: [{ name: 's', restartPolicy: 'Always', ports: [{ containerPort: 15090, hostPort: 15090 }] }] };
  const plainInit = { containers: [{ name: 'c' }], initContainers: [{ name: 'i', ports: [{ containerPort: 15090, hostPort: 15090 }] }] };
  assert.is(filter(newPod('TCP/0.0.0.0/15090'), sidecar), ErrReasonNodePorts);
  assert.is(filter(sidecar, newPod('TCP/0.0.0.0/15090')), ErrReasonNodePorts);
  assert.is(filter(plainInit, newPod('TCP/0.0.0.0/15090')), undefined);
  assert.is(filter(newPod('TCP/0.0.0.0/15090'), plainInit), undefined);
});

test('node-exporter style: hostNetwork makes containerPort 9100 a host port, a second one conflicts', () => {
  const exporter = { containers: [{ name: 'node-exporter', ports: [{ containerPort: 9100, name: 'http' }] }] };
  const usage = usageOf();
  usage.add(demandOf(exporter, true));
  const conflict = findPortConflict(demandOf(exporter, true).hostPorts, usage.ports);
  assert.equal(conflict, { hostIP: '0.0.0.0', protocol: 'TCP', port: 9100 });
  assert.is(describePortConflict(conflict!), 'host port 9100/TCP is already in use on the node');
  assert.is(describePortConflict({ hostIP: '10.0.0.1', protocol: 'UDP', port: 53 }), 'host port 53/UDP on 10.0.0.1 is already in use on the node');
});

test.run();
