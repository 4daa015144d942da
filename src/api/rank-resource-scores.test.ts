/**
 * `rank` with NodeResourcesFit (LeastAllocated), NodeResourcesBalancedAllocation and ImageLocality,
 * weight 1 each beside TaintToleration 3 and NodeAffinity 2 (default_plugins.go), on both backends.
 * Cases from upstream's tables: noderesources/least_allocated_test.go
 * (TestLeastAllocatedScoringStrategy), fit_test.go (TestFitScore), balanced_allocation_test.go
 * (TestNodeResourcesBalancedAllocation) and imagelocality/image_locality_test.go
 * (TestImageLocalityPriority).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { decodePodObject } from '../model/decode-daemonset.js';
import { nodeFromObject } from '../testing/placement-fixtures.js';
import { makePod } from '../testing/resource-fixtures.js';
import { createEngine } from './engine.js';
import type { RankResult } from '../eval/result.js';

const mb = 1024 * 1024;

function workload(spec: JsonObject): Workload {
  const decoded = decodeWorkload({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec });
  if (!decoded.ok) throw new Error(`bad fixture: ${JSON.stringify(decoded.errors)}`);
  return decoded.workload;
}

const node = (name: string, allocatable: Record<string, string>, images: { names: string[]; sizeBytes: number }[] = []) =>
  nodeFromObject({ metadata: { name }, status: { allocatable, images } });

/** The scores by node name, from both engines (which must agree). */
function scoresByNode(nodes: ReturnType<typeof node>[], spec: JsonObject): Map<string, Readonly<Record<string, number>>> {
  const w = workload(spec);
  const indexed = createEngine({ nodes }).rank(w);
  assert.equal(createEngine({ nodes, evaluator: 'reference' }).rank(w), indexed);
  return new Map(indexed.nodes.map((n) => [n.node, n.scores]));
}

const pick = (scores: Map<string, Readonly<Record<string, number>>>, plugin: string, names: string[]) => names.map((n) => scores.get(n)?.[plugin]);

test('nothing scheduled, resources requested, differently sized nodes: LeastAllocated 37/50 (least_allocated_test), BalancedAllocation 87/100 (balanced_allocation_test)', () => {
  // Upstream writes cpu "4000" / "1000" (cores) in one table and 4000m / 1000m in the other: the ratios are the same.
  const nodes = [node('node1', { cpu: '4', memory: '10000' }), node('node2', { cpu: '6', memory: '10000' })];
  const pod = makePod({ cpu: '1', memory: '2000' }, { cpu: '2', memory: '3000' });
  const w = workload(pod);
  const ranked = createEngine({ nodes }).rank(w);
  // TaintToleration 100 × 3 on both; totals 300 + 50 + 100 + 0 and 300 + 37 + 87 + 0.
  assert.equal(ranked.nodes, [
    { node: 'node2', score: 450, scores: { TaintToleration: 100, NodeResourcesFit: 50, NodeResourcesBalancedAllocation: 100, ImageLocality: 0 } },
    { node: 'node1', score: 424, scores: { TaintToleration: 100, NodeResourcesFit: 37, NodeResourcesBalancedAllocation: 87, ImageLocality: 0 } },
  ]);
  assert.equal(createEngine({ nodes, evaluator: 'reference' }).rank(w), ranked);
});

test('honor the non-zero defaults: a container without requests counts as 100m cpu and 200Mi memory for LeastAllocated; BalancedAllocation skips the best-effort pod (balanced_allocation_test "nothing scheduled, nothing requested, skip in PreScore")', () => {
  const scores = scoresByNode([node('a', { cpu: '1', memory: '1000Mi' }), node('b', { cpu: '2', memory: '2000Mi' })], makePod({}));
  // a: cpu (1000-100)*100/1000 = 90, memory (1000-200)*100/1000 = 80 → 85; b: 95 and 90 → 92.
  assert.equal(pick(scores, 'NodeResourcesFit', ['a', 'b']), [85, 92]);
  assert.equal(pick(scores, 'NodeResourcesBalancedAllocation', ['a', 'b']), [undefined, undefined]);
});

test('zero node resources: LeastAllocated scores 0 and BalancedAllocation 100 (least_allocated_test "zero node resources, pods scheduled with resources")', () => {
  const scores = scoresByNode([node('a', {}), node('b', { pods: '110' })], makePod({ cpu: '1', memory: '1Gi' }));
  assert.equal(pick(scores, 'NodeResourcesFit', ['a', 'b']), [0, 0]);
  assert.equal(pick(scores, 'NodeResourcesBalancedAllocation', ['a', 'b']), [100, 100]);
});

const img = (sizeMb: number, ...names: string[]) => ({ names, sizeBytes: sizeMb * mb });
const node403002000 = [img(40, 'gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'), img(300, 'gcr.io/300:latest', 'gcr.io/300:v1'), img(2000, 'gcr.io/2000:latest')];
const node25010 = [img(250, 'gcr.io/250:latest'), img(10, 'gcr.io/10:latest', 'gcr.io/10:v1')];
const node60040900 = [img(600, 'gcr.io/600:latest'), img(40, 'gcr.io/40:latest'), img(900, 'gcr.io/900:latest')];
const node300600900 = [img(300, 'gcr.io/300:latest'), img(600, 'gcr.io/600:latest'), img(900, 'gcr.io/900:latest')];
const containers = (...images: string[]) => ({ containers: images.map((image, i) => ({ name: `c${i}`, image })) });

