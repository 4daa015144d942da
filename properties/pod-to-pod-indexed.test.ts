/**
 * The indexed pod-to-pod filters (src/eval/pod-to-pod-indexed.ts) against the semantics layer's
 * node-by-node reference: same failing nodes, same reason and counts per node, same constraints
 * reported as not evaluated; an index kept up to date under pod and node churn answers as one
 * rebuilt from scratch; and the anti-affinity laws hold on the indexed answer.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import { filterPodToPod } from '../src/eval/pod-to-pod-indexed.js';
import type { PodToPodIndexes } from '../src/eval/pod-to-pod-context.js';
import { hasBit } from '../src/node-index/bitset.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { PodLabelIndex } from '../src/node-index/pod-label-index.js';
import { filterPodAffinity, preparePodAffinity } from '../src/semantics/inter-pod-affinity-filter.js';
import type { ExistingPod, IncomingPod, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { filterTopologySpread, prepareTopologySpread } from '../src/semantics/topology-spread-filter.js';
import { caseArb, fullCaseArb, fullExistingPodArb, toCluster, toExistingPod, toFullIncoming, toIncoming, toNamespaces } from './pod-to-pod-arbitraries.js';
import { check, expect, expectEqual } from './support.js';

function indexesOf(cluster: PodToPodCluster): PodToPodIndexes {
  const nodes = buildNodeIndex(cluster.nodes);
  return { nodes, pods: new PodLabelIndex(nodes, cluster.pods), objects: cluster };
}

/** A failure without its example pods (the two sides name the first few pods in different orders) and with terms by path. */
function comparable(failure: object | undefined): unknown {
  if (!failure) return undefined;
  return JSON.parse(
    JSON.stringify(failure, (key, value: unknown) => {
      if (key === 'domain') return (value as { count: number }).count;
      if (key === 'term') return (value as { path: string }).path;
      if (key === 'constraint') return (value as { index: number | undefined; topologyKey: string }).topologyKey;
      return value;
    }),
  ) as unknown;
}

/** Per node name: [spread failure, affinity failure], from the reference. */
function reference(pod: IncomingPod, cluster: PodToPodCluster): Map<string, [unknown, unknown]> {
  const spread = prepareTopologySpread(pod, cluster);
  const affinity = preparePodAffinity(pod, cluster);
  return new Map(cluster.nodes.map((node) => [node.name, [comparable(filterTopologySpread(spread, node)), comparable(filterPodAffinity(affinity, node))]]));
}

/** The same, from the indexes, checking each failing set against its per-node reasons. */
function indexed(pod: IncomingPod, indexes: PodToPodIndexes): Map<string, [unknown, unknown]> {
  const answer = filterPodToPod(pod, indexes);
  const out = new Map<string, [unknown, unknown]>();
  indexes.nodes.nodes.forEach((node, id) => {
    if (!node) return;
    const spread = answer.spread.failureOf(id);
    const affinity = answer.affinity.failureOf(id);
    expectEqual(hasBit(answer.spread.failing, id), spread !== undefined, `PodTopologySpread failing bit of ${node.name}`);
    expectEqual(hasBit(answer.affinity.failing, id), affinity !== undefined, `InterPodAffinity failing bit of ${node.name}`);
    out.set(node.name, [comparable(spread), comparable(affinity)]);
  });
  return out;
}

const sorted = (m: Map<string, [unknown, unknown]>): [string, [unknown, unknown]][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

test('indexed == reference: failing nodes, reasons and counts of both filters', (ctx) => {
  check(
    ctx,
    fc.property(fullCaseArb, ({ nodes, pods, incoming, namespaceTeams }) => {
      const pod = toFullIncoming(incoming);
      const namespaces = toNamespaces(namespaceTeams);
      const cluster: PodToPodCluster = { ...toCluster(nodes, pods), ...(namespaces ? { namespaces } : {}) };
      const indexes = indexesOf(cluster);
      expectEqual(sorted(indexed(pod, indexes)), sorted(reference(pod, cluster)), 'per-node failures');
      const answer = filterPodToPod(pod, indexes);
      const own = (list: readonly { field: string }[]): string[] => list.map((n) => n.field).filter((f) => !f.startsWith('pods[')).sort();
      const ref = [...prepareTopologySpread(pod, cluster).notEvaluated, ...preparePodAffinity(pod, cluster).notEvaluated];
      expectEqual(own(answer.notEvaluated), own(ref), 'not evaluated (the pod own constraints)');
      // Existing pods' terms that cannot select the pod's labels at all are not reported by the index.
      const refFields = new Set(ref.map((n) => n.field));
      expect(answer.notEvaluated.every((n) => refFields.has(n.field) || n.field === '...'), 'an existing term reported only by the index', { indexed: answer.notEvaluated, ref });
    }),
    0.5,
  );
});

test('indexed == reference on the basic generated cases (anti-affinity and spread only)', (ctx) => {
  check(
    ctx,
    fc.property(caseArb, ({ nodes, pods, incoming }) => {
      const pod = toIncoming(incoming);
      const cluster = toCluster(nodes, pods);
      expectEqual(sorted(indexed(pod, indexesOf(cluster))), sorted(reference(pod, cluster)), 'per-node failures');
    }),
    0.5,
  );
});

/** The model of a churn run: the pods by key, and which nodes are currently in the index. */
interface Model {
  readonly pods: Map<string, ExistingPod>;
  readonly removedNodes: Set<string>;
}

interface Real {
  readonly indexes: PodToPodIndexes;
  readonly allNodes: readonly PodToPodCluster['nodes'][number][];
}

const key = (p: ExistingPod): string => `${p.namespace}/${p.name}`;

class UpsertPod implements fc.Command<Model, Real> {
  constructor(readonly pod: ExistingPod) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    model.pods.set(key(this.pod), this.pod);
    real.indexes.pods.upsert(this.pod);
  }
  toString = (): string => `upsert(${key(this.pod)} on ${this.pod.nodeName})`;
}

