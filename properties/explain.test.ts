/**
 * Explanations built from a decision: the three forms agree with each other, and the kept
 * groupings never go stale — after any sequence of node updates an engine answers exactly as an
 * engine built fresh on the resulting node set.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import type { EligibilityResult, WithNotEvaluated } from '../src/eval/result.js';
import { groupExamples, type GroupedEligibility } from '../src/explain/explainer.js';
import type { JsonObject } from '../src/model/decode.js';
import { decodeNodeObject, featureGatesArb, nodeObjectArb, nodeObjectName, nodeObjectsArb, podSpecObjectArb, workloadFromSpec } from './arbitraries.js';
import { check, expectEqual } from './support.js';

/** The grouped form, derived the plain way from the per-node form. */
function groupByText(result: WithNotEvaluated<EligibilityResult>): WithNotEvaluated<GroupedEligibility> {
  const groups = new Map<string, { reasons: readonly string[]; details: readonly string[]; names: string[] }>();
  for (const n of result.ineligible) {
    const text = JSON.stringify([n.reasons, n.details]);
    let g = groups.get(text);
    if (!g) groups.set(text, (g = { reasons: n.reasons, details: n.details, names: [] }));
    g.names.push(n.node);
  }
  const order = result.ineligible.map((n) => n.node);
  const sorted = [...groups.values()].sort((a, b) => b.names.length - a.names.length || order.indexOf(a.names[0]!) - order.indexOf(b.names[0]!));
  return {
    eligible: result.eligible,
    groups: sorted.map((g) => ({ reasons: g.reasons, details: g.details, count: g.names.length, nodes: g.names.slice(0, groupExamples), more: Math.max(0, g.names.length - groupExamples) })),
    message: result.message,
    notEvaluated: result.notEvaluated,
  };
}

test('groups are the per-node explanations grouped by identical reasons and details, largest first; none is the decision and its summary', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, fc.array(podSpecObjectArb, { minLength: 1, maxLength: 3 }), featureGatesArb, (objects, specs, gates) => {
      const engine = createEngine({ nodes: objects.map(decodeNodeObject), featureGates: gates });
      specs.forEach((spec, i) => {
        const w = workloadFromSpec(spec, `p${i}`);
        const nodes = engine.eligible(w);
        expectEqual(engine.eligible(w, { explain: 'groups' }), groupByText(nodes), `groups(pods[${i}])`, ['groups', 'nodes grouped']);
        expectEqual(engine.eligible(w, { explain: 'none' }), { eligible: nodes.eligible, message: nodes.message, notEvaluated: nodes.notEvaluated }, `none(pods[${i}])`, ['none', 'nodes']);
      });
    }),
    1,
  );
});

type Update = { kind: 'upsert'; object: JsonObject } | { kind: 'remove'; pick: number };

const updateArb: fc.Arbitrary<Update> = fc.oneof(
  { arbitrary: nodeObjectArb().map((object): Update => ({ kind: 'upsert', object })), weight: 3 },
  { arbitrary: fc.nat().map((pick): Update => ({ kind: 'remove', pick })), weight: 1 },
);

test('kept explanations follow the index: after node updates, every form equals a fresh engine on the same nodes', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, fc.array(podSpecObjectArb, { minLength: 1, maxLength: 3 }), fc.array(updateArb, { maxLength: 8 }), featureGatesArb, (objects, specs, updates, gates) => {
      const engine = createEngine({ nodes: objects.map(decodeNodeObject), featureGates: gates });
      const workloads = specs.map((spec, i) => workloadFromSpec(spec, `p${i}`));
      const ask = (e: ReturnType<typeof createEngine>) => workloads.map((w) => [e.eligible(w), e.eligible(w, { explain: 'groups' })]);
      ask(engine);
      const live = new Map(objects.map((o) => [nodeObjectName(o), o]));
      for (const u of updates) {
        if (u.kind === 'upsert') {
          engine.upsertNode(decodeNodeObject(u.object));
          live.set(nodeObjectName(u.object), u.object);
        } else if (live.size > 0) {
          const name = [...live.keys()][u.pick % live.size]!;
          engine.removeNode(name);
          live.delete(name);
        }
        ask(engine);
      }
      // A fresh engine's input order is the live engine's id order, so answers are comparable as is.
      const fresh = createEngine({ nodes: engine.nodes, featureGates: gates });
      expectEqual(ask(engine), ask(fresh), 'answers after updates', ['updated engine', 'fresh engine']);
    }),
    0.5,
  );
});

test.run();
