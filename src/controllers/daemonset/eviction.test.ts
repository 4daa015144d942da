/**
 * NoExecute taint-based eviction (pkg/controller/tainteviction/taint_eviction.go): TestGetMinTolerationTime,
 * the first matching toleration per taint (`GetMatchingTolerations`), ≤ 0 seconds meaning now, an
 * untolerated taint meaning now, and the evictions a DaemonSet sync reports for its pods.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { defaultFeatureGates } from '../../model/feature-gates.js';
import type { Taint, Toleration } from '../../model/types.js';
import { evictionFor, minTolerationSeconds } from './eviction.js';
import { createdPod, dsObject, expectCounts, nodeObject, podName, podObject, simpleDaemonSetLabel, sync, unix, unixMs } from '../../testing/daemonset-fixtures.js';

const gates = defaultFeatureGates;
const toleration = (tolerationSeconds?: number, key = 'dedicated'): Toleration => ({
  key,
  operator: 'Exists',
  value: '',
  effect: 'NoExecute',
  ...(tolerationSeconds !== undefined ? { tolerationSeconds } : {}),
});
const taint = (key = 'dedicated', effect = 'NoExecute'): Taint => ({ key, value: 'x', effect });

// ---------- TestGetMinTolerationTime ----------

test('TestGetMinTolerationTime: {} → 0 (evict now)', () => {
  assert.is(minTolerationSeconds([]), 0);
});

test('TestGetMinTolerationTime: {nil} → -1 (never)', () => {
  assert.is(minTolerationSeconds([toleration()]), -1);
});

test('TestGetMinTolerationTime: {1, 2} → 1', () => {
  assert.is(minTolerationSeconds([toleration(1), toleration(2)]), 1);
});

test('TestGetMinTolerationTime: {1, nil} → 1', () => {
  assert.is(minTolerationSeconds([toleration(1), toleration()]), 1);
});

test('TestGetMinTolerationTime: {nil, 1} → 1', () => {
  assert.is(minTolerationSeconds([toleration(), toleration(1)]), 1);
});

test('getMinTolerationTime: a value ≤ 0 means now, wherever it is in the list', () => {
  assert.is(minTolerationSeconds([toleration(30), toleration(0)]), 0);
  assert.is(minTolerationSeconds([toleration(-5), toleration(30)]), 0);
});

// ---------- processPodOnNode ----------

test('no NoExecute taint: never evicted (NoSchedule and PreferNoSchedule do not count)', () => {
  assert.equal(evictionFor([], [], gates), { kind: 'never' });
  assert.equal(evictionFor([taint('a', 'NoSchedule'), taint('b', 'PreferNoSchedule')], [], gates), { kind: 'never' });
});

test('an untolerated NoExecute taint evicts now', () => {
  const untolerated = taint('other');
  assert.equal(evictionFor([taint(), untolerated], [toleration(60)], gates), { kind: 'now', untolerated });
  // a NoSchedule toleration does not tolerate a NoExecute taint
  assert.equal(evictionFor([taint()], [{ key: 'dedicated', operator: 'Exists', value: '', effect: 'NoSchedule' }], gates).kind, 'now');
});

test('GetMatchingTolerations: the first matching toleration decides — [60s, forever] evicts after 60s', () => {
  assert.equal(evictionFor([taint()], [toleration(60), toleration()], gates), { kind: 'after', seconds: 60 });
});

test('GetMatchingTolerations: the first matching toleration decides — [forever, 60s] never evicts', () => {
  assert.equal(evictionFor([taint()], [toleration(), toleration(60)], gates), { kind: 'never' });
});

test('tolerationSeconds ≤ 0 evicts now', () => {
  assert.equal(evictionFor([taint()], [toleration(0)], gates), { kind: 'now' });
  assert.equal(evictionFor([taint()], [toleration(-10)], gates), { kind: 'now' });
});

test('several taints: the minimum of the seconds set; unset ones are ignored', () => {
  const tolerations = [toleration(300, 'a'), toleration(undefined, 'b'), toleration(120, 'c')];
  assert.equal(evictionFor([taint('a'), taint('b'), taint('c')], tolerations, gates), { kind: 'after', seconds: 120 });
  assert.equal(evictionFor([taint('b')], tolerations, gates), { kind: 'never' });
  // a keyless Exists toleration matches every taint and comes first
  assert.equal(evictionFor([taint('a'), taint('c')], [{ key: '', operator: 'Exists', value: '', effect: '' }, ...tolerations], gates), { kind: 'never' });
});

test('DaemonSet pods are never evicted for not-ready or unreachable (implicit tolerations, no seconds)', () => {
  const ds = dsObject();
  const pod = createdPod(ds, 'node-0', 'h', 0);
  const tolerations = ((pod['spec'] as JsonObject)['tolerations'] as Toleration[]);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    assert.equal(evictionFor([{ key, value: '', effect: 'NoExecute' }], tolerations, gates), { kind: 'never' }, key);
  }
});

// ---------- the evictions a sync reports ----------

const tolerating60 = { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] };

test('a NoExecute taint tolerated for 60s: the DaemonSet keeps its pod (R = C = true), the taint manager evicts it after 60s', () => {
  const d = dsObject({ spec: tolerating60 });
  const node = nodeObject('node-0', undefined, { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoExecute', timeAdded: unix(1000) }] });
  const pod = podObject('p-', 'node-0', simpleDaemonSetLabel, d, { created: 500, tolerations: tolerating60.tolerations });
  const plan = sync(d, [node], [pod], { now: unixMs(1010) });
  expectCounts(plan, 0, 0);
  assert.equal(plan.nodes.map((n) => [n.shouldRun, n.shouldContinueRunning]), [[true, true]]);
  assert.equal(plan.evictions, [{ pod: podName(pod), node: 'node-0', evictAfterSeconds: 60, evictAt: unix(1060) }]);
});

test('an untolerated NoExecute taint: the DaemonSet deletes the pod and the taint manager evicts it now', () => {
  const d = dsObject();
  const node = nodeObject('node-0', undefined, { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoExecute', timeAdded: unix(1000) }] });
  const pod = podObject('p-', 'node-0', simpleDaemonSetLabel, d);
  const plan = sync(d, [node], [pod]);
  expectCounts(plan, 0, 1);
  assert.equal(plan.evictions.map((e) => [e.pod, e.evictAfterSeconds]), [[podName(pod), 0]]);
});

test('no timeAdded: the eviction time is unknown', () => {
  const d = dsObject({ spec: tolerating60 });
  const node = nodeObject('node-0', undefined, { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoExecute' }] });
  const pod = podObject('p-', 'node-0', simpleDaemonSetLabel, d, { tolerations: tolerating60.tolerations });
  assert.equal(sync(d, [node], [pod]).evictions, [{ pod: podName(pod), node: 'node-0', evictAfterSeconds: 60 }]);
});

test('the taint manager only sees pods bound to the node: an unscheduled pod pinned by affinity is not evicted', () => {
  // taint_eviction.go handlePodUpdate returns when spec.nodeName is empty; handleNodeUpdate lists pods by spec.nodeName
  const d = dsObject();
  const node = nodeObject('node-0', undefined, { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoExecute', timeAdded: unix(1000) }] });
  const pinned = podObject('pinned-', '', simpleDaemonSetLabel, d, { affinityNode: 'node-0' });
  const plan = sync(d, [node], [pinned]);
  expectCounts(plan, 0, 1); // the DaemonSet controller still deletes it (C = false)
  assert.equal(plan.evictions, []);
});

test('evictAt: a taint tolerated forever does not start the clock; the time-limited taint does', () => {
  // processPodOnNode cancels (queues nothing) while every used toleration is unlimited, and queues at
  // the first update where one has seconds; the queued deadline is then kept.
  const d = dsObject({ spec: tolerating60 });
  const node = nodeObject('node-0', undefined, {
    taints: [
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: unix(1000) },
      { key: 'dedicated', value: 'user1', effect: 'NoExecute', timeAdded: unix(2000) },
    ],
  });
  const pod = podObject('p-', 'node-0', simpleDaemonSetLabel, d, { created: 10, tolerations: [...tolerating60.tolerations, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] });
  assert.equal(sync(d, [node], [pod], { now: unixMs(2001) }).evictions, [{ pod: podName(pod), node: 'node-0', evictAfterSeconds: 60, evictAt: unix(2060) }]);
});

test('evictAt: a later taint with fewer seconds neither pulls in nor pushes out the queued deadline', () => {
  const tolerations = [
    { key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
    { key: 'later', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
  ];
  const d = dsObject({ spec: { tolerations } });
  const node = nodeObject('node-0', undefined, {
    taints: [
      { key: 'dedicated', value: 'user1', effect: 'NoExecute', timeAdded: unix(1000) },
      { key: 'later', effect: 'NoExecute', timeAdded: unix(1030) },
    ],
  });
  const pod = podObject('p-', 'node-0', simpleDaemonSetLabel, d, { created: 10, tolerations });
  const [eviction] = sync(d, [node], [pod], { now: unixMs(1031) }).evictions;
  // a pod seen fresh now would get 10s; the worker queued at 1000 fires at 1000 + 60
  assert.equal(eviction, { pod: podName(pod), node: 'node-0', evictAfterSeconds: 10, evictAt: unix(1060) });
});

test('evictAt: a pod created after the taint is queued from its own creation (the recreate loop)', () => {
  const d = dsObject({ spec: tolerating60 });
  const node = nodeObject('node-0', undefined, { taints: [{ key: 'dedicated', value: 'user1', effect: 'NoExecute', timeAdded: unix(1000) }] });
  const recreated = podObject('p-', 'node-0', simpleDaemonSetLabel, d, { created: 5000, tolerations: tolerating60.tolerations });
  assert.equal(sync(d, [node], [recreated], { now: unixMs(5001) }).evictions, [{ pod: podName(recreated), node: 'node-0', evictAfterSeconds: 60, evictAt: unix(5060) }]);
});

test.run();