class RemovePod implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>): boolean => model.pods.size > 0;
  run(model: Model, real: Real): void {
    const pod = [...model.pods.values()][this.pick % model.pods.size]!;
    model.pods.delete(key(pod));
    real.indexes.pods.remove(pod.namespace, pod.name);
  }
  toString = (): string => `remove(#${this.pick})`;
}

/** Binds or moves a pod: same object but another node, as a scheduler bind or a reschedule does. */
class MovePod implements fc.Command<Model, Real> {
  constructor(readonly pick: number, readonly node: number) {}
  check = (model: Readonly<Model>): boolean => model.pods.size > 0;
  run(model: Model, real: Real): void {
    const pod = [...model.pods.values()][this.pick % model.pods.size]!;
    const moved = { ...pod, nodeName: `n${this.node}` };
    model.pods.set(key(moved), moved);
    real.indexes.pods.upsert(moved);
  }
  toString = (): string => `move(#${this.pick} to n${this.node})`;
}

class ToggleNode implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (): boolean => true;
  run(model: Model, real: Real): void {
    const node = real.allNodes[this.pick % real.allNodes.length]!;
    if (model.removedNodes.delete(node.name)) {
      real.indexes.nodes.upsert(node);
      real.indexes.pods.nodeAdded(node.name);
    } else {
      model.removedNodes.add(node.name);
      real.indexes.nodes.remove(node.name);
      real.indexes.pods.nodeRemoved(node.name);
    }
  }
  toString = (): string => `toggleNode(#${this.pick})`;
}

test('incremental == rebuilt under pod and node churn', (ctx) => {
  const nodeCount = 5;
  const commands = fc.commands(
    [
      fc.tuple(fc.nat(30), fullExistingPodArb(nodeCount, 0)).map(([i, object]) => new UpsertPod(toExistingPod(renamed(object, i)))),
      fc.nat().map((pick) => new RemovePod(pick)),
      fc.tuple(fc.nat(), fc.nat(nodeCount)).map(([pick, node]) => new MovePod(pick, node)),
      fc.nat().map((pick) => new ToggleNode(pick)),
    ],
    { maxCommands: 25 },
  );
  check(
    ctx,
    fc.property(fullCaseArb, commands, ({ nodes, incoming, namespaceTeams }, cmds) => {
      const pod = toFullIncoming(incoming);
      const namespaces = toNamespaces(namespaceTeams);
      const base: PodToPodCluster = { ...toCluster(nodes, []), ...(namespaces ? { namespaces } : {}) };
      const indexes = indexesOf(base);
      const model: Model = { pods: new Map(), removedNodes: new Set() };
      fc.modelRun(() => ({ model, real: { indexes, allNodes: base.nodes } }), cmds);
      const now: PodToPodCluster = { ...base, nodes: base.nodes.filter((n) => !model.removedNodes.has(n.name)), pods: [...model.pods.values()] };
      expectEqual(sorted(indexed(pod, indexes)), sorted(indexed(pod, indexesOf(now))), 'incremental vs rebuilt');
      expectEqual(sorted(indexed(pod, indexes)), sorted(reference(pod, now)), 'incremental vs reference');
    }),
    0.3,
  );
});

function renamed(object: JsonObject, i: number): JsonObject {
  return { ...object, metadata: { ...(object['metadata'] as JsonObject), name: `q${i}` } };
}

test('InterPodAffinity, indexed, for a pod with only anti-affinity: removing a pod never removes a node, adding one never adds a node', (ctx) => {
  check(
    ctx,
    fc.property(caseArb, fc.nat(), ({ nodes, pods, incoming }, pick) => {
      if (pods.length === 0) return;
      const pod = toIncoming(incoming);
      const indexes = indexesOf(toCluster(nodes, pods));
      const passing = (): Set<number> => {
        const failing = filterPodToPod(pod, indexes).affinity.failing;
        return new Set(indexes.nodes.nodes.flatMap((n, id) => (n && !hasBit(failing, id) ? [id] : [])));
      };
      const before = passing();
      const victim = toExistingPod(pods[pick % pods.length]!);
      indexes.pods.remove(victim.namespace, victim.name);
      const after = passing();
      expect([...before].every((id) => after.has(id)), 'removing a pod lost a node', { before: [...before], after: [...after] });
      indexes.pods.upsert(victim);
      const again = passing();
      expect([...again].every((id) => after.has(id)), 'adding a pod gained a node', { after: [...after], again: [...again] });
      expectEqual([...again].sort(), [...before].sort(), 'back to the start');
    }),
    0.5,
  );
});

test.run();
