/**
 * NodePorts and NodeResourcesFit over the pods already running: the indexed engine (typed columns,
 * the (protocol, port) → nodes index) equals the reference evaluator (fitsRequest and
 * findPortConflict node by node) on generated clusters; an engine changed pod by pod and node by
 * node equals one built from the final state (fc.commands); and the laws: more free capacity never
 * removes a node, removing a pod never removes a node.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine, type Engine } from '../src/api/engine.js';
import type { JsonObject } from '../src/model/decode.js';
import type { Workload } from '../src/model/types.js';
import {
  clusterPodObjectArb,
  clusterPodObjectsArb,
  decodeClusterPod,
  decodeNodeObject,
  nodeNames,
  nodeObjectName,
  nodeWithAllocatableArbNamed,
  nodesWithAllocatableArb,
  podSpecWithResourcesObjectArb,
  workloadFromSpec,
} from './arbitraries.js';
import { check, expect, expectEqual, outcome } from './support.js';

const names = ['indexed', 'reference'] as const;
const workloadsArb = fc.array(podSpecWithResourcesObjectArb, { minLength: 1, maxLength: 3 }).map((specs) => specs.map((s, i) => workloadFromSpec(s, `w${i}`)));

function engines(nodeObjects: readonly JsonObject[], podObjects: readonly JsonObject[]): [Engine, Engine] {
  const nodes = nodeObjects.map(decodeNodeObject);
  const pods = podObjects.map(decodeClusterPod);
  return [createEngine({ nodes, pods }), createEngine({ nodes, pods, evaluator: 'reference' })];
}

/** Everything both engines answer about a workload. */
function answers(engine: Engine, w: Workload): unknown {
  return {
    nodes: outcome(() => engine.eligible(w)),
    groups: outcome(() => engine.eligible(w, { explain: 'groups' })),
    count: outcome(() => engine.eligibleCount(w)),
    rank: outcome(() => engine.rank(w)),
  };
}

test('indexed engine = reference evaluator with the cluster\'s pods: eligible, reasons, details, message, groups, count, rank', (ctx) => {
  check(
    ctx,
    fc.property(nodesWithAllocatableArb(), clusterPodObjectsArb(), workloadsArb, (nodes, pods, workloads) => {
      const [indexed, reference] = engines(nodes, pods);
      workloads.forEach((w, i) => expectEqual(answers(indexed, w), answers(reference, w), `workload ${i}`, names));
    }),
    0.5,
  );
});

test('indexed = reference on larger clusters (past one bitset word)', (ctx) => {
  const many = nodeNames.slice(0, 70);
  check(
    ctx,
    fc.property(nodesWithAllocatableArb({ names: many, minNodes: 33, maxNodes: 50 }), clusterPodObjectsArb(many, 30), workloadsArb, (nodes, pods, workloads) => {
      const [indexed, reference] = engines(nodes, pods);
      workloads.forEach((w, i) => expectEqual(indexed.eligible(w, { explain: 'groups' }), reference.eligible(w, { explain: 'groups' }), `workload ${i}`, names));
    }),
    0.1,
  );
});

/** The state an engine under churn should equal. */
interface Model {
  nodes: Map<string, JsonObject>;
  pods: Map<string, JsonObject>;
}
const podId = (p: JsonObject): string => {
  const m = p['metadata'] as JsonObject;
  return `${String(m['namespace'])}/${String(m['name'])}`;
};

class UpsertPod implements fc.Command<Model, Engine> {
  constructor(readonly pod: JsonObject) {}
  check = (): boolean => true;
  run(m: Model, e: Engine): void {
    m.pods.set(podId(this.pod), this.pod);
    e.upsertPod(decodeClusterPod(this.pod));
  }
  toString = (): string => `upsertPod(${JSON.stringify(this.pod)})`;
}
class RemovePod implements fc.Command<Model, Engine> {
  constructor(readonly namespace: string, readonly name: string) {}
  check = (): boolean => true;
  run(m: Model, e: Engine): void {
    const had = m.pods.delete(`${this.namespace}/${this.name}`);
    expectEqual(e.removePod(this.namespace, this.name), had, 'removePod result');
  }
  toString = (): string => `removePod(${this.namespace}/${this.name})`;
}
class UpsertNode implements fc.Command<Model, Engine> {
  constructor(readonly node: JsonObject) {}
  check = (): boolean => true;
  run(m: Model, e: Engine): void {
    m.nodes.set(nodeObjectName(this.node), this.node);
    e.upsertNode(decodeNodeObject(this.node));
  }
  toString = (): string => `upsertNode(${nodeObjectName(this.node)})`;
}
class RemoveNode implements fc.Command<Model, Engine> {
  constructor(readonly name: string) {}
  check = (): boolean => true;
  run(m: Model, e: Engine): void {
    m.nodes.delete(this.name);
    e.removeNode(this.name);
  }
  toString = (): string => `removeNode(${this.name})`;
}

