/**
 * Hostile but well-formed input through the CLI and the library: pods at and over every count
 * limit, values nested around the depth limit, policy conditions with nested loops. Every input
 * ends in an answer or a PlacementError naming the file and field (exit 2), never another
 * exception; refusals cost no lasting memory; a policy that loads never does more work per node
 * than its load-time estimate.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { createEngine } from '../src/api/engine.js';
import { nodesFromSources, workloadsFromSources } from '../src/api/inputs.js';
import { readSources } from '../src/api/read-sources.js';
import { isPlacementError } from '../src/errors.js';
import { Decoder } from '../src/model/decode.js';
import { decodeNode } from '../src/model/decode-node.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import { limits } from '../src/model/limits.js';
import { conditionWork } from '../src/policy/condition-budget.js';
import { evaluatePolicy } from '../src/policy/evaluate-policy.js';
import { policiesFromSources } from '../src/policy/parse-policy.js';
import { run } from '../src/testing/cli-runner.js';
import { conditionArb, deepLabelPodArb, overLimit, podOfShape, podShapeArb, policyNodeArb } from './hostile-arbitraries.js';
import { check, expect } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-hostile-props-'));
const nodesFile = join(dir, 'nodes.json');
writeFileSync(nodesFile, JSON.stringify({
  kind: 'List',
  items: Array.from({ length: 30 }, (_, i) => ({ kind: 'Node', metadata: { name: `n${i}`, labels: { 'example.com/k1': `v${i % 3}`, 'example.com/k2': 'v0' } } })),
}));

/** Every stderr line names stdin (`-`) and a field, or is one of the file-level refusals. */
function expectFieldLines(stderr: string, what: unknown): void {
  for (const line of stderr.trimEnd().split('\n')) {
    expect(/^- ?[:(]/.test(line), 'an error line that does not name the input', { line: line.slice(0, 300), what });
    expect(line.length < 2000, 'an error line over 2,000 characters', { length: line.length });
  }
  expect(!/internal error|^\s+at /m.test(stderr), 'a crash', stderr.slice(0, 2000));
}

test('pods at, just over and far over each count limit: an answer when within every limit, exit 2 with Too many otherwise', (ctx) => {
  check(ctx, fc.property(podShapeArb, (shape) => {
    const r = run(['eligible', '--nodes', nodesFile, '--pod', '-', '-o', 'json'], { stdin: JSON.stringify(podOfShape(shape)) });
    if (overLimit(shape)) {
      expect(r.code === 2 && r.stderr.includes(': Too many: '), 'an over-limit pod was not refused with Too many', { shape, code: r.code, stderr: r.stderr.slice(0, 1000) });
      expectFieldLines(r.stderr, shape);
    } else {
      expect(r.code === 0, 'a pod within every limit was refused', { shape, stderr: r.stderr.slice(0, 1000) });
      const answer = JSON.parse(r.stdout) as { eligible: string[]; ineligible: unknown[] };
      expect(answer.eligible.length + answer.ineligible.length === 30, 'not every node was answered', shape);
    }
  }), 0.1);
});

test('values nested around the depth limit: refused past nestingDepth, otherwise an ordinary bounded field error', (ctx) => {
  check(ctx, fc.property(deepLabelPodArb, ({ pod, depth }) => {
    const r = run(['validate', '-'], { stdin: JSON.stringify(pod) });
    expect(r.code === 0 || r.code === 2, 'validate neither answered nor refused', r);
    const text = r.stdout + r.stderr;
    // The document nests the label value three levels down (object, metadata, labels).
    const tooDeep = depth + 3 > limits.nestingDepth.value;
    expect(text.includes('nests deeper than 128 levels') === tooDeep, 'the depth limit is not where it should be', { depth, text: text.slice(0, 500) });
    if (r.code === 2) expectFieldLines(text, { depth });
  }), 0.08);
});

/** Counts json-logic-js's evaluation steps (its recursive `apply`) while `f` runs. */
function countSteps(f: () => void): number {
  const original = jsonLogic.apply;
  let steps = 0;
  jsonLogic.apply = function counted(this: unknown, ...args: Parameters<typeof original>) {
    steps += 1;
    return original.apply(this, args);
  } as typeof original;
  try {
    f();
  } finally {
    jsonLogic.apply = original;
  }
  return steps;
}

test('policy conditions: refused at load with a field path, or evaluated per node within their load-time work estimate', (ctx) => {
  check(ctx, fc.property(conditionArb, fc.array(policyNodeArb, { minLength: 1, maxLength: 3 }), (condition, nodeObjects) => {
    const object = { apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name: 'p' }, spec: { condition, reason: 'r', fields: { list: '$.status.list[*]' } } };
    let policy;
    try {
      [policy] = policiesFromSources([{ object, file: 'p.json' }]);
    } catch (error) {
      expect(isPlacementError(error), 'loading threw something other than a PlacementError', String(error));
      for (const line of (error as { lines(): string[] }).lines()) expect(line.startsWith('p.json: spec.'), 'a load error without a field path', line);
      return;
    }
    const estimate = conditionWork(condition);
    expect(estimate <= limits.policyWork.value, 'a loaded policy is over the work budget', { estimate });
    for (const nodeObject of nodeObjects) {
      const d = new Decoder();
      const node = decodeNode(d, nodeObject);
      let outcome = 'ok';
      const steps = countSteps(() => {
        try {
          evaluatePolicy(policy!, node);
        } catch (error) {
          expect(isPlacementError(error), 'evaluation threw something other than a PlacementError', String(error));
          outcome = 'refused';
        }
      });
      expect(steps <= estimate, 'a node cost more than the load-time estimate', { condition, steps, estimate, outcome });
    }
  }), 0.3);
});

