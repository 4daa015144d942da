/**
 * Demands shared per request shape: a shared demand is the one `computePodDemand` gives the pod
 * itself (component-helpers/resource `PodRequests`, `PodInfo.calculateResource`, `GetHostPorts`),
 * whatever pods came before it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import type { Quantity } from '../../model/quantity.js';
import type { PodResources } from '../../model/resource-types.js';
import { podResources } from '../../testing/resource-fixtures.js';
import { computePodDemand } from './pod-demand.js';
import { demandCacheShapes, demandFingerprint, PodDemandCache, sameDemandInputs } from './pod-demand-cache.js';

const one = (requests: Record<string, string>, extra: JsonObject = {}): JsonObject => ({ containers: [{ name: 'c', resources: { requests } }], ...extra });
const shared = (cache: PodDemandCache, spec: JsonObject) => cache.demandOf(podResources(spec));

test('replicas of one template share one demand, equal to their own', () => {
  const cache = new PodDemandCache();
  const spec = one({ cpu: '250m', memory: '256Mi' });
  const a = shared(cache, spec);
  const b = shared(cache, spec);
  assert.is(a, b);
  assert.equal(a, computePodDemand(podResources(spec)));
  assert.is(cache.shapes, 1);
});

test('every field computePodDemand reads tells shapes apart', () => {
  const base = one({ cpu: '250m' });
  const variants: JsonObject[] = [
    base,
    one({ cpu: '251m' }),
    one({ memory: '250m' }),
    one({ cpu: '250m' }, { overhead: { cpu: '10m' } }),
    one({ cpu: '250m' }, { resources: { requests: { cpu: '1' } } }),
    one({ cpu: '250m' }, { resources: { limits: { cpu: '1' } } }),
    { containers: [{ name: 'c', resources: { requests: { cpu: '250m' } }, ports: [{ containerPort: 80, hostPort: 80 }] }] },
    { containers: [{ name: 'c', resources: { requests: { cpu: '250m' } }, ports: [{ containerPort: 80, hostPort: 80, protocol: 'UDP' }] }] },
    { containers: [{ name: 'c', resources: { requests: { cpu: '250m' } }, ports: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }] }] },
    { containers: [{ name: 'c' }], initContainers: [{ name: 'i', resources: { requests: { cpu: '250m' } } }] },
    { containers: [{ name: 'c' }], initContainers: [{ name: 'i', restartPolicy: 'Always', resources: { requests: { cpu: '250m' } } }] },
  ];
  const keys = variants.map((v) => demandFingerprint(podResources(v)));
  assert.is(new Set(keys).size, variants.length);
  const cache = new PodDemandCache();
  for (const v of variants) assert.equal(shared(cache, v), computePodDemand(podResources(v)), JSON.stringify(v));
});

test('a quantity is keyed by its text or by its nano-units, never one mistaken for the other', () => {
  const list = (q: Quantity): PodResources => ({ ...podResources(one({})), overhead: new Map([['cpu', q]]) });
  const oneCore: Quantity = { nanos: 1_000_000_000n, format: 'DecimalSI', kept: '1' };
  const oneNano: Quantity = { nanos: 1n, format: 'DecimalSI' };
  assert.is.not(demandFingerprint(list(oneCore)), demandFingerprint(list(oneNano)));
  // The same value written two ways: two keys, the same demand.
  const cache = new PodDemandCache();
  assert.equal(shared(cache, one({ memory: '1Gi' })), shared(cache, one({ memory: '1024Mi' })));
});

test('resource names cannot forge the key separators', () => {
  const q = (kept: string): Quantity => ({ nanos: BigInt(kept) * 1_000_000_000n, format: 'DecimalSI', kept });
  const withOverhead = (entries: [string, Quantity][]): PodResources => ({ ...podResources(one({})), overhead: new Map(entries) });
  const two = withOverhead([['x', q('1')], ['y', q('2')]]);
  const forged = withOverhead([['x=1;1:y', q('2')]]);
  assert.is.not(demandFingerprint(two), demandFingerprint(forged));
});

test('past the shape bound the least recently used shape is forgotten, answers unchanged', () => {
  const cache = new PodDemandCache();
  const first = one({ cpu: '1m' });
  shared(cache, first);
  for (let i = 2; i <= demandCacheShapes + 1; i++) shared(cache, one({ cpu: `${i}m` }));
  assert.is(cache.shapes, demandCacheShapes);
  assert.equal(shared(cache, first), computePodDemand(podResources(first)));
  assert.is(cache.shapes, demandCacheShapes);
});

test('sameDemandInputs: re-sent specs, lists in another order, ports without a host port', () => {
  const spec = one({ cpu: '250m', memory: '256Mi' });
  assert.ok(sameDemandInputs(podResources(spec), podResources(spec)));
  assert.ok(sameDemandInputs(podResources(spec), podResources(one({ memory: '256Mi', cpu: '250m' }))));
  assert.not.ok(sameDemandInputs(podResources(spec), podResources(one({ cpu: '250m', memory: '257Mi' }))));
  assert.not.ok(sameDemandInputs(podResources(spec), podResources(one({ cpu: '250m' }))));
  assert.not.ok(sameDemandInputs(podResources(spec), podResources(one({ cpu: '250m', memory: '256Mi' }, { overhead: { cpu: '1m' } }))));
  const withPort = (port: JsonObject): PodResources => podResources({ containers: [{ name: 'c', ports: [port] }] });
  assert.ok(sameDemandInputs(withPort({ containerPort: 80 }), withPort({ containerPort: 81 })));
  assert.not.ok(sameDemandInputs(withPort({ containerPort: 80, hostPort: 80 }), withPort({ containerPort: 80, hostPort: 81 })));
  assert.not.ok(sameDemandInputs(withPort({ containerPort: 80, hostPort: 80 }), withPort({ containerPort: 80, hostPort: 80, protocol: 'UDP' })));
});

test.run();
