/**
 * Model-based test of the incremental node index: random sequences of node additions, label /
 * taint / cordon updates, whole-node replacements, bulk additions and removals are applied to ONE
 * engine with `upsertNode` / `removeNode` (and, in step, to one reference-evaluator engine). After every command, for each of a few pods, its answers
 * must equal those of an engine built fresh from the current node list.
 *
 * Ids are reused after removals, so the incremental engine may list nodes in a different order
 * than the fresh one: eligible names and ineligible nodes are compared as sets (keyed by node
 * name), the summary message exactly, rank per node.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine, type Engine } from '../src/api/engine.js';
import type { JsonObject } from '../src/model/decode.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import type { Node, Workload } from '../src/model/types.js';
import {
  decodeNodeObject,
  featureGatesArb,
  labelsObjectArb,
  nodeNames,
  nodeObjectArb,
  nodeObjectListArb,
  nodeObjectName,
  podSpecObjectArb,
  taintsObjectArb,
  workloadFromSpec,
} from './arbitraries.js';
import { check, eligibilityAsSets, expect, expectEqual, expectRankSorted, outcome, rankAsMap } from './support.js';

/** What the node set should be: objects by name, in the order an informer would list them. */
interface Model {
  readonly nodes: Map<string, { object: JsonObject; node: Node }>;
  readonly pods: readonly Workload[];
  readonly gates: FeatureGates;
}

/** The same commands go to an indexed engine and to a reference-evaluator engine. */
interface Real {
  readonly engine: Engine;
  readonly reference: Engine;
}

type NodeCommand = fc.Command<Model, Real>;

/** Names commands touch: mostly the first 12 (so they hit existing nodes), sometimes up to 40. */
const nameArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...nodeNames.slice(0, 12)) }, { weight: 1, arbitrary: fc.constantFrom(...nodeNames.slice(0, 40)) });

function withMetadata(object: JsonObject, change: (metadata: JsonObject) => JsonObject): JsonObject {
  return { ...object, metadata: change({ ...(object['metadata'] as JsonObject) }) };
}

function withSpec(object: JsonObject, change: (spec: JsonObject) => JsonObject): JsonObject {
  return { ...object, spec: change({ ...((object['spec'] as JsonObject | undefined) ?? {}) }) };
}

/** Upserts a node object into both model and engine. */
function upsert(m: Model, r: Real, object: JsonObject): void {
  const name = nodeObjectName(object);
  const node = decodeNodeObject(object);
  // The engine gets its own decoded copy: the index must not depend on object identity.
  r.engine.upsertNode(decodeNodeObject(object));
  r.reference.upsertNode(decodeNodeObject(object));
  m.nodes.set(name, { object, node }); // a replaced node keeps its place in the list, a new one goes last
}

/** After every command: the incremental engine answers as a fresh one over the model's list. */
function compareWithFresh(m: Model, r: Real, after: string): void {
  const list = [...m.nodes.values()].map((e) => e.node);
  const fresh = createEngine({ nodes: list, featureGates: m.gates });
  expectEqual(r.engine.nodes.map((n) => n.name).sort(), list.map((n) => n.name).sort(), `after ${after}: engine.nodes`, ['incremental', 'model']);
  expectEqual(r.reference.nodes.map((n) => n.name), r.engine.nodes.map((n) => n.name), `after ${after}: reference engine.nodes`, ['reference', 'indexed']);
  m.pods.forEach((w, i) => {
    const incremental = r.engine.eligible(w);
    const expected = fresh.eligible(w);
    // Both incremental engines share the index layout, so they agree in order too.
    expectEqual(incremental, r.reference.eligible(w), `after ${after}: eligible(pods[${i}]) of the incremental engines`, ['indexed', 'reference']);
    expectEqual(eligibilityAsSets(incremental), eligibilityAsSets(expected), `after ${after}: eligible(pods[${i}])`, ['incremental', 'fresh']);
    expectEqual(r.engine.eligibleCount(w), expected.eligible.length, `after ${after}: eligibleCount(pods[${i}])`, ['incremental', 'fresh']);
    const rankedIncremental = outcome(() => r.engine.rank(w));
    const rankedFresh = outcome(() => fresh.rank(w));
    expectEqual(rankedIncremental, outcome(() => r.reference.rank(w)), `after ${after}: rank(pods[${i}]) of the incremental engines`, ['indexed', 'reference']);
    const asMap = (o: typeof rankedFresh) => (o.ok ? { ok: true, nodes: rankAsMap(o.value) } : o);
    expectEqual(asMap(rankedIncremental), asMap(rankedFresh), `after ${after}: rank(pods[${i}])`, ['incremental', 'fresh']);
    if (rankedIncremental.ok) expectRankSorted(rankedIncremental.value, `after ${after}`);
  });
}

