/**
 * The DaemonSet plan's Pending forecast: the indexed engine (the store's free-capacity columns and
 * port index over the created pods' nodes) equals the reference evaluator (the whole filter chain,
 * node by node), on generated nodes with allocatable, cluster pods, and the DaemonSet's own pods —
 * running, or unscheduled and pinned by affinity, of this revision or another. And the forecast
 * only names pods the scheduler still has to place: created by the plan, or already unscheduled.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import type { JsonObject } from '../src/model/decode.js';
import {
  clusterPodObjectsArb,
  daemonPodSpecObjectArb,
  daemonSelectorLabels,
  daemonSetObjectArb,
  decodeClusterPod,
  decodeNodeObject,
  nodeNames,
  nodesWithAllocatableArb,
  podResourcesObjectArb,
} from './arbitraries.js';
import { decodeDs } from './daemonset-sim.js';
import { check, expect, expectEqual } from './support.js';

const names = ['indexed', 'reference'] as const;
const hashes = ['h1', 'h2'] as const;

/** A pod of the generated DaemonSet (`default/ds`, uid `ds-uid`): bound, or pinned by affinity and unscheduled. */
function daemonPodObjectArb(nodes: readonly string[]): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      name: fc.constantFrom('d0', 'd1', 'd2', 'd3', 'd4', 'd5'),
      node: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...nodes) }, { weight: 1, arbitrary: fc.constant('missing') }),
      bound: fc.boolean(),
      hash: fc.constantFrom(...hashes),
      phase: fc.constantFrom('Running', 'Pending', 'Failed'),
      resources: podResourcesObjectArb,
    })
    .map(({ name, node, bound, hash, phase, resources }) => {
      const pin = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } };
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'default',
          labels: { ...daemonSelectorLabels, 'controller-revision-hash': hash },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'ds-uid', controller: true }],
        },
        spec: { ...resources, affinity: pin, tolerations: [{ operator: 'Exists' }], ...(bound ? { nodeName: node } : {}) },
        status: { phase: bound ? phase : 'Pending' },
      };
    });
}

const many = nodeNames.slice(0, 40);
const caseArb = (nodeSet: readonly string[], minNodes: number, maxNodes: number) =>
  fc.record({
    nodes: nodesWithAllocatableArb({ names: nodeSet, minNodes, maxNodes }),
    cluster: clusterPodObjectsArb(nodeSet, 12),
    daemonPods: fc.uniqueArray(daemonPodObjectArb(nodeSet), { maxLength: 5, selector: (p) => (p['metadata'] as JsonObject)['name'] as string }),
    ds: daemonSetObjectArb({ spec: fc.tuple(daemonPodSpecObjectArb, podResourcesObjectArb).map(([spec, resources]) => ({ ...spec, ...resources })) }),
  });

function property(c: { nodes: JsonObject[]; cluster: JsonObject[]; daemonPods: JsonObject[]; ds: JsonObject }): void {
  const nodes = c.nodes.map(decodeNodeObject);
  const pods = [...c.cluster, ...c.daemonPods].map(decodeClusterPod);
  const ds = decodeDs(c.ds);
  const request = { now: Date.parse('2026-03-01T12:00:00Z'), revisionHash: 'h1' };
  const indexed = createEngine({ nodes, pods }).daemonset(ds, pods, request);
  const reference = createEngine({ nodes, pods, evaluator: 'reference' }).daemonset(ds, pods, request);
  expectEqual(indexed, reference, 'plans with their Pending forecast', names);
  const waiting = new Set([...indexed.create, ...pods.filter((p) => p.nodeName === '').flatMap((p) => p.placement.requiredTerms?.[0]?.matchFields[0]?.values ?? [])]);
  for (const p of indexed.pending ?? []) {
    expect(waiting.has(p.node), 'a Pending pod is one the plan creates or one already unscheduled', p);
    expect(p.reasons.length > 0, 'a Pending pod has reasons', p);
  }
}

test('Pending forecast: indexed = reference (plans, pending nodes and reasons)', (ctx) => {
  check(ctx, fc.property(caseArb(nodeNames.slice(0, 8), 0, 6), property), 0.5);
});

test('Pending forecast: indexed = reference past one bitset word', (ctx) => {
  check(ctx, fc.property(caseArb(many, 33, 40), property), 0.1);
});

test.run();
