/**
 * The compiler: deterministic, canonical (the cache key does not depend on how the manifest
 * orders things that have no order), plain data, and sound in its static findings — a pod it says
 * can run on no node is eligible nowhere, a term it says can never match matches no node.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import { placementFingerprint } from '../src/api/plan-cache.js';
import { compilePod } from '../src/compile/compile-pod.js';
import { matchesNodeSelectorMap, matchesTerm, parseTerm } from '../src/semantics/node-selector.js';
import { evaluateReference } from '../src/eval/reference.js';
import type { JsonObject } from '../src/model/decode.js';
import {
  decodeNodeObject,
  decodePodSpec,
  featureGatesArb,
  nodeObjectsArb,
  nodeObjectsFittingArb,
  objectFromEntries,
  podSpecObjectArb,
  workloadFromSpec,
} from './arbitraries.js';
import { check, expect, expectEqual } from './support.js';

/** A deterministic shuffle driven by generated numbers, so reorderings shrink and replay. */
class Shuffler {
  private at = 0;
  constructor(private readonly random: readonly number[]) {}
  next(): number {
    const n = this.random[this.at % this.random.length] ?? 0;
    this.at++;
    return n;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.next() % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const list = (value: unknown): JsonObject[] | undefined => (Array.isArray(value) ? (value as JsonObject[]) : undefined);

/** The same pod with everything that has no meaning in its order reordered. */
function reorder(spec: JsonObject, s: Shuffler, options: { fields: boolean }): JsonObject {
  const out: JsonObject = { ...spec };
  const selector = spec['nodeSelector'] as JsonObject | undefined;
  if (selector) out['nodeSelector'] = objectFromEntries(s.shuffle(Object.entries(selector)));
  const tolerations = list(spec['tolerations']);
  if (tolerations) out['tolerations'] = s.shuffle(tolerations);
  const reorderRequirement = (rq: JsonObject): JsonObject => {
    const values = list(rq['values']);
    return values && (rq['operator'] === 'In' || rq['operator'] === 'NotIn') ? { ...rq, values: s.shuffle(values) } : rq;
  };
  const reorderTerm = (term: JsonObject): JsonObject => {
    const t: JsonObject = { ...term };
    const expressions = list(term['matchExpressions']);
    if (expressions) t['matchExpressions'] = s.shuffle(expressions).map(reorderRequirement);
    const fields = list(term['matchFields']);
    if (fields && options.fields) t['matchFields'] = s.shuffle(fields);
    return t;
  };
  const affinity = spec['affinity'] as JsonObject | undefined;
  const nodeAffinity = affinity?.['nodeAffinity'] as JsonObject | undefined;
  const required = nodeAffinity?.['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject | undefined;
  const terms = list(required?.['nodeSelectorTerms']);
  if (affinity && nodeAffinity && required && terms) {
    out['affinity'] = { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { ...required, nodeSelectorTerms: s.shuffle(terms).map(reorderTerm) } } };
  }
  return out;
}

const randomArb = fc.array(fc.nat(), { minLength: 1, maxLength: 64 });

test('compile is deterministic and its rules are plain data', (ctx) => {
  check(
    ctx,
    fc.property(podSpecObjectArb, featureGatesArb, (spec, gates) => {
      const pod = decodePodSpec(spec);
      const a = compilePod(pod, gates);
      const b = compilePod(decodePodSpec(structuredClone(spec)), gates);
      expectEqual(b, a, 'compilePod of equal pods', ['second', 'first']);
      expectEqual(compilePod(pod, gates), a, 'compilePod of the same pod twice', ['second', 'first']);
      expectEqual(JSON.parse(JSON.stringify(a.filters)), a.filters, 'filters after a JSON round trip', ['round trip', 'compiled']);
      // The engine's cached compile gives the same plan.
      const engine = createEngine({ nodes: [], featureGates: gates });
      const workload = workloadFromSpec(spec);
      expectEqual(engine.compile(workload).key, a.key, 'engine.compile key', ['engine', 'compilePod']);
      expectEqual(engine.compile(workload).key, a.key, 'engine.compile key (cached)', ['engine', 'compilePod']);
    }),
    0.5,
  );
});

test('compile is canonical: reordering nodeSelector keys, tolerations, terms, expressions and In/NotIn values keeps the key', (ctx) => {
  check(
    ctx,
    fc.property(podSpecObjectArb, randomArb, featureGatesArb, nodeObjectsArb, (spec, random, gates, nodeObjects) => {
      const reordered = reorder(spec, new Shuffler(random), { fields: false });
      const a = compilePod(decodePodSpec(spec), gates);
      const b = compilePod(decodePodSpec(reordered), gates);
      expectEqual(b.key, a.key, 'compiled key', ['reordered', 'original']);
      // Sanity: the reordering really is meaningless to the scheduler.
      const nodes = nodeObjects.map(decodeNodeObject);
      expectEqual(evaluateReference(decodePodSpec(reordered), nodes, gates).eligible, evaluateReference(decodePodSpec(spec), nodes, gates).eligible, 'reference eligible', ['reordered', 'original']);
    }),
    1,
  );
});

/** The same manifest with every object's keys in a shuffled order (JSON key order means nothing). */
function shuffleKeys(value: unknown, s: Shuffler): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, s));
  if (value === null || typeof value !== 'object') return value;
  return objectFromEntries(s.shuffle(Object.entries(value as JsonObject)).map(([k, v]) => [k, shuffleKeys(v, s)] as const));
}

