/**
 * Metamorphic laws of kube-scheduler's placement semantics, checked on both evaluators: changing
 * the input in a known direction moves the answer in a known direction (or not at all).
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import type { JsonObject } from '../src/model/decode.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import {
  decodeNodeObject,
  decodePodSpec,
  featureGatesArb,
  labelKeyArb,
  labelValueArb,
  nodeObjectsArb,
  nodeObjectName,
  objectFromEntries,
  podSpecObjectArb,
  requirementObjectArb,
  taintKeys,
  taintValues,
  termObjectArb,
  tolerationObjectArb,
  workloadFromSpec,
} from './arbitraries.js';
import { check, eligibilityAsSets, expect, expectEqual, outcome, rankAsMap } from './support.js';

const evaluators = ['indexed', 'reference'] as const;

/** Eligible node names of a pod over a node set, per evaluator. */
function eligibleSets(nodeObjects: readonly JsonObject[], spec: JsonObject, gates: FeatureGates): Map<(typeof evaluators)[number], Set<string>> {
  const nodes = nodeObjects.map(decodeNodeObject);
  const w = workloadFromSpec(spec);
  return new Map(evaluators.map((evaluator) => [evaluator, new Set(createEngine({ nodes, featureGates: gates, evaluator }).eligible(w).eligible)] as const));
}

const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((x) => b.has(x));
const sorted = (s: ReadonlySet<string>): string[] => [...s].sort();

/** `smaller` ⊆ `larger` for each evaluator. */
function expectSubset(smaller: ReturnType<typeof eligibleSets>, larger: ReturnType<typeof eligibleSets>, what: string): void {
  for (const evaluator of evaluators) {
    const a = smaller.get(evaluator)!;
    const b = larger.get(evaluator)!;
    expect(subset(a, b), `${evaluator}: ${what}`, { mustBeSubset: sorted(a), of: sorted(b), extra: sorted(a).filter((x) => !b.has(x)) });
  }
}

const specWith = (spec: JsonObject, key: string, value: unknown): JsonObject => ({ ...spec, [key]: value });

function tolerationsOf(spec: JsonObject): JsonObject[] {
  const t = spec['tolerations'];
  return Array.isArray(t) ? (t as JsonObject[]) : [];
}

/** The pod's required terms (as objects), or undefined. */
function requiredTermsOf(spec: JsonObject): JsonObject[] | undefined {
  const affinity = spec['affinity'] as JsonObject | undefined;
  const nodeAffinity = affinity?.['nodeAffinity'] as JsonObject | undefined;
  const required = nodeAffinity?.['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject | undefined;
  const terms = required?.['nodeSelectorTerms'];
  return Array.isArray(terms) ? (terms as JsonObject[]) : undefined;
}

/** The spec with its required terms replaced (the rest of the affinity kept). */
function withRequiredTerms(spec: JsonObject, terms: JsonObject[]): JsonObject {
  const affinity = (spec['affinity'] as JsonObject | undefined) ?? {};
  const nodeAffinity = (affinity['nodeAffinity'] as JsonObject | undefined) ?? {};
  return { ...spec, affinity: { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } };
}

/** A pod spec that certainly has a required block with 1..3 terms. */
const podWithTermsArb = fc.tuple(podSpecObjectArb, fc.array(termObjectArb, { minLength: 1, maxLength: 3 })).map(([spec, terms]) => withRequiredTerms(spec, terms));

/** Is the term empty once decoded (no expressions and no fields)? Then it matches nothing. */
function isEmptyTermObject(spec: JsonObject, i: number): boolean {
  const term = decodePodSpec(spec).requiredTerms?.[i];
  return term !== undefined && term.matchExpressions.length === 0 && term.matchFields.length === 0;
}

function addExpression(spec: JsonObject, i: number, rq: JsonObject): JsonObject {
  const terms = requiredTermsOf(spec)!;
  const term = terms[i]!;
  const expressions = Array.isArray(term['matchExpressions']) ? (term['matchExpressions'] as JsonObject[]) : [];
  return withRequiredTerms(spec, terms.map((t, j) => (j === i ? { ...t, matchExpressions: [...expressions, rq] } : t)));
}

test('law: adding a toleration never shrinks the eligible set', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, podSpecObjectArb, tolerationObjectArb, fc.nat(), featureGatesArb, (nodes, spec, toleration, at, gates) => {
      const before = tolerationsOf(spec);
      const after = [...before];
      after.splice(at % (before.length + 1), 0, toleration);
      expectSubset(eligibleSets(nodes, spec, gates), eligibleSets(nodes, specWith(spec, 'tolerations', after), gates), 'eligible before adding the toleration ⊆ after');
    }),
    0.7,
  );
});

