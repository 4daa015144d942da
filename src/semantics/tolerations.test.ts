import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  countIntolerablePreferNoSchedule,
  formatTaint,
  isBlockingEffect,
  isTolerated,
  toleratesTaint,
  unschedulableTaint,
  untoleratedTaints,
} from './tolerations.js';
import { gatesOff, gatesOn, makePod, taint, toleration } from '../testing/placement-fixtures.js';

// Upstream: staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint, compareNumericValues),
// component-helpers scheduling/corev1/helpers.go (TolerationsTolerateTaint, FindMatchingUntoleratedTaint),
// pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go, plugins/helper/taint.go.

const dedicated = taint('dedicated', 'user1', 'NoSchedule');

// --- ToleratesTaint: effect, then key, then operator ---

test('effect: a non-empty toleration effect must equal the taint effect (ToleratesTaint; taint_toleration_test "... (non-empty) effect doesn\'t match, can\'t be scheduled onto the node")', () => {
  const t = toleration({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' });
  assert.not.ok(toleratesTaint(t, taint('foo', 'bar', 'NoSchedule'), gatesOff));
  assert.ok(toleratesTaint(t, taint('foo', 'bar', 'PreferNoSchedule'), gatesOff));
  assert.not.ok(toleratesTaint(toleration({ operator: 'Exists', effect: 'NoExecute' }), dedicated, gatesOff), 'even a wildcard Exists is limited by its effect');
});

test('effect: an empty toleration effect matches every effect (ToleratesTaint; taint_toleration_test "... the effect of toleration is empty, and the effect of taint is NoSchedule")', () => {
  const t = toleration({ key: 'foo', operator: 'Equal', value: 'bar' });
  for (const effect of ['NoSchedule', 'PreferNoSchedule', 'NoExecute']) assert.ok(toleratesTaint(t, taint('foo', 'bar', effect), gatesOff), effect);
});

test('effect is compared exactly: "noschedule" does not match NoSchedule (ToleratesTaint t.Effect != taint.Effect)', () => {
  assert.not.ok(toleratesTaint(toleration({ key: 'dedicated', operator: 'Exists', effect: 'noschedule' }), dedicated, gatesOff));
});

test('key: a non-empty key must equal the taint key, case-sensitively (ToleratesTaint)', () => {
  assert.not.ok(toleratesTaint(toleration({ key: 'other', operator: 'Exists' }), dedicated, gatesOff));
  assert.not.ok(toleratesTaint(toleration({ key: 'Dedicated', operator: 'Exists' }), dedicated, gatesOff));
  assert.ok(toleratesTaint(toleration({ key: 'dedicated', operator: 'Exists' }), dedicated, gatesOff));
});

test('empty key + Exists tolerates every taint, whatever key, value and effect (ToleratesTaint; "match all values and all keys")', () => {
  const all = toleration({ operator: 'Exists' });
  for (const t of [dedicated, taint('a', '', 'NoExecute'), taint('node.kubernetes.io/unschedulable', '', 'NoSchedule'), taint('x', 'y', 'PreferNoSchedule')]) {
    assert.ok(toleratesTaint(all, t, gatesOff), formatTaint(t));
  }
});

test('empty key + Equal tolerates any taint with the same value (ToleratesTaint quirk; validation forbids it)', () => {
  const t = toleration({ operator: 'Equal', value: 'user1' });
  assert.ok(toleratesTaint(t, dedicated, gatesOff));
  assert.ok(toleratesTaint(t, taint('another', 'user1', 'NoExecute'), gatesOff));
  assert.not.ok(toleratesTaint(t, taint('another', 'user2', 'NoExecute'), gatesOff));
});

test('empty operator means Equal (ToleratesTaint case "", TolerationOpEqual; taint_toleration_test "A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule")', () => {
  assert.ok(toleratesTaint(toleration({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }), dedicated, gatesOff));
  assert.not.ok(toleratesTaint(toleration({ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }), dedicated, gatesOff));
  assert.not.ok(toleratesTaint(toleration({ key: 'dedicated', effect: 'NoSchedule' }), dedicated, gatesOff), 'empty value is not a wildcard');
  assert.ok(toleratesTaint(toleration({ key: 'k', effect: 'NoSchedule' }), taint('k', '', 'NoSchedule'), gatesOff), 'empty equals empty');
});

test('Equal compares values exactly (ToleratesTaint; taint_toleration_test "A pod which can\'t be scheduled on a dedicated node assigned to user2 with effect NoSchedule")', () => {
  assert.not.ok(toleratesTaint(toleration({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }), dedicated, gatesOff));
  assert.not.ok(toleratesTaint(toleration({ key: 'dedicated', operator: 'Equal', value: 'User1' }), dedicated, gatesOff));
  assert.ok(toleratesTaint(toleration({ key: 'dedicated', operator: 'Equal', value: 'user1' }), dedicated, gatesOff));
});

test('Exists ignores the toleration value (ToleratesTaint case TolerationOpExists; taint_toleration_test "... a toleration uses operator Exists that tolerates the taints on the node")', () => {
  assert.ok(toleratesTaint(toleration({ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }), taint('foo', 'bar', 'NoSchedule'), gatesOff));
  assert.ok(toleratesTaint(toleration({ key: 'foo', operator: 'Exists', value: 'something-else' }), taint('foo', 'bar', 'NoSchedule'), gatesOff));
});

test('wrong-case or unknown operators never tolerate (ToleratesTaint default: false)', () => {
  for (const operator of ['exists', 'EXISTS', 'equal', 'In', 'NotIn', 'gt', 'lt', '=']) {
    assert.not.ok(toleratesTaint(toleration({ key: 'dedicated', operator, value: 'user1' }), dedicated, gatesOn), operator);
    assert.not.ok(toleratesTaint(toleration({ operator }), dedicated, gatesOn), `keyless ${operator}`);
  }
});

// --- Gt / Lt (alpha, TaintTolerationComparisonOperators) ---

test('Gt/Lt never tolerate while the TaintTolerationComparisonOperators gate is off (ToleratesTaint: !enableComparisonOperators → false)', () => {
  const sla = taint('node.kubernetes.io/sla', '950', 'NoSchedule');
  assert.not.ok(toleratesTaint(toleration({ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750' }), sla, gatesOff));
  assert.not.ok(toleratesTaint(toleration({ key: 'node.kubernetes.io/sla', operator: 'Lt', value: '999' }), sla, gatesOff));
  assert.is(gatesOff.TaintTolerationComparisonOperators, false, 'default gate value (alpha, off)');
});

test('gate on: Gt tolerates when the taint value is greater than the toleration value (compareNumericValues; taint_toleration_test "Pod with Gt toleration can be scheduled on node when taint value is higher than threshold")', () => {
  const t = toleration({ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '750', effect: 'NoSchedule' });
  assert.ok(toleratesTaint(t, taint('node.kubernetes.io/sla', '950', 'NoSchedule'), gatesOn));
  assert.not.ok(toleratesTaint(t, taint('node.kubernetes.io/sla', '750', 'NoSchedule'), gatesOn), 'strict');
  assert.not.ok(
    toleratesTaint(toleration({ key: 'p', operator: 'Gt', value: '950' }), taint('p', '800', 'NoSchedule'), gatesOn),
    'Pod with Gt toleration cannot be scheduled on node when taint value is lower than threshold',
  );
});

test('gate on: Lt tolerates when the taint value is less than the toleration value (compareNumericValues; taint_toleration_test "Pod with Lt toleration cannot be scheduled on node when taint value is higher than threshold")', () => {
  const t = toleration({ key: 'p', operator: 'Lt', value: '800' });
  assert.not.ok(toleratesTaint(t, taint('p', '950', 'NoSchedule'), gatesOn));
  assert.ok(toleratesTaint(t, taint('p', '700', 'NoSchedule'), gatesOn));
  assert.not.ok(toleratesTaint(t, taint('p', '800', 'NoSchedule'), gatesOn), 'strict');
});

test('gate on: Gt/Lt still check effect and key first (ToleratesTaint order)', () => {
  assert.not.ok(toleratesTaint(toleration({ key: 'p', operator: 'Gt', value: '1', effect: 'NoExecute' }), taint('p', '5', 'NoSchedule'), gatesOn));
  assert.not.ok(toleratesTaint(toleration({ key: 'q', operator: 'Gt', value: '1' }), taint('p', '5', 'NoSchedule'), gatesOn));
  assert.ok(toleratesTaint(toleration({ operator: 'Gt', value: '1' }), taint('p', '5', 'NoSchedule'), gatesOn), 'an empty key matches any key');
});

test('gate on: both values must be canonical decimal integers — no leading zeros, no "+", no "-0" (content.IsDecimalInteger)', () => {
  const gt = (tolerationValue: string, taintValue: string): boolean =>
    toleratesTaint(toleration({ key: 'p', operator: 'Gt', value: tolerationValue }), taint('p', taintValue, 'NoSchedule'), gatesOn);
  assert.ok(gt('100', '200'));
  assert.not.ok(gt('0100', '200'), 'leading zero in the toleration value');
  assert.not.ok(gt('100', '0200'), 'leading zero in the taint value');
  assert.not.ok(gt('+100', '200'), 'plus sign');
  assert.not.ok(gt('100', '+200'), 'plus sign on the taint');
  assert.not.ok(gt('-0', '5'), '"-0" is not canonical');
  assert.not.ok(gt('-', '5'));
  assert.not.ok(gt('', '5'), 'empty');
  assert.not.ok(gt('1', ''), 'empty taint value');
  assert.not.ok(gt('1.5', '5'));
  assert.not.ok(gt(' 1', '5'));
  assert.not.ok(gt('1', '5\n'), 'no trailing newline');
  assert.not.ok(gt('1', '\uff15'), 'ASCII digits only');
  assert.not.ok(gt('950', 'high'), 'taint_toleration_test "Score ignores parse errors from numeric PreferNoSchedule taint value"');
  assert.ok(gt('0', '1'), '"0" is canonical');
  assert.ok(gt('-5', '-3'), 'negative values are canonical');
  assert.not.ok(gt('-3', '-5'));
});

test('gate on: Gt/Lt compare as int64 and reject values beyond it (compareNumericValues strconv.ParseInt bitSize 64)', () => {
  const gt = (tolerationValue: string, taintValue: string): boolean =>
    toleratesTaint(toleration({ key: 'p', operator: 'Gt', value: tolerationValue }), taint('p', taintValue, 'NoSchedule'), gatesOn);
  assert.ok(gt('9223372036854775806', '9223372036854775807'));
  assert.not.ok(gt('9223372036854775807', '9223372036854775807'));
  assert.not.ok(gt('1', '9223372036854775808'), 'taint value out of range');
  assert.not.ok(gt('9223372036854775808', '9223372036854775807'), 'toleration value out of range');
  assert.ok(gt('-9223372036854775808', '0'));
});

// --- any toleration; which taints block ---

test('a taint is tolerated when ANY toleration tolerates it (TolerationsTolerateTaint)', () => {
  const tolerations = [toleration({ key: 'a', operator: 'Exists' }), toleration({ key: 'dedicated', value: 'user1' })];
  assert.ok(isTolerated(dedicated, tolerations, gatesOff));
  assert.not.ok(isTolerated(dedicated, [], gatesOff));
  assert.not.ok(isTolerated(dedicated, [tolerations[0]!], gatesOff));
});

test('NoSchedule and NoExecute block; PreferNoSchedule and anything else do not (helper.DoNotScheduleTaintsFilterFunc)', () => {
  assert.ok(isBlockingEffect('NoSchedule'));
  assert.ok(isBlockingEffect('NoExecute'));
  assert.not.ok(isBlockingEffect('PreferNoSchedule'));
  assert.not.ok(isBlockingEffect(''));
  assert.not.ok(isBlockingEffect('noschedule'));
});

test('untoleratedTaints keeps node order and skips PreferNoSchedule (FindMatchingUntoleratedTaint; taint_toleration_test "The pod has no toleration, but the effect of taint on node is PreferNoSchedule")', () => {
  const taints = [taint('a', '1', 'NoExecute'), taint('b', '', 'PreferNoSchedule'), taint('c', '', 'NoSchedule'), taint('d', 'x', 'NoSchedule')];
  assert.equal(untoleratedTaints(taints, [], gatesOff), [taints[0], taints[2], taints[3]]);
  assert.equal(untoleratedTaints(taints, [toleration({ key: 'c', effect: 'NoSchedule' })], gatesOff), [taints[0], taints[3]]);
  assert.equal(untoleratedTaints([taints[1]!], [], gatesOff), []);
});

test('tolerationSeconds does not matter for placement: a NoExecute toleration with seconds still tolerates (TaintToleration Filter)', () => {
  const pod = makePod({ tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] });
  assert.equal(untoleratedTaints([taint('node.kubernetes.io/not-ready', '', 'NoExecute')], pod.tolerations, gatesOff), []);
});

test('the unschedulable taint is node.kubernetes.io/unschedulable with an EMPTY value and effect NoSchedule (NodeUnschedulable Filter)', () => {
  assert.equal({ ...unschedulableTaint }, { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' });
});

// --- PreferNoSchedule counting (TaintToleration Score) ---

test('score counts only PreferNoSchedule taints not tolerated (TaintToleration Score; taint_toleration_test "the more intolerable taints a node has, the lower score it gets.")', () => {
  const tolerations = [toleration({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' })];
  assert.is(countIntolerablePreferNoSchedule([], tolerations, gatesOff), 0);
  assert.is(countIntolerablePreferNoSchedule([taint('cpu-type', 'arm64', 'PreferNoSchedule')], tolerations, gatesOff), 1);
  assert.is(countIntolerablePreferNoSchedule([taint('cpu-type', 'arm64', 'PreferNoSchedule'), taint('disk-type', 'ssd', 'PreferNoSchedule')], tolerations, gatesOff), 2);
  assert.is(countIntolerablePreferNoSchedule([taint('foo', 'bar', 'PreferNoSchedule')], tolerations, gatesOff), 0);
});

test('score ignores taints of other effects (TaintToleration Score: only PreferNoSchedule taints)', () => {
  assert.is(countIntolerablePreferNoSchedule([taint('a', '', 'NoSchedule'), taint('b', '', 'NoExecute')], [], gatesOff), 0);
});

test('a NoSchedule-effect toleration does not help in scoring (TaintToleration PreScore getAllTolerationPreferNoSchedule; taint_toleration_test "only taints and tolerations that have effect PreferNoSchedule are checked ...")', () => {
  const tolerations = [toleration({ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' })];
  assert.is(countIntolerablePreferNoSchedule([taint('cpu-type', 'arm64', 'PreferNoSchedule')], tolerations, gatesOff), 1);
  assert.is(countIntolerablePreferNoSchedule([taint('cpu-type', 'arm64', 'PreferNoSchedule')], [toleration({ operator: 'Exists', effect: 'NoExecute' })], gatesOff), 1);
});

test('an empty-effect toleration does help in scoring (getAllTolerationPreferNoSchedule keeps Effect == "")', () => {
  assert.is(countIntolerablePreferNoSchedule([taint('cpu-type', 'arm64', 'PreferNoSchedule')], [toleration({ key: 'cpu-type', value: 'arm64' })], gatesOff), 0);
  assert.is(countIntolerablePreferNoSchedule([taint('cpu-type', 'arm64', 'PreferNoSchedule')], [toleration({ operator: 'Exists' })], gatesOff), 0);
});

test('the number of tolerated PreferNoSchedule taints does not matter (taint_toleration_test "the nodes that all of their taints are tolerated by the pod, get the same score ...")', () => {
  const tolerations = [
    toleration({ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' }),
    toleration({ key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' }),
  ];
  assert.is(countIntolerablePreferNoSchedule([taint('cpu-type', 'arm64', 'PreferNoSchedule'), taint('disk-type', 'ssd', 'PreferNoSchedule')], tolerations, gatesOff), 0);
});

test('Gt/Lt PreferNoSchedule tolerations count only with the gate on (taint_toleration_test "Numeric Gt operator: pod with Gt toleration prefers nodes with matching SLA taint")', () => {
  const tolerations = [toleration({ key: 'node.kubernetes.io/sla', operator: 'Gt', value: '950', effect: 'PreferNoSchedule' })];
  const low = [taint('node.kubernetes.io/sla', '800', 'PreferNoSchedule')];
  const high = [taint('node.kubernetes.io/sla', '999', 'PreferNoSchedule')];
  assert.is(countIntolerablePreferNoSchedule(low, tolerations, gatesOn), 1);
  assert.is(countIntolerablePreferNoSchedule(high, tolerations, gatesOn), 0);
  assert.is(countIntolerablePreferNoSchedule(high, tolerations, gatesOff), 1);
});

// --- Taint.ToString ---

test('formatTaint follows Taint.ToString: key=value:effect, key:effect, key=value:, key', () => {
  assert.is(formatTaint(taint('dedicated', 'user1', 'NoSchedule')), 'dedicated=user1:NoSchedule');
  assert.is(formatTaint(taint('node-role.kubernetes.io/master', '', 'NoSchedule')), 'node-role.kubernetes.io/master:NoSchedule');
  assert.is(formatTaint(taint('k', 'v', '')), 'k=v:');
  assert.is(formatTaint(taint('k', '', '')), 'k');
});

test.run();