test('the compile cache\'s real key (placementFingerprint): manifest key order does not change it, and a pod served from the cache answers as the reference does for that pod', (ctx) => {
  check(
    ctx,
    fc.property(podSpecObjectArb, randomArb, featureGatesArb, nodeObjectsArb, (spec, random, gates, nodeObjects) => {
      const shuffled = shuffleKeys(spec, new Shuffler(random)) as JsonObject;
      const [a, b] = [workloadFromSpec(spec), workloadFromSpec(shuffled)];
      expectEqual(placementFingerprint(b.pod, gates, b.specPath), placementFingerprint(a.pod, gates, a.specPath), 'fingerprint', ['keys shuffled', 'original']);
      const nodes = nodeObjects.map(decodeNodeObject);
      const engine = createEngine({ nodes, featureGates: gates });
      engine.compile(a);
      const hits = engine.cacheStats.hits;
      // b is compiled from the cache (a's compiled pod) and must still answer exactly for b.
      const answer = engine.eligible(b);
      expect(engine.cacheStats.hits > hits, 'the shuffled pod is served from the cache', engine.cacheStats);
      const withoutWarnings = answer.ineligible.map((n) => ({ ...n, details: n.details.filter((d) => !d.startsWith('warning: ')) }));
      const { notEvaluated: _, ...decided } = answer;
      expectEqual({ ...decided, ineligible: withoutWarnings }, evaluateReference(b.pod, nodes, gates), 'eligible of the cached pod', ['engine (cached compile)', 'reference']);
    }),
    0.5,
  );
});

test('compile is canonical: reordering matchFields inside a term keeps the key', (ctx) => {
  check(
    ctx,
    fc.property(podSpecObjectArb, randomArb, featureGatesArb, (spec, random, gates) => {
      const reordered = reorder(spec, new Shuffler(random), { fields: true });
      expectEqual(compilePod(decodePodSpec(reordered), gates).key, compilePod(decodePodSpec(spec), gates).key, 'compiled key', ['reordered', 'original']);
    }),
    2,
  );
});

test('compile is canonical: a repeated toleration or a repeated term keeps the key', (ctx) => {
  check(
    ctx,
    fc.property(podSpecObjectArb, fc.nat(), featureGatesArb, (spec, at, gates) => {
      const copy: JsonObject = { ...spec };
      const tolerations = list(spec['tolerations']);
      if (tolerations && tolerations.length > 0) copy['tolerations'] = [...tolerations, tolerations[at % tolerations.length]!];
      const affinity = spec['affinity'] as JsonObject | undefined;
      const nodeAffinity = affinity?.['nodeAffinity'] as JsonObject | undefined;
      const required = nodeAffinity?.['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject | undefined;
      const terms = list(required?.['nodeSelectorTerms']);
      if (affinity && nodeAffinity && terms && terms.length > 0) {
        copy['affinity'] = { ...affinity, nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [...terms, terms[at % terms.length]!] } } };
      }
      expectEqual(compilePod(decodePodSpec(copy), gates).key, compilePod(decodePodSpec(spec), gates).key, 'compiled key', ['with repeats', 'original']);
    }),
    2,
  );
});

const runsOnNoNode = (spec: JsonObject, gates: Parameters<typeof compilePod>[1]): boolean =>
  compilePod(decodePodSpec(spec), gates).warnings.some((w) => w.message.includes('can run on no node') || w.message.includes('no name satisfies all'));

test('compile is sound: when it warns that the pod can run on no node, the reference finds no eligible node in any node set', (ctx) => {
  check(
    ctx,
    fc.property(
      fc.tuple(podSpecObjectArb, featureGatesArb).filter(([spec, gates]) => runsOnNoNode(spec, gates)).chain(([spec, gates]) =>
        fc.tuple(fc.constant(spec), fc.constant(gates), fc.array(fc.oneof(nodeObjectsArb, nodeObjectsFittingArb(spec)), { minLength: 1, maxLength: 4 })),
      ),
      ([spec, gates, nodeSets]) => {
        const pod = decodePodSpec(spec);
        for (const nodeObjects of nodeSets) {
          const r = evaluateReference(pod, nodeObjects.map(decodeNodeObject), gates);
          expectEqual(r.eligible, [], 'reference eligible nodes of a pod compiled as "runs on no node"', ['reference', 'compiler']);
        }
      },
    ),
    1,
  );
});

test('compile is sound: a required term it reports as never matching matches no node', (ctx) => {
  check(
    ctx,
    fc.property(
      podSpecObjectArb.chain((spec) => fc.tuple(fc.constant(spec), featureGatesArb, fc.array(fc.oneof(nodeObjectsArb, nodeObjectsFittingArb(spec)), { minLength: 1, maxLength: 3 }))),
      ([spec, gates, nodeSets]) => {
        const pod = decodePodSpec(spec);
        const compiled = compilePod(pod, gates);
        for (const warning of compiled.warnings) {
          const m = /nodeSelectorTerms\[(\d+)\]$/.exec(warning.path);
          if (!m) continue;
          const i = Number(m[1]);
          const term = pod.requiredTerms![i]!;
          const parsed = parseTerm(term, i);
          const empty = term.matchExpressions.length === 0 && term.matchFields.length === 0;
          const withSelector = warning.message.includes('together with spec.nodeSelector');
          for (const nodeObjects of nodeSets) {
            for (const node of nodeObjects.map(decodeNodeObject)) {
              const matches = !empty && matchesTerm(parsed, node) && (!withSelector || matchesNodeSelectorMap(pod.nodeSelector, node.labels));
              expect(!matches, `term ${i} matches node ${node.name} though the compiler warned: ${warning.message}`, { term, labels: Object.fromEntries(node.labels), nodeSelector: spec['nodeSelector'] });
            }
          }
        }
      },
    ),
    2,
  );
});

test.run();
