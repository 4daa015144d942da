/**
 * Generators of valid-but-expensive and just-over-the-limit input (not a test file): pods whose
 * every count sits at, just over, or far over its limit; values nested near the depth limit;
 * long strings; and policy conditions built from loops over literal lists and node data. They
 * find the class of input that is valid JSON, often valid Kubernetes, and costly to answer.
 */
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import { limits } from '../src/model/limits.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * A count around `limit`: well within, exactly at, one over, or ten times over. Weighted so that
 * about half of the pods built from several counts stay within every limit.
 */
export function countNear(limit: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: Math.min(limit, 4) }) },
    { weight: 3, arbitrary: fc.constant(limit) },
    { weight: 1, arbitrary: fc.constant(limit + 1) },
    { weight: 1, arbitrary: fc.constant(limit * 10) },
  );
}

/** The counts of one hostile pod, one per limited list. */
export interface PodShape {
  readonly terms: number;
  readonly expressions: number;
  readonly values: number;
  readonly fields: number;
  readonly preferred: number;
  readonly selector: number;
  readonly tolerations: number;
}

/**
 * Shapes where each count is small or near its own limit; the product of terms × expressions ×
 * values is kept within a few hundred thousand, so generating one is cheap even when it is refused.
 */
export const podShapeArb: fc.Arbitrary<PodShape> = fc
  .record({
    terms: countNear(limits.nodeSelectorTerms.value),
    expressions: countNear(limits.requirementsPerTerm.value),
    values: countNear(limits.valuesPerRequirement.value),
    fields: fc.integer({ min: 0, max: 2 }),
    preferred: countNear(limits.preferredTerms.value),
    selector: countNear(limits.nodeSelectorEntries.value),
    tolerations: countNear(limits.tolerations.value),
  })
  .filter((s) => Math.max(1, s.terms) * Math.max(1, s.expressions) * Math.max(1, s.values) <= 300_000 && s.preferred * Math.max(1, s.expressions) <= 20_000);

/**
 * Does any list of the pod {@link podOfShape} builds break its own limit, or the read lists a
 * per-pod total? A list over its limit is not read, so the lists inside it do not count.
 */
export function overLimit(shape: PodShape): boolean {
  const within = (count: number, limit: { value: number }): boolean => count <= limit.value;
  const termsRead = within(shape.terms, limits.nodeSelectorTerms) ? shape.terms : 0;
  const preferredRead = within(shape.preferred, limits.preferredTerms) ? shape.preferred : 0;
  const expressionsRead = within(shape.expressions, limits.requirementsPerTerm) ? shape.expressions : 0;
  const values = Math.max(1, shape.values);
  const valuesRead = within(values, limits.valuesPerRequirement) ? values : 0;
  const ownLimit =
    !within(shape.terms, limits.nodeSelectorTerms) || !within(shape.preferred, limits.preferredTerms) ||
    (termsRead + preferredRead > 0 && !within(shape.expressions, limits.requirementsPerTerm)) ||
    (termsRead > 0 && expressionsRead > 0 && !within(values, limits.valuesPerRequirement)) ||
    !within(shape.selector, limits.nodeSelectorEntries) || !within(shape.tolerations, limits.tolerations);
  // Required terms carry expressions and fields; preferred ones expressions with one value each.
  const requirements = termsRead * (expressionsRead + shape.fields) + preferredRead * expressionsRead;
  const totalValues = termsRead * (expressionsRead * valuesRead + shape.fields) + preferredRead * expressionsRead;
  return ownLimit || requirements > limits.requirementsPerPod.value || totalValues > limits.valuesPerPod.value;
}

