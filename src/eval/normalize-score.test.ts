import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeScores, scorePluginWeights } from './normalize-score.js';

// Upstream: pkg/scheduler/framework/plugins/helper/normalize_score.go DefaultNormalizeScore and its
// normalize_score_test.go TestDefaultNormalizeScore cases (maxPriority = framework.MaxNodeScore = 100).

test('[1,2,3,4] → [25,50,75,100] (normalize_score_test.go TestDefaultNormalizeScore case_0)', () => {
  assert.equal(normalizeScores([1, 2, 3, 4], 100, false), [25, 50, 75, 100]);
});

test('reverse [1,2,3,4] → [75,50,25,0] (normalize_score_test.go case_1)', () => {
  assert.equal(normalizeScores([1, 2, 3, 4], 100, true), [75, 50, 25, 0]);
});

test('[1000,10,20,30] → [100,1,2,3] with integer division (normalize_score_test.go case_2)', () => {
  assert.equal(normalizeScores([1000, 10, 20, 30], 100, false), [100, 1, 2, 3]);
});

test('reverse [1000,10,20,30] → [0,99,98,97] (normalize_score_test.go case_3)', () => {
  assert.equal(normalizeScores([1000, 10, 20, 30], 100, true), [0, 99, 98, 97]);
});

test('[1,1,1,1] → [100,100,100,100] (normalize_score_test.go case_4)', () => {
  assert.equal(normalizeScores([1, 1, 1, 1], 100, false), [100, 100, 100, 100]);
});

test('[1000,1,1,1] → [100,0,0,0]: 100*1/1000 truncates to 0 (normalize_score_test.go case_5)', () => {
  assert.equal(normalizeScores([1000, 1, 1, 1], 100, false), [100, 0, 0, 0]);
});

test('reverse [0,1,1,1] → [100,0,0,0] (normalize_score_test.go case_6)', () => {
  assert.equal(normalizeScores([0, 1, 1, 1], 100, true), [100, 0, 0, 0]);
});

test('all-zero scores stay 0 (DefaultNormalizeScore: maxCount == 0 and !reverse → unchanged)', () => {
  assert.equal(normalizeScores([0, 0, 0, 0], 100, false), [0, 0, 0, 0]);
});

test('all-zero scores reversed all become maxPriority (DefaultNormalizeScore: maxCount == 0 and reverse → maxPriority)', () => {
  assert.equal(normalizeScores([0, 0, 0, 0], 100, true), [100, 100, 100, 100]);
});

test('node_affinity_test raw 2, 11, 4 → 18, 100, 36 (TestNodeAffinityPriority "all nodes matches the preferred scheduling requirements of pod but with different priorities ")', () => {
  assert.equal(normalizeScores([2, 11, 4], 100, false), [18, 100, 36]);
});

test('TaintToleration counts 0, 1, 2 reversed → 100, 50, 0 (taint_toleration_test "the more intolerable taints a node has, the lower score it gets.")', () => {
  assert.equal(normalizeScores([0, 1, 2], 100, true), [100, 50, 0]);
});

test('integer division truncates toward zero like Go int64 (100*2/3 = 66, reverse 34)', () => {
  assert.equal(normalizeScores([2, 3], 100, false), [66, 100]);
  assert.equal(normalizeScores([2, 3], 100, true), [34, 0]);
});

test('the maximum starts at 0: negative raw scores with no positive one are left as they are (DefaultNormalizeScore var maxCount int64)', () => {
  assert.equal(normalizeScores([-5, 0], 100, false), [-5, 0]);
  assert.equal(normalizeScores([-5, 0], 100, true), [100, 100]);
  assert.equal(normalizeScores([-5, 10], 100, false), [-50, 100]);
});

test('an empty NodeScoreList stays empty (DefaultNormalizeScore loops over no scores)', () => {
  assert.equal(normalizeScores([], 100, false), []);
  assert.equal(normalizeScores([], 100, true), []);
});

test('default profile weights: TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1, PodTopologySpread 2, InterPodAffinity 2, NodeResourcesBalancedAllocation 1, ImageLocality 1 (pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins)', () => {
  const weights = { TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 };
  assert.equal({ ...scorePluginWeights }, weights);
  assert.ok(Object.isFrozen(scorePluginWeights));
});

test.run();