test('law: adding a NoSchedule taint to a node never makes it eligible, and changes no other node', (ctx) => {
  check(
    ctx,
    fc.property(
      nodeObjectsArb.filter((nodes) => nodes.length > 0),
      podSpecObjectArb,
      fc.nat(),
      fc.constantFrom(...taintKeys),
      fc.constantFrom(...taintValues),
      featureGatesArb,
      (nodes, spec, at, key, value, gates) => {
        const i = at % nodes.length;
        const target = nodes[i]!;
        const spec0 = (target['spec'] as JsonObject | undefined) ?? {};
        const taints = Array.isArray(spec0['taints']) ? (spec0['taints'] as JsonObject[]) : [];
        // Taints are unique by key and effect: an existing key:NoSchedule taint would be replaced, not added.
        fc.pre(!taints.some((t) => t['key'] === key && t['effect'] === 'NoSchedule'));
        const tainted = { ...target, spec: { ...spec0, taints: [...taints, { key, value, effect: 'NoSchedule' }] } };
        const after = nodes.map((n, j) => (j === i ? tainted : n));
        const name = nodeObjectName(target);
        const a = eligibleSets(nodes, spec, gates);
        const b = eligibleSets(after, spec, gates);
        for (const evaluator of evaluators) {
          const was = a.get(evaluator)!;
          const is = b.get(evaluator)!;
          expect(!is.has(name) || was.has(name), `${evaluator}: the tainted node ${name} became eligible`);
          const others = (s: Set<string>) => sorted(s).filter((n) => n !== name);
          expectEqual(others(is), others(was), `${evaluator}: eligibility of the other nodes`, ['after', 'before']);
        }
      },
    ),
    0.7,
  );
});

test('law: adding an expression to a non-empty required term never grows the eligible set', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, podWithTermsArb, fc.nat(), requirementObjectArb, featureGatesArb, (nodes, spec, at, rq, gates) => {
      const i = at % requiredTermsOf(spec)!.length;
      // An empty term matches nothing, so adding its first requirement can only grow the set (next law).
      fc.pre(!isEmptyTermObject(spec, i));
      expectSubset(eligibleSets(nodes, addExpression(spec, i, rq), gates), eligibleSets(nodes, spec, gates), 'eligible after adding the expression ⊆ before');
    }),
    0.7,
  );
});

test('law: an empty required term matches nothing, so adding its first expression never shrinks the set', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, podWithTermsArb, fc.nat(), requirementObjectArb, featureGatesArb, (nodes, spec, at, rq, gates) => {
      const terms = requiredTermsOf(spec)!;
      const i = at % terms.length;
      const emptied = withRequiredTerms(spec, terms.map((t, j) => (j === i ? {} : t)));
      expectSubset(eligibleSets(nodes, emptied, gates), eligibleSets(nodes, addExpression(emptied, i, rq), gates), 'eligible with the empty term ⊆ with one expression in it');
    }),
    0.5,
  );
});

test('law: adding a nodeSelector entry never grows the eligible set', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, podSpecObjectArb, labelKeyArb, labelValueArb, featureGatesArb, (nodes, spec, key, value, gates) => {
      const selector = (spec['nodeSelector'] as JsonObject | undefined) ?? {};
      const after = specWith(spec, 'nodeSelector', objectFromEntries([...Object.entries(selector).filter(([k]) => k !== key), [key, value]]));
      fc.pre(Object.prototype.hasOwnProperty.call(selector, key) === false);
      expectSubset(eligibleSets(nodes, after, gates), eligibleSets(nodes, spec, gates), 'eligible after adding the nodeSelector entry ⊆ before');
    }),
    0.5,
  );
});

