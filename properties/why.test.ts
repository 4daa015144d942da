/**
 * `why` is exact: every number it reports, computed with set operations on the index, equals a
 * brute-force answer — the pod changed as the constraint's relaxation says (the nodeSelector entry
 * or requirement deleted, a term left empty taking the required block with it, the taint tolerated
 * by an Equal toleration, the cordon by an Exists one) and evaluated node by node by the reference
 * evaluator.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import { evaluateReference } from '../src/eval/reference.js';
import type { WhyConstraint } from '../src/explain/why.js';
import type { JsonObject } from '../src/model/decode.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import type { Node } from '../src/model/types.js';
import { decodeNodeObject, decodePodSpec, featureGatesArb, nodeObjectsArb, nodeObjectsFittingArb, podSpecObjectArb, workloadFromSpec } from './arbitraries.js';
import { check, expect, expectEqual } from './support.js';

const clone = (spec: JsonObject): JsonObject => structuredClone(spec);

function eligibleNames(spec: JsonObject, nodes: readonly Node[], gates: FeatureGates): Set<string> {
  return new Set(evaluateReference(decodePodSpec(spec), nodes, gates).eligible);
}

const termPath = /nodeSelectorTerms\[(\d+)\]\.(matchExpressions|matchFields)\[(\d+)\]$/;

/** The pod with one constraint relaxed, as a person would edit it. */
function relaxed(spec: JsonObject, row: WhyConstraint): JsonObject {
  const out = clone(spec);
  const selector = /^spec\.nodeSelector\[(".*")\]$/.exec(row.field);
  const term = termPath.exec(row.field);
  if (selector) delete (out['nodeSelector'] as JsonObject)[JSON.parse(selector[1]!) as string];
  else if (row.field === 'spec.nodeName') delete out['nodeName'];
  else if (term) {
    const nodeAffinity = (out['affinity'] as JsonObject)['nodeAffinity'] as JsonObject;
    const required = nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject;
    const t = (required['nodeSelectorTerms'] as JsonObject[])[Number(term[1])]!;
    (t[term[2]!] as unknown[]).splice(Number(term[3]), 1);
    const left = ((t['matchExpressions'] as unknown[] | undefined) ?? []).length + ((t['matchFields'] as unknown[] | undefined) ?? []).length;
    // A term with nothing left would match no node; relaxing means it lets every node through.
    if (left === 0) delete nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'];
  } else if (row.taint) {
    out['tolerations'] = [...((out['tolerations'] as JsonObject[] | undefined) ?? []), { key: row.taint.key, operator: 'Equal', value: row.taint.value, effect: row.taint.effect }];
  } else if (row.filter === 'NodeUnschedulable') {
    out['tolerations'] = [...((out['tolerations'] as JsonObject[] | undefined) ?? []), { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }];
  } else throw new Error(`no relaxation for ${row.field}`);
  return out;
}

/** The pod with the constraint's value changed (nodeSelector) or added (`In`). */
function withValue(spec: JsonObject, row: WhyConstraint, value: string): JsonObject {
  const out = clone(spec);
  const selector = /^spec\.nodeSelector\[(".*")\]$/.exec(row.field);
  if (selector) {
    (out['nodeSelector'] as JsonObject)[JSON.parse(selector[1]!) as string] = value;
    return out;
  }
  const term = termPath.exec(row.field)!;
  const required = ((out['affinity'] as JsonObject)['nodeAffinity'] as JsonObject)['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject;
  const requirement = ((required['nodeSelectorTerms'] as JsonObject[])[Number(term[1])]![term[2]!] as JsonObject[])[Number(term[3])]!;
  requirement['values'] = [...(requirement['values'] as string[]), value];
  return out;
}

function newlyAdmitted(after: ReadonlySet<string>, before: ReadonlySet<string>): number {
  return [...after].filter((n) => !before.has(n)).length;
}

function agree(objects: readonly JsonObject[], spec: JsonObject, gates: FeatureGates): void {
  const nodes = objects.map(decodeNodeObject);
  const engine = createEngine({ nodes, featureGates: gates });
  const answer = engine.why(workloadFromSpec(spec));
  const before = eligibleNames(spec, nodes, gates);
  expectEqual(answer.eligible, before.size, 'eligible', ['why', 'reference']);
  expectEqual(answer.total, nodes.length, 'total', ['why', 'nodes']);
  for (const row of answer.constraints) {
    const what = `${row.field} (${row.constraint})`;
    expectEqual(row.admitsIfRelaxed, newlyAdmitted(eligibleNames(relaxed(spec, row), nodes, gates), before), `admitsIfRelaxed of ${what}`, ['why', 'brute force']);
    expect(row.excludesOnly <= row.excludes && row.excludes <= nodes.length, `0 <= excludesOnly <= excludes <= total for ${what}`, row);
    if (!termPath.test(row.field) && !row.taint && row.filter !== 'NodeUnschedulable') {
      expectEqual(row.excludesOnly, row.admitsIfRelaxed, `excludesOnly = admitsIfRelaxed for ${what}`, ['excludesOnly', 'admitsIfRelaxed']);
    }
    for (const v of row.values ?? []) {
      expectEqual(v.admits, newlyAdmitted(eligibleNames(withValue(spec, row, v.value), nodes, gates), before), `values[${v.value}] of ${what}`, ['why', 'brute force']);
    }
  }
  const best = [...answer.constraints.map((c) => c.admitsIfRelaxed), ...answer.constraints.flatMap((c) => (c.values ?? []).map((v) => v.admits))];
  for (const fix of answer.nearestFixes) expect(fix.admits > 0 && best.includes(fix.admits), 'each fix admits what its constraint reports', fix);
}

test('why = brute force: admitsIfRelaxed and every value alternative, on random node sets', (ctx) => {
  check(ctx, fc.property(nodeObjectsArb, podSpecObjectArb, featureGatesArb, (objects, spec, gates) => agree(objects, spec, gates)), 0.5);
});

test('why = brute force on node sets built from what the pod asks for (many near misses)', (ctx) => {
  check(
    ctx,
    fc.property(
      podSpecObjectArb.chain((spec) => fc.tuple(fc.constant(spec), nodeObjectsFittingArb(spec))),
      featureGatesArb,
      ([spec, objects], gates) => agree(objects, spec, gates),
    ),
    0.5,
  );
});

test.run();