test('big label-only conditions: loaded and answered on the node index up to the size budget, refused past it', (ctx) => {
  const nodes = nodesFromSources(readSources(nodesFile, () => ''), { validate: true, featureGates: defaultFeatureGates });
  const workload = workloadsFromSources([{ object: podOfShape({ terms: 0, expressions: 0, values: 0, fields: 0, preferred: 0, selector: 0, tolerations: 0 }), file: 'pod.json' }], { validate: true, featureGates: defaultFeatureGates })[0]!;
  check(ctx, fc.property(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('or', 'and'), (clauses, op) => {
    // Each clause is six values: the == object, its list, the label object, its list, the key, the literal.
    const condition = { [op]: Array.from({ length: clauses }, (_, i) => ({ '==': [{ label: [`example.com/k${i % 3}`] }, `v${i % 5}`] })) };
    const object = { apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name: 'big' }, spec: { condition, reason: 'r' } };
    const values = 2 + clauses * 6;
    let policies;
    try {
      policies = policiesFromSources([{ object, file: 'big.json' }]);
    } catch (error) {
      expect(isPlacementError(error) && values > limits.policyConditionValues.value, 'a condition within the size budget was refused', { clauses, error: String(error).slice(0, 300) });
      return;
    }
    expect(values <= limits.policyConditionValues.value, 'a condition over the size budget loaded', { clauses });
    const answer = createEngine({ nodes, policies }).eligible(workload);
    expect(answer.eligible.length + answer.ineligible.length === nodes.length, 'not every node was answered', { clauses });
  }), 0.02);
});

/** `global.gc`, exposed at run time (the test runner does not pass --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

test('refusing over-limit input holds no memory: heap after 200 refusals of 10× lists is what it was', () => {
  const gc = collector();
  const sources = Array.from({ length: 200 }, (_, i) => ({
    object: podOfShape({ terms: 1000, expressions: 1, values: 1, fields: 0, preferred: 0, selector: 1000, tolerations: 1000 }),
    file: `pod-${i}.json`,
  }));
  const refuse = (): void => {
    try {
      workloadsFromSources(sources, { validate: true, featureGates: defaultFeatureGates });
    } catch (error) {
      expect(isPlacementError(error), 'not a PlacementError', String(error));
      return;
    }
    throw new Error('over-limit pods were accepted');
  };
  refuse();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 5; i++) refuse();
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  expect(grown < 16 * 1024 * 1024, 'heap grew by refusals', { grownMiB: grown / 1024 / 1024 });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
