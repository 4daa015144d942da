/**
 * The explanation budget's estimates against the answers' real sizes, for the sample workloads on
 * the sample cluster (the estimate decides before anything is built, so it must be of the right
 * order), and the hook's answer over the budget.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../api/engine.js';
import { nodesFromSources, workloadsFromSources } from '../api/inputs.js';
import { readSources } from '../api/read-sources.js';
import { daemonSetsFromSources } from '../api/daemonset-inputs.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { daemonSetObject, podWithSelectorKeys, podWithTerms, sampleNodeList } from '../testing/hostile-requests.js';
import { averageNameBytes, estimateDaemonSets, estimateEligible, estimateEligibleNames, estimateRank, explanationBudget, leastEligible } from './explanation-budget.js';
import { HttpError } from './http-error.js';
import { eligibleJson, planJson, rankJson } from '../api/contracts.js';

const options = { validate: true, featureGates: defaultFeatureGates };
const nodes = nodesFromSources(sampleNodeList(3000).items.map((object, i) => ({ object, file: `items[${i}]` })), options);
const engine = createEngine({ nodes });
const sampleDir = fileURLToPath(new URL('../sample/workloads', import.meta.url));
const workloads = workloadsFromSources(readSources(sampleDir, () => ''), options).filter((w) => w.kind !== 'DaemonSet');
const size = (value: unknown): number => JSON.stringify(value).length;

test('averageNameBytes: the mean JSON size of a node name', () => {
  const mean = nodes.reduce((sum, n) => sum + n.name.length, 0) / nodes.length + 3;
  assert.is(averageNameBytes(engine), mean);
});

test('eligible: the estimate is within a factor of 2.5 of the explained answer, for every sample workload', () => {
  for (const w of workloads) {
    const estimate = estimateEligible(engine, [w], [engine.eligibleCount(w)]).bytes;
    const actual = size(eligibleJson(engine.eligible(w)));
    assert.ok(estimate > actual / 2.5 && estimate < actual * 2.5, `${w.name}: estimated ${estimate}, actual ${actual}`);
  }
});

test('eligible: the largest pods the input limits allow (100 nodeSelector keys, 100 terms) are estimated at tens of megabytes, before anything is built', () => {
  for (const object of [podWithSelectorKeys(100), podWithTerms(100, 10)]) {
    const [w] = workloadsFromSources([{ object, file: 'pod' }], options);
    const estimate = estimateEligible(engine, [w!], [engine.eligibleCount(w!)]);
    assert.ok(estimate.bytes > 16 * 1024 * 1024, String(estimate.bytes));
    assert.is(estimate.nodes, nodes.length);
  }
});

test('eligible names (?explain=none): within a factor of 2.5 of the answer, for every sample workload that has eligible nodes', () => {
  for (const w of workloads) {
    const count = engine.eligibleCount(w);
    if (count < 100) continue;
    const estimate = estimateEligibleNames(engine, [count]).bytes;
    const actual = size(eligibleJson(engine.eligible(w, { explain: 'none' })));
    assert.ok(estimate > actual / 2.5 && estimate < actual * 2.5, `${w.name}: estimated ${estimate}, actual ${actual}`);
  }
});

test('rank and daemonset: within a factor of 2.5 of the answers', () => {
  for (const w of workloads) {
    const estimate = estimateRank(engine, [engine.eligibleCount(w)]).bytes;
    const actual = size(rankJson(engine.rank(w)));
    assert.ok(estimate >= actual / 2.5 && estimate <= actual * 2.5 + 100, `${w.name}: estimated ${estimate}, actual ${actual}`);
  }
  const [ds] = daemonSetsFromSources([{ object: daemonSetObject(), file: 'ds' }], options);
  const plan = planJson(engine.daemonset(ds!, [], { now: Date.parse('2026-01-01T00:00:00Z') }), true);
  const estimate = estimateDaemonSets(engine, 1).bytes;
  assert.ok(estimate > size(plan) / 2.5 && estimate < size(plan) * 2.5, `estimated ${estimate}, actual ${size(plan)}`);
});

test('explanationBudget: full within the budget; over it a 422 that says how to ask instead', () => {
  assert.is(explanationBudget({ kind: 'eligible', bytes: 1000, nodes: 10, items: 1 }, 1000), 'full');
  try {
    explanationBudget({ kind: 'daemonset', bytes: 30 * 1024 * 1024, nodes: 200_000, items: 20 }, 8 * 1024 * 1024);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, HttpError);
    assert.equal([(error as HttpError).status, (error as HttpError).code], [422, 'answer-too-large']);
    assert.is(
      (error as HttpError).message,
      'the answer for 20 DaemonSets would list 200000 node entries, about 30 MiB, over the 8.0 MiB explanation budget; ask with ?explain=false to leave out the per-node list, or for fewer DaemonSets per request',
    );
  }
});

test('a batch over the budget: the field error names the field and how many items would fit; a floor says "at least"', () => {
  const floor = leastEligible(engine, 1000);
  assert.is(floor.bytes, 1000 * nodes.length * averageNameBytes(engine));
  try {
    explanationBudget(floor, 8 * 1024 * 1024, 'pods');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, HttpError);
    const fit = Math.floor((8 * 1024 * 1024) / (nodes.length * averageNameBytes(engine)));
    assert.match((error as HttpError).message, /^the answer for 1000 pods would list 3000000 node entries, at least \d+ MiB, over the 8\.0 MiB explanation budget; ask with \?explain=groups/);
    assert.equal((error as HttpError).errors, [
      { path: 'pods', type: 'Too many', badValue: 1000, detail: `must have at most ${fit} items for answers within the 8.0 MiB explanation budget (serve --max-explanation-bytes)` },
    ]);
  }
  assert.is(explanationBudget(leastEligible(engine, 1), 8 * 1024 * 1024, 'pods'), 'full');
});

test.run();