/** A valid pod (valid keys, values and operators throughout) of that shape, on nodes named `n<i>`. */
export function podOfShape(shape: PodShape): JsonObject {
  const expressions = (count: number, values: number): JsonObject[] =>
    range(count).map((i) => ({ key: `example.com/k${i % 7}`, operator: i % 3 === 0 ? 'NotIn' : 'In', values: range(Math.max(1, values)).map((v) => `v${v}`) }));
  const term = (): JsonObject => ({
    matchExpressions: expressions(shape.expressions, shape.values),
    ...(shape.fields > 0 ? { matchFields: range(shape.fields).map((i) => ({ key: 'metadata.name', operator: 'In', values: [`n${i}`] })) } : {}),
  });
  const nodeAffinity: JsonObject = {
    ...(shape.terms > 0 ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: range(shape.terms).map(term) } } : {}),
    ...(shape.preferred > 0 ? { preferredDuringSchedulingIgnoredDuringExecution: range(shape.preferred).map((i) => ({ weight: (i % 100) + 1, preference: { matchExpressions: expressions(shape.expressions, 1) } })) } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hostile', namespace: 'default' },
    spec: {
      ...(Object.keys(nodeAffinity).length > 0 ? { affinity: { nodeAffinity } } : {}),
      ...(shape.selector > 0 ? { nodeSelector: Object.fromEntries(range(shape.selector).map((i) => [`example.com/s${i}`, 'v'])) } : {}),
      ...(shape.tolerations > 0 ? { tolerations: range(shape.tolerations).map((i) => ({ key: `example.com/t${i}`, operator: 'Exists', effect: 'NoSchedule' })) } : {}),
    },
  };
}

/** `depth` levels of `{"a": ...}` around a string of `length` characters. */
export function nested(depth: number, length: number): unknown {
  let value: unknown = 'x'.repeat(length);
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** A label value nested near the depth limit (within and over), sometimes around a long string. */
export const deepLabelPodArb: fc.Arbitrary<{ pod: JsonObject; depth: number }> = fc
  .record({ depth: fc.integer({ min: 0, max: limits.nestingDepth.value + 40 }), length: fc.oneof(fc.constant(1), fc.constant(100_000)) })
  .map(({ depth, length }) => ({ depth, pod: { kind: 'Pod', metadata: { name: 'p', labels: { a: nested(depth, length) } }, spec: {} } }));

/** Literal lists (numbers) and node data for loops to go over. */
const loopDataArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 70 }).map(range),
  fc.constantFrom({ var: 'taints' }, { var: 'conditions' }, { var: 'fields.list' }),
);

/**
 * JSON Logic conditions over a node's facts: comparisons, labels, and loops (`map`, `filter`,
 * `some`, `all`, `none`, `reduce`) over literal lists and node data, nested up to a few levels.
 */
export const conditionArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(true),
    fc.constantFrom({ var: 'name' }, { var: 'key' }, { var: '' }, { var: 'accumulator' }, { label: ['example.com/k1'] }, { hasLabel: ['example.com/k2'] }),
    fc.integer({ min: -5, max: 5 }),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ op: fc.constantFrom('==', '!=', '<', '+', 'cat', 'in'), a: tie('node'), b: tie('node') }).map(({ op, a, b }) => ({ [op]: [a, b] })),
    fc.record({ op: fc.constantFrom('!', '!!'), a: tie('node') }).map(({ op, a }) => ({ [op]: [a] })),
    fc.record({ op: fc.constantFrom('and', 'or'), items: fc.array(tie('node'), { maxLength: 4 }) }).map(({ op, items }) => ({ [op]: items })),
    fc.record({ op: fc.constantFrom('map', 'filter', 'some', 'all', 'none'), data: loopDataArb, body: tie('node') }).map(({ op, data, body }) => ({ [op]: [data, body] })),
    fc.record({ data: loopDataArb, body: tie('node'), initial: tie('leaf') }).map(({ data, body, initial }) => ({ reduce: [data, body, initial] })),
  ),
})).node;

/** Node objects whose arrays stay within the counts the work estimate assumes (`policyNodeArrayItems`). */
export const policyNodeArb: fc.Arbitrary<JsonObject> = fc
  .record({ taints: fc.integer({ min: 0, max: limits.policyNodeArrayItems.value }), conditions: fc.integer({ min: 0, max: 20 }), list: fc.integer({ min: 0, max: limits.policyNodeArrayItems.value }) })
  .map(({ taints, conditions, list }) => ({
    kind: 'Node',
    metadata: { name: 'n', labels: { 'example.com/k1': 'v1' }, annotations: { list: 'x' } },
    spec: { taints: range(taints).map((i) => ({ key: `t${i}`, effect: 'NoSchedule' })) },
    status: { conditions: range(conditions).map((i) => ({ type: `C${i}`, status: 'True' })), list: range(list) },
  }));