class AddNode implements NodeCommand {
  constructor(readonly object: JsonObject) {}
  check(m: Readonly<Model>): boolean {
    return !m.nodes.has(nodeObjectName(this.object));
  }
  run(m: Model, r: Real): void {
    upsert(m, r, this.object);
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `add ${JSON.stringify(this.object)}`;
  }
}

class ReplaceNode implements NodeCommand {
  constructor(readonly object: JsonObject) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(nodeObjectName(this.object));
  }
  run(m: Model, r: Real): void {
    upsert(m, r, this.object);
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `replace ${JSON.stringify(this.object)}`;
  }
}

class SetLabels implements NodeCommand {
  constructor(readonly name: string, readonly labels: JsonObject) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    upsert(m, r, withMetadata(m.nodes.get(this.name)!.object, (md) => ({ ...md, labels: this.labels })));
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `setLabels ${this.name} ${JSON.stringify(this.labels)}`;
  }
}

class SetTaints implements NodeCommand {
  constructor(readonly name: string, readonly taints: JsonObject[]) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    upsert(m, r, withSpec(m.nodes.get(this.name)!.object, (spec) => ({ ...spec, taints: this.taints })));
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `setTaints ${this.name} ${JSON.stringify(this.taints)}`;
  }
}

class SetCordon implements NodeCommand {
  constructor(readonly name: string, readonly unschedulable: boolean) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    upsert(m, r, withSpec(m.nodes.get(this.name)!.object, (spec) => ({ ...spec, unschedulable: this.unschedulable })));
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `${this.unschedulable ? 'cordon' : 'uncordon'} ${this.name}`;
  }
}

class RemoveNode implements NodeCommand {
  constructor(readonly name: string) {}
  check(): boolean {
    return true; // removing an absent node is a command too: it must return false and change nothing
  }
  run(m: Model, r: Real): void {
    const existed = m.nodes.delete(this.name);
    expectEqual(r.engine.removeNode(this.name), existed, `removeNode(${JSON.stringify(this.name)}) return value`, ['engine', 'model']);
    expectEqual(r.reference.removeNode(this.name), existed, `reference removeNode(${JSON.stringify(this.name)}) return value`, ['engine', 'model']);
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `remove ${this.name}`;
  }
}

/** Many upserts at once: grows the index past 32 ids (capacity doubling) and turns value sets dense. */
class BulkUpsert implements NodeCommand {
  constructor(readonly objects: JsonObject[]) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    for (const object of this.objects) upsert(m, r, object);
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `bulkUpsert ${JSON.stringify(this.objects)}`;
  }
}

/** Removes many nodes at once, freeing ids for reuse. */
class BulkRemove implements NodeCommand {
  constructor(readonly names: string[]) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    for (const name of this.names) {
      const existed = m.nodes.delete(name);
      expectEqual(r.engine.removeNode(name), existed, `removeNode(${JSON.stringify(name)}) return value`, ['engine', 'model']);
      expectEqual(r.reference.removeNode(name), existed, `reference removeNode(${JSON.stringify(name)}) return value`, ['engine', 'model']);
    }
    compareWithFresh(m, r, this.toString());
  }
  toString(): string {
    return `bulkRemove ${JSON.stringify(this.names)}`;
  }
}

