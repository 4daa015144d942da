/**
 * Properties of the resource semantics: quantities round-trip through their canonical text;
 * a node's usage kept incrementally under pod churn equals the usage rebuilt from its pods; a
 * demand shared per request shape equals the pod's own; and NodeResourcesFit's laws (more allocatable, or one pod fewer on the node, never adds a reason).
 */
import { test } from 'uvu';
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import { formatQuantity } from '../src/model/quantity-format.js';
import { parseQuantity } from '../src/model/quantity.js';
import { fitsRequest } from '../src/semantics/resources/fit.js';
import { NodeUsage } from '../src/semantics/resources/node-usage.js';
import { computePodDemand, type PodDemand } from '../src/semantics/resources/pod-demand.js';
import { PodDemandCache, sameDemandInputs } from '../src/semantics/resources/pod-demand-cache.js';
import { allocatable, demandOf, podResources } from '../src/testing/resource-fixtures.js';
import { check, expect, expectEqual } from './support.js';

const suffixArb = fc.constantFrom('', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'e3', 'e-3', 'n', 'u');
const quantityTextArb = fc
  .tuple(fc.nat({ max: 99999 }), fc.option(fc.nat({ max: 999 }), { nil: undefined }), suffixArb)
  .map(([whole, frac, suffix]) => `${whole}${frac === undefined ? '' : `.${frac}`}${suffix}`);

test('quantity: the canonical text parses back to the same value and prints the same text', (ctx) => {
  check(ctx, fc.property(quantityTextArb, fc.boolean(), (text, negative) => {
    const first = parseQuantity(negative ? `-${text}` : text);
    expect(first.ok, 'generated quantity parses', text);
    if (!first.ok) return;
    const canonical = formatQuantity(first.quantity);
    const again = parseQuantity(canonical);
    expect(again.ok && again.quantity.nanos === first.quantity.nanos, 'canonical text keeps the value', { text, canonical });
    if (again.ok) expectEqual(formatQuantity(again.quantity), canonical, 'canonical text is a fixed point');
  }));
});

const requestsArb = fc.dictionary(
  fc.constantFrom('cpu', 'memory', 'ephemeral-storage', 'example.com/gpu', 'hugepages-2Mi'),
  fc.constantFrom('0', '1', '100m', '250m', '2', '64Mi', '1Gi', '5Pi'),
  { maxKeys: 3 },
);
const containerArb = fc.record({ requests: requestsArb, port: fc.option(fc.constantFrom(80, 443, 9100), { nil: undefined }), sidecar: fc.boolean() });
const podArb: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.array(containerArb, { maxLength: 3 }), fc.array(containerArb, { maxLength: 2 }))
  .map(([containers, inits]) => {
    const toContainer = (c: { requests: Record<string, string>; port: number | undefined; sidecar: boolean }, i: number, init: boolean): JsonObject => ({
      name: `c${i}`,
      // Extended resources and hugepages are not overcommitable: their limit equals the request.
      resources: { requests: c.requests, limits: Object.fromEntries(Object.entries(c.requests).filter(([k]) => k.includes('/') || k.startsWith('hugepages-'))) },
      ...(c.port === undefined ? {} : { ports: [{ containerPort: c.port, hostPort: c.port }] }),
      ...(init && c.sidecar ? { restartPolicy: 'Always' } : {}),
    });
    return { containers: containers.map((c, i) => toContainer(c, i, false)), initContainers: inits.map((c, i) => toContainer(c, i, true)) };
  });

const snapshot = (u: NodeUsage): unknown => [u.milliCPU, u.memory, u.ephemeralStorage, [...u.scalar].sort(), u.nonZeroMilliCPU, u.nonZeroMemory, u.podCount, u.ports.size];
const rebuilt = (demands: readonly PodDemand[]): NodeUsage => {
  const u = new NodeUsage();
  for (const d of demands) u.add(d);
  return u;
};