test('ImageLocality: two images spread on two nodes, prefer the larger image one (image_locality_test): 0 / 5', () => {
  const scores = scoresByNode([node('node1', {}, node403002000), node('node2', {}, node25010)], containers('gcr.io/40', 'gcr.io/250'));
  assert.equal(pick(scores, 'ImageLocality', ['node1', 'node2']), [0, 5]);
});

test('ImageLocality: pod with multiple large images, node2 is preferred (image_locality_test): 32 / 36 / 0, the spread counted over all three nodes', () => {
  const nodes = [node('node1', {}, node60040900), node('node2', {}, node300600900), node('node3', {})];
  const scores = scoresByNode(nodes, containers('gcr.io/300', 'gcr.io/600', 'gcr.io/900'));
  assert.equal(pick(scores, 'ImageLocality', ['node1', 'node2', 'node3']), [32, 36, 0]);
});

test('ImageLocality counts every node of the cluster, eligible or not: a cordoned holder still spreads the image', () => {
  const holder = (name: string, unschedulable: boolean) => nodeFromObject({ metadata: { name }, spec: { unschedulable }, status: { images: [img(2000, 'app:v1')] } });
  const nodes = [holder('a', false), holder('b', true), node('c', {})];
  const ranked = createEngine({ nodes }).rank(workload(containers('app:v1')));
  // 2000Mi × 2/3 nodes = 1333Mi, over one container's 1000Mi: the maximum.
  assert.equal(ranked.nodes.map((n) => [n.node, n.scores['ImageLocality']]), [['a', 100], ['c', 0]]);
});

test('ImageLocality on a large node set with few holders (the indexed scorer walks the holders) ranks as the reference does', () => {
  const nodes = Array.from({ length: 40 }, (_, i) => node(`n${i}`, {}, i % 13 === 5 ? [img(2000, 'app:v1')] : [img(50, 'other:v1')]));
  const scores = scoresByNode(nodes, containers('app:v1', 'other:v1'));
  // app:v1 on 3 of 40 nodes: 2000Mi × 3/40 = 150Mi; other:v1 on 37: 50Mi × 37/40 = 46.25Mi; mapped
  // between 23Mi and two containers' 2000Mi: 6 and 1.
  assert.equal(pick(scores, 'ImageLocality', ['n5', 'n18', 'n31', 'n0', 'n39']), [6, 6, 6, 1, 1]);
});

/** Both engines over `nodes`, each node running the pod specs at its position (they pass NodeResourcesFit); the indexed ranking. */
function rankWithPods(nodes: ReturnType<typeof node>[], running: JsonObject[][], spec: JsonObject): RankResult {
  const pods = running.flatMap((specs, i) =>
    specs.map((podSpec, k) => {
      const { pod, errors } = decodePodObject({ kind: 'Pod', metadata: { name: `p${i}-${k}`, namespace: 'default' }, spec: { ...podSpec, nodeName: nodes[i]!.name }, status: { phase: 'Running' } });
      if (!pod) throw new Error(`bad fixture: ${JSON.stringify(errors)}`);
      return pod;
    }),
  );
  const w = workload(spec);
  const indexed = createEngine({ nodes, pods }).rank(w);
  assert.equal(createEngine({ nodes, pods, evaluator: 'reference' }).rank(w), indexed);
  return indexed;
}

test('with pods running: TestFitScore "test case for ScoringStrategy LeastAllocated" 32 / 63', () => {
  const ranked = rankWithPods(
    [node('node1', { cpu: '4', memory: '10', pods: '110' }), node('node2', { cpu: '6', memory: '10', pods: '110' })],
    [[makePod({ cpu: '2', memory: '4' })], [makePod({ cpu: '1', memory: '2' })]],
    makePod({ cpu: '1', memory: '2' }),
  );
  assert.equal(ranked.nodes.map((n) => [n.node, n.scores['NodeResourcesFit']]), [['node2', 63], ['node1', 32]]);
});

test('with pods running: BalancedAllocation "resources requested, pods scheduled with resources" 82 / 95', () => {
  const container = (requests: Record<string, string>) => ({ name: 'c', resources: { requests } });
  const cpuOnly = { containers: [container({ cpu: '1000m', memory: '0' }), container({ cpu: '2000m', memory: '0' })] };
  const cpuAndMemory = { containers: [container({ cpu: '1000m', memory: '2000' }), container({ cpu: '2000m', memory: '3000' })] };
  const ranked = rankWithPods([node('node1', { cpu: '10', memory: '20000', pods: '110' }), node('node2', { cpu: '10', memory: '20000', pods: '110' })], [[cpuOnly], [cpuAndMemory]], cpuAndMemory);
  assert.equal(ranked.nodes.map((n) => [n.node, n.scores['NodeResourcesBalancedAllocation']]), [['node2', 95], ['node1', 82]]);
});

test('a single eligible node is not scored at all, resources and images included', () => {
  const ranked = createEngine({ nodes: [node('only', { cpu: '1', memory: '1Gi' }, [img(500, 'app:v1')])] }).rank(workload(containers('app:v1')));
  assert.equal(ranked.nodes, [{ node: 'only', score: 0, scores: {} }]);
});

test.run();
