/**
 * The implicit DaemonSet tolerations (daemon util `AddOrUpdateDaemonPodTolerations`) and their merge
 * with the template's own (core/v1 helper `AddOrUpdateTolerationInPodSpec`): an identical
 * toleration is kept, the same toleration with other seconds is replaced in place, anything else is
 * appended, and tolerations of a different shape stay side by side. Upstream has no unit-test table
 * for this; the cases follow the function's code as the spec (section b) restates it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultFeatureGates } from '../../model/feature-gates.js';
import type { Toleration } from '../../model/types.js';
import { addOrUpdateToleration, daemonPodPlacement, implicitDaemonTolerations } from './daemon-pod.js';
import { evictionFor } from './eviction.js';
import { newDaemonSet } from '../../testing/daemonset-fixtures.js';

const exists = (key: string, effect: string, tolerationSeconds?: number): Toleration => ({
  key,
  operator: 'Exists',
  value: '',
  effect,
  ...(tolerationSeconds !== undefined ? { tolerationSeconds } : {}),
});
const notReady = exists('node.kubernetes.io/not-ready', 'NoExecute');
const custom: Toleration = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };

test('AddOrUpdateDaemonPodTolerations: six tolerations in upstream order, none with seconds', () => {
  assert.equal(implicitDaemonTolerations(false), [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ]);
  for (const t of implicitDaemonTolerations(true)) assert.is(t.tolerationSeconds, undefined);
});

test('AddOrUpdateDaemonPodTolerations: hostNetwork adds network-unavailable last', () => {
  const withHostNetwork = implicitDaemonTolerations(true);
  assert.is(withHostNetwork.length, 7);
  assert.equal(withHostNetwork.at(-1), exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  assert.equal(withHostNetwork.slice(0, 6), implicitDaemonTolerations(false));
});

test('AddOrUpdateTolerationInPodSpec: an identical toleration is kept, nothing is added', () => {
  const list = [custom, notReady];
  const out = addOrUpdateToleration(list, notReady);
  assert.equal(out, [custom, notReady]);
  assert.is.not(out, list, 'the input list is not handed back for mutation');
  assert.equal(list, [custom, notReady], 'the input is not mutated');
});

test('AddOrUpdateTolerationInPodSpec: the same toleration with tolerationSeconds is replaced in place', () => {
  const withSeconds = exists('node.kubernetes.io/not-ready', 'NoExecute', 300);
  const list = [custom, withSeconds, exists('other', 'NoSchedule')];
  assert.equal(addOrUpdateToleration(list, notReady), [custom, notReady, exists('other', 'NoSchedule')]);
  assert.equal(list[1], withSeconds, 'the input is not mutated');
  // zero seconds is still "different" (a set pointer vs nil)
  assert.equal(addOrUpdateToleration([exists('node.kubernetes.io/not-ready', 'NoExecute', 0)], notReady), [notReady]);
});

test('AddOrUpdateTolerationInPodSpec: every matching entry is replaced', () => {
  const a = exists('node.kubernetes.io/not-ready', 'NoExecute', 10);
  const b = exists('node.kubernetes.io/not-ready', 'NoExecute', 20);
  assert.equal(addOrUpdateToleration([a, custom, b], notReady), [notReady, custom, notReady]);
});

test('AddOrUpdateTolerationInPodSpec: an unrelated toleration is appended', () => {
  assert.equal(addOrUpdateToleration([custom], notReady), [custom, notReady]);
  assert.equal(addOrUpdateToleration([], notReady), [notReady]);
});

test('AddOrUpdateTolerationInPodSpec: a different shape is kept side by side (MatchToleration compares key, operator, value, effect)', () => {
  const emptyEffect: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', value: '', effect: '' };
  const equalOperator: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Equal', value: '', effect: 'NoExecute', tolerationSeconds: 5 };
  const emptyOperator: Toleration = { key: 'node.kubernetes.io/not-ready', operator: '', value: '', effect: 'NoExecute', tolerationSeconds: 5 };
  const keyless: Toleration = { key: '', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 5 };
  for (const other of [emptyEffect, equalOperator, emptyOperator, keyless]) {
    assert.equal(addOrUpdateToleration([other], notReady), [other, notReady], JSON.stringify(other));
  }
});

test('daemonPodPlacement: template tolerations first, implicit ones merged after, template untouched', () => {
  const ds = newDaemonSet({
    spec: {
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      ],
    },
  });
  const before = structuredClone(ds.workload.pod.tolerations);
  const pod = daemonPodPlacement(ds.workload.pod);
  assert.equal(pod.tolerations, [
    notReady, // replaced in place: now without seconds
    custom,
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ]);
  assert.equal(ds.workload.pod.tolerations, before);
  // so a daemon pod tolerates not-ready forever although the template said 300s
  const taints = [{ key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoExecute' }];
  assert.equal(evictionFor(taints, ds.workload.pod.tolerations, defaultFeatureGates), { kind: 'after', seconds: 300 });
  assert.equal(evictionFor(taints, pod.tolerations, defaultFeatureGates), { kind: 'never' });
});

test('daemonPodPlacement: a template that already tolerates everything still gets the implicit list appended', () => {
  const ds = newDaemonSet({ spec: { tolerations: [{ operator: 'Exists' }], hostNetwork: true } });
  const pod = daemonPodPlacement(ds.workload.pod);
  assert.is(pod.tolerations.length, 8);
  assert.equal(pod.tolerations[0], { key: '', operator: 'Exists', value: '', effect: '' });
});

test.run();