test('law: node order never changes the answer (as sets: eligible, per-node reasons and details, message, rank scores)', (ctx) => {
  check(
    ctx,
    fc.property(
      nodeObjectsArb.chain((nodes) => fc.tuple(fc.constant(nodes), fc.shuffledSubarray(nodes, { minLength: nodes.length, maxLength: nodes.length }))),
      podSpecObjectArb,
      featureGatesArb,
      ([nodes, shuffled], spec, gates) => {
        const w = workloadFromSpec(spec);
        for (const evaluator of evaluators) {
          const a = createEngine({ nodes: nodes.map(decodeNodeObject), featureGates: gates, evaluator });
          const b = createEngine({ nodes: shuffled.map(decodeNodeObject), featureGates: gates, evaluator });
          const ra = a.eligible(w);
          const rb = b.eligible(w);
          expectEqual(eligibilityAsSets(rb), eligibilityAsSets(ra), `${evaluator}: eligible`, ['shuffled', 'original']);
          // Input order is kept: each answer lists nodes in its own input order.
          const order = (list: readonly JsonObject[], names: readonly string[]) => names.map((n) => list.findIndex((o) => nodeObjectName(o) === n));
          const increasing = (xs: number[]) => xs.every((x, k) => k === 0 || xs[k - 1]! < x);
          expect(increasing(order(shuffled, rb.eligible)) && increasing(order(shuffled, rb.ineligible.map((n) => n.node))), `${evaluator}: answer not in input order`, rb);
          const ka = outcome(() => a.rank(w));
          const kb = outcome(() => b.rank(w));
          expectEqual(kb.ok ? rankAsMap(kb.value) : kb, ka.ok ? rankAsMap(ka.value) : ka, `${evaluator}: rank`, ['shuffled', 'original']);
        }
      },
    ),
    0.5,
  );
});

test('law: preferred terms and tolerationSeconds never change eligibility', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, podSpecObjectArb, featureGatesArb, (nodes, spec, gates) => {
      const affinity = spec['affinity'] as JsonObject | undefined;
      const nodeAffinity = affinity?.['nodeAffinity'] as JsonObject | undefined;
      let stripped: JsonObject = spec;
      if (nodeAffinity) {
        const { preferredDuringSchedulingIgnoredDuringExecution: _dropped, ...rest } = nodeAffinity;
        stripped = { ...stripped, affinity: { ...affinity, nodeAffinity: rest } };
      }
      stripped = specWith(stripped, 'tolerations', tolerationsOf(spec).map(({ tolerationSeconds: _s, ...t }) => t));
      const decodedNodes = nodes.map(decodeNodeObject);
      for (const evaluator of evaluators) {
        const engine = createEngine({ nodes: decodedNodes, featureGates: gates, evaluator });
        const a = engine.eligible(workloadFromSpec(spec));
        const b = engine.eligible(workloadFromSpec(stripped));
        expectEqual({ eligible: a.eligible, message: a.message }, { eligible: b.eligible, message: b.message }, `${evaluator}: eligible`, ['with', 'without']);
      }
    }),
    0.5,
  );
});

test('law: every node is either eligible or ineligible, once, and the message counts them', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, podSpecObjectArb, featureGatesArb, (nodes, spec, gates) => {
      const w = workloadFromSpec(spec);
      const names = nodes.map(nodeObjectName).sort();
      for (const evaluator of evaluators) {
        const r = createEngine({ nodes: nodes.map(decodeNodeObject), featureGates: gates, evaluator }).eligible(w);
        expectEqual([...r.eligible, ...r.ineligible.map((n) => n.node)].sort(), names, `${evaluator}: eligible ∪ ineligible`, ['answer', 'nodes']);
        for (const n of r.ineligible) expect(n.reasons.length > 0, `${evaluator}: ineligible node ${n.node} has no reason`, r);
        const expectedHead = nodes.length === 0 ? 'no nodes available to schedule pods' : `${r.eligible.length}/${nodes.length} nodes are available`;
        expect(r.message.startsWith(expectedHead), `${evaluator}: message does not start with ${JSON.stringify(expectedHead)}`, r);
        if (nodes.length > 0 && !r.message.includes('conflict')) {
          // The histogram's counts add up to the ineligible nodes.
          const counts = [...r.message.matchAll(/(?:: |, )(\d+) /g)].map((m) => Number(m[1]));
          expectEqual(counts.reduce((s, c) => s + c, 0), r.ineligible.length, `${evaluator}: histogram total`, ['histogram', 'ineligible']);
        }
      }
    }),
    0.5,
  );
});

test.run();