const churnNames = nodeNames.slice(0, 6);
const commandsArb = fc.commands(
  [
    clusterPodObjectArb(churnNames).map((p) => new UpsertPod(p)),
    fc.record({ ns: fc.constantFrom('default', 'kube-system'), name: fc.constantFrom('a', 'b', 'c', 'd') }).map(({ ns, name }) => new RemovePod(ns, name)),
    fc.constantFrom(...churnNames).chain(nodeWithAllocatableArbNamed).map((n) => new UpsertNode(n)),
    fc.constantFrom(...churnNames).map((n) => new RemoveNode(n)),
  ],
  { maxCommands: 25 },
);

test('incremental == rebuilt under pod and node churn (fc.commands), both evaluators', (ctx) => {
  check(
    ctx,
    fc.property(nodesWithAllocatableArb({ names: churnNames }), clusterPodObjectsArb(churnNames, 6), commandsArb, workloadsArb, fc.constantFrom('indexed' as const, 'reference' as const), (nodes, pods, commands, workloads, evaluator) => {
      const model: Model = { nodes: new Map(nodes.map((n) => [nodeObjectName(n), n])), pods: new Map(pods.map((p) => [podId(p), p])) };
      const engine = createEngine({ nodes: nodes.map(decodeNodeObject), pods: pods.map(decodeClusterPod), evaluator });
      // Ask before the churn too, so cached answers and groupings exist to go stale.
      for (const w of workloads) engine.eligible(w, { explain: 'groups' });
      fc.modelRun(() => ({ model, real: engine }), commands);
      const rebuilt = createEngine({ nodes: [...model.nodes.values()].map(decodeNodeObject), pods: [...model.pods.values()].map(decodeClusterPod), evaluator });
      expectEqual(engine.podCount, rebuilt.podCount, 'podCount');
      const sorted = <T extends { eligible: readonly string[] }>(a: T) => ({ ...a, eligible: [...a.eligible].sort() });
      workloads.forEach((w, i) => {
        expectEqual(sorted(engine.eligible(w, { explain: 'none' })), sorted(rebuilt.eligible(w, { explain: 'none' })), `eligible(w${i}) after churn`, ['incremental', 'rebuilt']);
        const groups = (e: Engine) => e.eligible(w, { explain: 'groups' }).groups.map((g) => [g.count, g.reasons, g.details]).sort();
        expectEqual(groups(engine), groups(rebuilt), `groups(w${i}) after churn`, ['incremental', 'rebuilt']);
      });
    }),
    0.3,
  );
});

const isSubset = (a: readonly string[], b: readonly string[]): boolean => {
  const set = new Set(b);
  return a.every((x) => set.has(x));
};

test('law: removing a pod never removes a node', (ctx) => {
  check(
    ctx,
    fc.property(nodesWithAllocatableArb(), clusterPodObjectsArb(), workloadsArb, fc.nat(), (nodes, pods, workloads, pick) => {
      if (pods.length === 0) return;
      const [engine] = engines(nodes, pods);
      const before = workloads.map((w) => engine.eligible(w, { explain: 'none' }).eligible);
      const gone = pods[pick % pods.length]!['metadata'] as JsonObject;
      engine.removePod(String(gone['namespace']), String(gone['name']));
      workloads.forEach((w, i) => expect(isSubset(before[i]!, engine.eligible(w, { explain: 'none' }).eligible), `w${i}: a node was removed by removing a pod`));
    }),
    0.3,
  );
});

test('law: more free capacity never removes a node', (ctx) => {
  check(
    ctx,
    fc.property(nodesWithAllocatableArb({ minNodes: 1 }), clusterPodObjectsArb(), workloadsArb, fc.nat(), (nodes, pods, workloads, pick) => {
      const [engine] = engines(nodes, pods);
      const before = workloads.map((w) => engine.eligible(w, { explain: 'none' }).eligible);
      const node = nodes[pick % nodes.length]!;
      const status = node['status'] as JsonObject;
      const allocatable = status['allocatable'] as JsonObject;
      // Double every amount (a zero becomes two units), and room for one more pod.
      const bigger = Object.fromEntries(Object.entries(allocatable).map(([k, v]) => [k, k === 'pods' ? String(Number(v) + 1) : doubled(v === '0' ? '1' : String(v))]));
      const grown = { ...node, status: { ...status, allocatable: bigger } };
      engine.upsertNode(decodeNodeObject(grown));
      workloads.forEach((w, i) => expect(isSubset(before[i]!, engine.eligible(w, { explain: 'none' }).eligible), `w${i}: a node was removed by adding capacity`));
    }),
    0.3,
  );
});

/** A quantity twice as large: its number doubled, its suffix kept. */
function doubled(text: string): string {
  const m = /^(\d+)(.*)$/.exec(text);
  return m ? `${Number(m[1]) * 2}${m[2]}` : text;
}

test.run();