test('node usage: incremental under adds and removes == rebuilt from the pods left', (ctx) => {
  const opArb = fc.tuple(fc.boolean(), podArb, fc.nat());
  check(ctx, fc.property(fc.array(opArb, { maxLength: 20 }), (ops) => {
    const usage = new NodeUsage();
    const bound: PodDemand[] = [];
    for (const [add, spec, at] of ops) {
      if (add || bound.length === 0) {
        const d = demandOf(spec);
        usage.add(d);
        bound.push(d);
      } else {
        const [d] = bound.splice(at % bound.length, 1);
        if (d) usage.remove(d);
      }
      expectEqual(snapshot(usage), snapshot(rebuilt(bound)), 'incremental and rebuilt usage');
    }
  }), 0.5);
});

/** Pod-level requests / limits and overhead on top, written with equal values in different texts. */
const podLevelArb: fc.Arbitrary<JsonObject> = fc.record(
  {
    resources: fc.record({ requests: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.constantFrom('1', '1000m', '2', '1Gi', '1024Mi'), { maxKeys: 2 }), limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.constantFrom('2', '2000m', '2Gi'), { maxKeys: 2 }) }, { requiredKeys: [] }),
    overhead: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.constantFrom('10m', '0.01', '64Mi'), { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);

test('demand cache: a pod\'s shared demand is its own, whatever came before; specs that ask the same have one demand', (ctx) => {
  // Containers crossed with pod-level fields, so pods differing in one field only are common.
  const specsArb = fc.tuple(fc.array(podArb, { minLength: 1, maxLength: 2 }), fc.array(podLevelArb, { minLength: 1, maxLength: 4 }));
  check(ctx, fc.property(specsArb, fc.array(fc.nat(), { maxLength: 8 }), ([containers, podLevels], picks) => {
    const specs = containers.flatMap((spec) => podLevels.map((podLevel) => ({ ...spec, ...podLevel })));
    const cache = new PodDemandCache();
    // Replicas: the same specs again, decoded anew.
    const order = [...specs, ...picks.map((i) => specs[i % specs.length]!)].map((spec) => podResources(spec));
    for (const pod of order) expectEqual(cache.demandOf(pod), computePodDemand(pod), 'shared and own demand');
    for (const a of order) {
      for (const b of order) if (sameDemandInputs(a, b)) expectEqual(computePodDemand(a), computePodDemand(b), 'demands of specs that ask the same');
    }
  }), 0.5);
});

const nodeArb = fc.record({
  cpu: fc.constantFrom(0, 500, 4000, 64000),
  memory: fc.constantFrom(0, 2 ** 30, 16 * 2 ** 30),
  pods: fc.constantFrom(0, 1, 3, 110),
  gpu: fc.constantFrom(0, 1, 8),
});
type NodeNumbers = { cpu: number; memory: number; pods: number; gpu: number };
const allocatableOf = (n: NodeNumbers): ReturnType<typeof allocatable> =>
  allocatable({ cpu: `${n.cpu}m`, memory: `${n.memory}`, pods: `${n.pods}`, 'example.com/gpu': `${n.gpu}` });

test('NodeResourcesFit laws: more allocatable, or one pod fewer on the node, never adds a reason', (ctx) => {
  check(ctx, fc.property(podArb, fc.array(podArb, { maxLength: 4 }), nodeArb, nodeArb, (spec, others, small, extra) => {
    const bigger = { cpu: small.cpu + extra.cpu, memory: small.memory + extra.memory, pods: small.pods + extra.pods, gpu: small.gpu + extra.gpu };
    const demands = others.map((o) => demandOf(o));
    const pod = demandOf(spec).request;
    const reasons = (node: NodeNumbers, pods: PodDemand[]): Set<string> => new Set(fitsRequest(pod, allocatableOf(node), rebuilt(pods)).map((r) => r.reason));
    const base = reasons(small, demands);
    const withMore = reasons(bigger, demands);
    expect([...withMore].every((r) => base.has(r)), 'reasons with more allocatable ⊆ reasons before', { small, bigger, base: [...base], withMore: [...withMore] });
    if (demands.length > 0) {
      const fewer = reasons(small, demands.slice(1));
      expect([...fewer].every((r) => base.has(r)), 'reasons with one pod fewer ⊆ reasons before', { base: [...base], fewer: [...fewer] });
    }
  }), 0.3);
});

test.run();
