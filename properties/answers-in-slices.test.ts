/**
 * The large answers the server writes a slice at a time (src/server/json-in-slices.ts) are, byte
 * for byte, what `JSON.stringify` makes of the same answer in one go: explained answers from any
 * node set and pods, and extender filter results over any node names (`__proto__`, names that look
 * like array indexes, which objects order first, quotes, non-ASCII, duplicates and unknown names).
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { eligibleJson } from '../src/api/contracts.js';
import { createEngine } from '../src/api/engine.js';
import { writeExplainedAnswer, writeFilterResult } from '../src/server/answer-text.js';
import { Deadline } from '../src/server/deadline.js';
import { extenderFilter, type ExtenderArgs } from '../src/server/extender.js';
import { JsonInSlices } from '../src/server/json-in-slices.js';
import type { Node } from '../src/model/types.js';
import { decodeNodeObject, featureGatesArb, nodeObjectsArb, podSpecObjectArb, workloadFromSpec } from './arbitraries.js';
import { checkAsync, expectEqual } from './support.js';

/** A writer that yields after every check of the clock: the most slices the text can be cut into. */
const writer = (): JsonInSlices => new JsonInSlices(Deadline.none, 0);

test('explained answers written in slices equal JSON.stringify(eligibleJson(answer)), alone and in a batch', async (ctx) => {
  await checkAsync(
    ctx,
    fc.asyncProperty(nodeObjectsArb, fc.array(podSpecObjectArb, { minLength: 1, maxLength: 3 }), featureGatesArb, async (objects, specs, gates) => {
      const engine = createEngine({ nodes: objects.map(decodeNodeObject), featureGates: gates });
      const answers = specs.map((spec, i) => engine.eligible(workloadFromSpec(spec, `p${i}`)));
      for (const [i, answer] of answers.entries()) {
        const out = writer();
        await writeExplainedAnswer(out, answer);
        expectEqual(out.bytes().toString('utf8'), JSON.stringify(eligibleJson(answer)), `pods[${i}]`, ['in slices', 'JSON.stringify']);
      }
      const batch = writer().raw('{"results":[');
      for (const [i, answer] of answers.entries()) {
        if (i > 0) batch.raw(',');
        await writeExplainedAnswer(batch, answer);
      }
      batch.raw(']}');
      expectEqual(batch.bytes().toString('utf8'), JSON.stringify({ results: answers.map(eligibleJson) }), 'batch', ['in slices', 'JSON.stringify']);
    }),
    0.3,
  );
});

const nameArb = fc.oneof(fc.constantFrom('__proto__', 'constructor', '0', '7', '12', '4294967295', '-1', 'n"q', 'ü-node', '\u{1F600}', ''), fc.string({ maxLength: 6 }), fc.nat(300).map(String));
const reasonArb = fc.constantFrom("node(s) didn't match Pod's node affinity/selector", 'node(s) were unschedulable', 'r "q" \\ \u2028');

test('extender filter results written in slices equal JSON.stringify(result), in both forms', async (ctx) => {
  await checkAsync(
    ctx,
    fc.asyncProperty(
      fc.array(fc.tuple(nameArb, fc.option(reasonArb, { nil: undefined })), { maxLength: 300 }),
      fc.array(nameArb, { maxLength: 20 }),
      fc.boolean(),
      async (candidates, unknown, nodeNamesForm) => {
        const node = (name: string): Node => ({ name, raw: { kind: 'Node', metadata: { name } } }) as unknown as Node;
        const passed = candidates.filter(([, reason]) => reason === undefined).map(([name]) => node(name));
        const failed = new Map(candidates.flatMap(([name, reason]) => (reason === undefined ? [] : [[name, reason] as const])));
        const names = candidates.map(([name]) => name);
        const args = { form: nodeNamesForm ? 'NodeNames' : 'Nodes', unknown: nodeNamesForm ? unknown : [], names, candidates: [] } as unknown as ExtenderArgs;
        const result = extenderFilter(args, { passed, failed });
        const out = writer();
        await writeFilterResult(out, result);
        expectEqual(out.bytes().toString('utf8'), JSON.stringify(result), 'filter result', ['in slices', 'JSON.stringify']);
      },
    ),
    0.3,
  );
});

test.run();
