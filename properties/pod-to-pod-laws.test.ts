/**
 * Laws of kube-scheduler's InterPodAffinity and PodTopologySpread filters, checked on the
 * reference semantics: removing a pod never removes a node for a pod with only anti-affinity;
 * pods the plugins do not count change nothing; a larger maxSkew never removes a node.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import { filterPodAffinity, preparePodAffinity } from '../src/semantics/inter-pod-affinity-filter.js';
import type { IncomingPod, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { filterTopologySpread, prepareTopologySpread } from '../src/semantics/topology-spread-filter.js';
import { caseArb, toCluster, toIncoming } from './pod-to-pod-arbitraries.js';
import { check, expect, expectEqual } from './support.js';

function affinityPasses(pod: IncomingPod, cluster: PodToPodCluster): string[] {
  const state = preparePodAffinity(pod, cluster);
  return cluster.nodes.filter((node) => filterPodAffinity(state, node) === undefined).map((n) => n.name);
}

function spreadPasses(pod: IncomingPod, cluster: PodToPodCluster): string[] {
  const state = prepareTopologySpread(pod, cluster);
  return cluster.nodes.filter((node) => filterTopologySpread(state, node) === undefined).map((n) => n.name);
}

test('InterPodAffinity: removing an existing pod never removes a node for a pod with only anti-affinity', (ctx) => {
  check(
    ctx,
    fc.property(caseArb, fc.nat(), ({ nodes, pods, incoming }, pick) => {
      if (pods.length === 0) return;
      const pod = toIncoming(incoming);
      const before = new Set(affinityPasses(pod, toCluster(nodes, pods)));
      const after = new Set(affinityPasses(pod, toCluster(nodes, pods.filter((_, i) => i !== pick % pods.length))));
      expect([...before].every((n) => after.has(n)), 'a node was lost', { before: [...before], after: [...after] });
    }),
    0.5,
  );
});

test('InterPodAffinity and PodTopologySpread: finished pods and pods on unknown nodes change nothing', (ctx) => {
  check(
    ctx,
    fc.property(caseArb, ({ nodes, pods, incoming }) => {
      const pod = toIncoming(incoming);
      const uncounted = pods.flatMap((p, i): JsonObject[] => [
        { ...p, metadata: { ...(p['metadata'] as JsonObject), name: `done-${i}` }, status: { phase: 'Succeeded' } },
        { ...p, metadata: { ...(p['metadata'] as JsonObject), name: `lost-${i}` }, spec: { ...(p['spec'] as JsonObject), nodeName: 'not-a-node' } },
      ]);
      const base = toCluster(nodes, pods);
      const more = toCluster(nodes, [...pods, ...uncounted]);
      expectEqual(affinityPasses(pod, more), affinityPasses(pod, base), 'InterPodAffinity passing nodes');
      expectEqual(spreadPasses(pod, more), spreadPasses(pod, base), 'PodTopologySpread passing nodes');
    }),
    0.5,
  );
});

test('PodTopologySpread: terminating pods and pods of other namespaces change nothing', (ctx) => {
  check(
    ctx,
    fc.property(caseArb, ({ nodes, pods, incoming }) => {
      const pod = toIncoming(incoming);
      const extra = pods.flatMap((p, i): JsonObject[] => {
        const metadata = p['metadata'] as JsonObject;
        return [
          { ...p, metadata: { ...metadata, name: `gone-${i}`, deletionTimestamp: '2026-01-01T00:00:00Z' } },
          { ...p, metadata: { ...metadata, name: `other-${i}`, namespace: 'elsewhere' }, spec: { nodeName: (p['spec'] as JsonObject)['nodeName'] } },
        ];
      });
      expectEqual(spreadPasses(pod, toCluster(nodes, [...pods, ...extra])), spreadPasses(pod, toCluster(nodes, pods)), 'passing nodes');
    }),
    0.5,
  );
});

test('PodTopologySpread: a larger maxSkew never removes a node', (ctx) => {
  check(
    ctx,
    fc.property(caseArb, ({ nodes, pods, incoming }) => {
      const constraints = (incoming.spec['topologySpreadConstraints'] as JsonObject[]).map((c) => ({ ...c, maxSkew: (c['maxSkew'] as number) + 1 }));
      const cluster = toCluster(nodes, pods);
      const before = new Set(spreadPasses(toIncoming(incoming), cluster));
      const after = new Set(spreadPasses(toIncoming({ ...incoming, spec: { ...incoming.spec, topologySpreadConstraints: constraints } }), cluster));
      expect([...before].every((n) => after.has(n)), 'a node was lost', { before: [...before], after: [...after] });
    }),
    0.5,
  );
});

test.run();
