/**
 * NodeUsage: NodeInfo.AddPod / RemovePod bookkeeping (Requested, NonZeroRequested, pod count,
 * UsedPorts), exact under add/remove, also past 2^53.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { demandOf } from '../../testing/resource-fixtures.js';
import { NodeUsage } from './node-usage.js';
import { AMOUNT_MAX } from './resource.js';

const snapshot = (u: NodeUsage): unknown => [u.milliCPU, u.memory, u.ephemeralStorage, [...u.scalar], u.nonZeroMilliCPU, u.nonZeroMemory, u.podCount, u.ports.size];
const pod = (requests: Record<string, string>, ports: number[] = []): ReturnType<typeof demandOf> =>
  demandOf({ containers: [{ name: 'c', resources: { requests, limits: Object.fromEntries(Object.entries(requests).filter(([k]) => k.includes('/'))) }, ports: ports.map((p) => ({ containerPort: p, hostPort: p })) }] });

test('NodeInfo.update: add sums requests, non-zero requests, pods and ports; remove restores every number', () => {
  const u = new NodeUsage();
  const empty = snapshot(u);
  const a = pod({ cpu: '250m', memory: '64Mi', 'nvidia.com/gpu': '1' }, [9100]);
  const b = pod({});
  u.add(a);
  u.add(b);
  assert.equal(snapshot(u), [250, 64 * 2 ** 20, 0, [['nvidia.com/gpu', 1]], 350, 264 * 2 ** 20, 2, 1]);
  u.remove(a);
  assert.equal(snapshot(u), [0, 0, 0, [], 100, 200 * 2 ** 20, 1, 0]);
  u.remove(b);
  assert.equal(snapshot(u), empty);
});

test('sums past 2^53 stay exact: the number reads AMOUNT_MAX, and removals bring back the exact value', () => {
  const u = new NodeUsage();
  const big = pod({ 'ephemeral-storage': '3Pi' });
  const small = pod({ 'ephemeral-storage': '1' });
  u.add(small);
  u.add(big);
  u.add(big);
  assert.is(u.ephemeralStorage, 2 * 3 * 2 ** 50 + 1);
  u.add(big);
  assert.is(u.ephemeralStorage, AMOUNT_MAX);
  u.remove(big);
  assert.is(u.ephemeralStorage, 2 * 3 * 2 ** 50 + 1);
  u.remove(big);
  u.remove(big);
  assert.is(u.ephemeralStorage, 1);
});

test('a host port held by two pods stays in use until both are gone', () => {
  const u = new NodeUsage();
  const a = pod({}, [8080]);
  const b = pod({}, [8080]);
  u.add(a);
  u.add(b);
  u.remove(a);
  assert.ok(u.ports.conflicts({ hostIP: '0.0.0.0', protocol: 'TCP', port: 8080 }));
  u.remove(b);
  assert.not.ok(u.ports.conflicts({ hostIP: '0.0.0.0', protocol: 'TCP', port: 8080 }));
  assert.is(u.ports.size, 0);
});

test.run();
