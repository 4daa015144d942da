/**
 * Never silently partial: for a generated pod carrying fields placement does not evaluate (volumes,
 * resource claims, scheduling gates, another scheduler, pod affinity, anti-affinity, topology
 * spread, requests and host ports), every answer lists exactly those fields — eligible in its three
 * forms, rank, why, impact and their JSON contracts, on the indexed and the reference engine alike —
 * as a Pod and as a Deployment (full paths under `spec.template.spec.`).
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { eligibleJson, impactJson, rankJson, whyJson } from '../src/api/contracts.js';
import { createEngine } from '../src/api/engine.js';
import type { NotEvaluated } from '../src/compile/not-evaluated.js';
import type { JsonObject } from '../src/model/decode.js';
import type { Workload } from '../src/model/types.js';
import { decodeWorkload } from '../src/model/workload.js';
import { decodeNodeObject, featureGatesArb, nodeObjectName, nodeObjectsArb, podSpecObjectArb, withUnevaluatedFieldsArb } from './arbitraries.js';
import { check, expect, expectEqual, outcome } from './support.js';

function workloadOf(kind: 'Pod' | 'Deployment', spec: JsonObject): Workload {
  const object: JsonObject = kind === 'Pod' ? { kind, metadata: { name: 'p' }, spec } : { kind, metadata: { name: 'd' }, spec: { template: { spec } } };
  const decoded = decodeWorkload(object);
  if (!decoded.ok) throw new Error(`generated workload does not decode: ${JSON.stringify(decoded.errors)}`);
  return decoded.workload;
}

const fieldsOf = (list: readonly { readonly field: string }[]): string[] => list.map((n) => n.field).sort();

test('every answer for a pod carrying fields placement does not evaluate lists exactly those fields', (ctx) => {
  check(
    ctx,
    fc.property(
      podSpecObjectArb.chain(withUnevaluatedFieldsArb),
      fc.constantFrom('Pod' as const, 'Deployment' as const),
      nodeObjectsArb,
      featureGatesArb,
      ({ spec, fields }, kind, nodeObjects, gates) => {
        const w = workloadOf(kind, spec);
        const expected = fields.map((f) => `${w.specPath}${f}`).sort();
        const nodes = nodeObjects.map(decodeNodeObject);
        for (const evaluator of ['indexed', 'reference'] as const) {
          const engine = createEngine({ nodes, featureGates: gates, evaluator });
          const listed = engine.notEvaluated(w);
          expectEqual(fieldsOf(listed), expected, `${evaluator}: notEvaluated`, ['listed', 'carried']);
          expect(listed.every((n: NotEvaluated) => /\([A-Za-z, ]+\)|scheduler/.test(n.what)), 'each entry names the plugin (or the scheduler) that checks it', listed);
          const answers: [string, { readonly notEvaluated: readonly NotEvaluated[] }, Record<string, unknown>][] = [
            ['eligible', engine.eligible(w), eligibleJson(engine.eligible(w))],
            ['eligible groups', engine.eligible(w, { explain: 'groups' }), eligibleJson(engine.eligible(w, { explain: 'groups' }))],
            ['eligible none', engine.eligible(w, { explain: 'none' }), eligibleJson(engine.eligible(w, { explain: 'none' }))],
            ['why', engine.why(w), whyJson(engine.why(w))],
          ];
          // rank refuses a pod whose preferred node affinity PreScore rejects (an error, not an answer).
          const ranked = outcome(() => engine.rank(w));
          if (ranked.ok) answers.push(['rank', ranked.value, rankJson(ranked.value)]);
          for (const [what, answer, json] of answers) {
            expectEqual(answer.notEvaluated, listed, `${evaluator}: ${what}`, ['answer', 'notEvaluated(w)']);
            expectEqual(json['notEvaluated'], listed.map(({ field, what: text }) => ({ field, what: text })), `${evaluator}: ${what} JSON`, ['JSON', 'notEvaluated(w)']);
          }
          const [first] = nodeObjects;
          if (first) {
            const impact = impactJson(engine.impact([{ node: nodeObjectName(first), unschedulable: true }], [w]));
            const [only] = impact['workloads'] as { notEvaluated: { field: string }[] }[];
            expectEqual(fieldsOf(only!.notEvaluated), expected, `${evaluator}: impact`, ['impact', 'carried']);
          }
        }
      },
    ),
    0.3,
  );
});

test.run();