const commandArbs: fc.Arbitrary<NodeCommand>[] = [
  nodeObjectArb(nodeNames.slice(0, 40)).map((o) => new AddNode(o)),
  nodeObjectArb(nodeNames.slice(0, 12)).map((o) => new AddNode(o)),
  nodeObjectArb(nodeNames.slice(0, 12)).map((o) => new ReplaceNode(o)),
  fc.tuple(nameArb, labelsObjectArb).map(([n, l]) => new SetLabels(n, l)),
  fc.tuple(nameArb, taintsObjectArb).map(([n, t]) => new SetTaints(n, t)),
  fc.tuple(nameArb, fc.boolean()).map(([n, u]) => new SetCordon(n, u)),
  nameArb.map((n) => new RemoveNode(n)),
  nameArb.map((n) => new RemoveNode(n)),
  nodeObjectListArb({ minNodes: 10, maxNodes: 30, names: nodeNames.slice(0, 60) }).map((list) => new BulkUpsert(list)),
  fc.uniqueArray(fc.constantFrom(...nodeNames.slice(0, 60)), { minLength: 5, maxLength: 30 }).map((names) => new BulkRemove(names)),
];

test('incremental index: after every add / update / cordon / remove, answers equal a fresh engine over the same nodes', (ctx) => {
  check(
    ctx,
    fc.property(
      nodeObjectListArb({ maxNodes: 8 }),
      fc.array(podSpecObjectArb, { minLength: 1, maxLength: 3 }),
      featureGatesArb,
      fc.commands(commandArbs, { maxCommands: 25, size: 'max' }),
      (initial, podSpecs, gates, commands) => {
        const pods = podSpecs.map((spec, i) => workloadFromSpec(spec, `p${i}`));
        const setup = () => {
          const nodes = new Map(initial.map((object) => [nodeObjectName(object), { object, node: decodeNodeObject(object) }] as const));
          const model: Model = { nodes, pods, gates };
          const real: Real = {
            engine: createEngine({ nodes: initial.map(decodeNodeObject), featureGates: gates }),
            reference: createEngine({ nodes: initial.map(decodeNodeObject), featureGates: gates, evaluator: 'reference' }),
          };
          compareWithFresh(model, real, 'createEngine');
          return { model, real };
        };
        fc.modelRun(setup, commands);
      },
    ),
    0.2,
  );
});

test('incremental index: upserting a node unchanged, or removing and re-adding it, changes no answer', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectListArb({ minNodes: 1, maxNodes: 10 }), fc.array(podSpecObjectArb, { minLength: 1, maxLength: 3 }), featureGatesArb, fc.nat(), (objects, podSpecs, gates, at) => {
      const nodes = objects.map(decodeNodeObject);
      const engine = createEngine({ nodes, featureGates: gates });
      const pods = podSpecs.map((spec, i) => workloadFromSpec(spec, `p${i}`));
      const before = pods.map((w) => engine.eligible(w));
      const target = objects[at % objects.length]!;
      engine.upsertNode(decodeNodeObject(target));
      pods.forEach((w, i) => expectEqual(engine.eligible(w), before[i], `eligible(pods[${i}]) after an unchanged upsert`, ['after', 'before']));
      expect(engine.removeNode(nodeObjectName(target)), 'removeNode of a present node returns true');
      engine.upsertNode(decodeNodeObject(target));
      // The freed id is reused, so the re-added node takes its old place: same answers, same order.
      pods.forEach((w, i) => expectEqual(engine.eligible(w), before[i], `eligible(pods[${i}]) after remove + re-add`, ['after', 'before']));
    }),
    1,
  );
});

test.run();
