import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gatesOff, gatesOn, toleration } from '../testing/placement-fixtures.js';
import { compileTaintRule, compileUnschedulableRule } from './compile-tolerations.js';
import { ruleTrue } from './rule.js';

// Upstream: k8s.io/api/core/v1 `Toleration.ToleratesTaint` (effect, key, operator; Gt/Lt behind
// TaintTolerationComparisonOperators), TaintToleration Filter (NoSchedule and NoExecute taints),
// NodeUnschedulable (the synthetic node.kubernetes.io/unschedulable:NoSchedule taint), and the
// DaemonSet controller's shouldContinueRunning (NoExecute only).

const noExecute = ['NoExecute'] as const;

test('no tolerations: every blocking taint must be absent', () => {
  assert.equal(compileTaintRule([], gatesOff), { tolerates: { tolerations: [], comparisonOperators: false } });
});

test('the wildcard toleration (empty key, Exists, empty effect) tolerates every taint: const true', () => {
  assert.is(compileTaintRule([toleration({ operator: 'Exists' })], gatesOff), ruleTrue);
  assert.is(compileTaintRule([toleration({ key: 'a', value: 'b' }), toleration({ operator: 'Exists' })], gatesOff), ruleTrue);
});

test('wildcards per effect: both NoSchedule and NoExecute are needed for const true', () => {
  const noSchedule = toleration({ operator: 'Exists', effect: 'NoSchedule' });
  const onlyOne = compileTaintRule([noSchedule], gatesOff);
  assert.equal(onlyOne, { tolerates: { tolerations: [{ key: '', operator: 'Exists', value: '', effect: 'NoSchedule' }], comparisonOperators: false } });
  assert.is(compileTaintRule([noSchedule, toleration({ operator: 'Exists', effect: 'NoExecute' })], gatesOff), ruleTrue);
  assert.not.equal(compileTaintRule([toleration({ key: 'k', operator: 'Exists' })], gatesOff), ruleTrue, 'a keyed Exists is not a wildcard');
});

test('NoExecute-only rule (shouldContinueRunning): effects recorded, NoSchedule tolerations dropped, NoExecute wildcard is true', () => {
  const tolerations = [toleration({ key: 'a', operator: 'Exists', effect: 'NoSchedule' }), toleration({ key: 'b', operator: 'Exists', effect: 'NoExecute' }), toleration({ key: 'c', operator: 'Exists' })];
  assert.equal(compileTaintRule(tolerations, gatesOff, [...noExecute]), {
    tolerates: {
      tolerations: [
        { key: 'b', operator: 'Exists', value: '', effect: 'NoExecute' },
        { key: 'c', operator: 'Exists', value: '', effect: '' },
      ],
      comparisonOperators: false,
      effects: ['NoExecute'],
    },
  });
  assert.is(compileTaintRule([toleration({ operator: 'Exists', effect: 'NoExecute' })], gatesOff, [...noExecute]), ruleTrue);
  assert.is.not(compileTaintRule([toleration({ operator: 'Exists', effect: 'NoSchedule' })], gatesOff, [...noExecute]), ruleTrue);
});

test('PreferNoSchedule tolerations and unknown operators can never tolerate a blocking taint: dropped', () => {
  const rule = compileTaintRule([toleration({ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }), toleration({ key: 'b', operator: 'exists' }), toleration({ key: 'c', value: 'v' })], gatesOff);
  assert.equal(rule, { tolerates: { tolerations: [{ key: 'c', operator: '', value: 'v', effect: '' }], comparisonOperators: false } });
});

test('tolerationSeconds is ignored for placement: it is not kept, and tolerations differing only in it collapse', () => {
  const withSeconds = toleration({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  const without = toleration({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  const expected = { tolerates: { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', value: '', effect: 'NoExecute' }], comparisonOperators: false } };
  assert.equal(compileTaintRule([withSeconds], gatesOff), expected);
  assert.equal(compileTaintRule([withSeconds, without, { ...withSeconds, tolerationSeconds: 60 }], gatesOff), expected);
});

test('Gt/Lt tolerations are kept only with the TaintTolerationComparisonOperators gate', () => {
  const gt = toleration({ key: 'sla', operator: 'Gt', value: '5', effect: 'NoSchedule' });
  assert.equal(compileTaintRule([gt], gatesOff), { tolerates: { tolerations: [], comparisonOperators: false } });
  assert.equal(compileTaintRule([gt], gatesOn), { tolerates: { tolerations: [{ key: 'sla', operator: 'Gt', value: '5', effect: 'NoSchedule' }], comparisonOperators: true } });
});

test('tolerations are sorted and deduplicated, so their order does not change the rule', () => {
  const x = toleration({ key: 'x', value: '1', effect: 'NoSchedule' });
  const y = toleration({ key: 'y', operator: 'Exists' });
  assert.equal(compileTaintRule([y, x, y], gatesOff), compileTaintRule([x, y], gatesOff));
  assert.equal(JSON.stringify(compileTaintRule([y, x], gatesOff)), JSON.stringify(compileTaintRule([x, y], gatesOff)));
});

test('NodeUnschedulable: cordoned nodes are out unless the unschedulable taint is tolerated (then const true)', () => {
  assert.equal(compileUnschedulableRule([], gatesOff), { schedulable: true });
  assert.is(compileUnschedulableRule([toleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' })], gatesOff), ruleTrue);
  // Empty operator means Equal, and the synthetic taint's value is "".
  assert.is(compileUnschedulableRule([toleration({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })], gatesOff), ruleTrue);
  assert.is(compileUnschedulableRule([toleration({ operator: 'Exists' })], gatesOff), ruleTrue);
  assert.equal(compileUnschedulableRule([toleration({ key: 'node.kubernetes.io/unschedulable', value: 'true', effect: 'NoSchedule' })], gatesOff), { schedulable: true });
  assert.equal(compileUnschedulableRule([toleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' })], gatesOff), { schedulable: true });
});

test.run();
