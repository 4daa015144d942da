/**
 * Which pods are the DaemonSet's: `ClaimPods` (controller_ref_manager.go `ClaimObject`),
 * `GetTargetNodeName` (daemon util, TestGetTargetNodeName) and `getNodesToDaemonPods`
 * (TestGetNodesToDaemonPods), plus TestDealsWithExistingPods, where released pods are not deleted.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { claimPods, daemonSetPods, groupByNode, targetNodeName } from './claim.js';
import {
  addNodes,
  addPods,
  decodeDs,
  decodePods,
  dsObject,
  expectCounts,
  podName,
  podObject,
  simpleDaemonSetLabel,
  simpleDaemonSetLabel2,
  sync,
  unix,
  updateStrategies,
} from '../../testing/daemonset-fixtures.js';

const ds = dsObject({ name: 'foo' });
const ds2 = dsObject({ name: 'foo2' });

function names(objects: readonly JsonObject[]): string[] {
  return objects.map(podName);
}

// ---------- ClaimPods ----------

test('ClaimPods: owned and matching is claimed', () => {
  const pod = podObject('owned-', 'node-0', simpleDaemonSetLabel, ds);
  const result = claimPods(decodeDs(ds), decodePods([pod]));
  assert.equal(result.claimed.map((p) => p.name), names([pod]));
  assert.equal(result.released, []);
  assert.equal(result.adopted, []);
});

test('ClaimPods: owned but no longer matching is released, not claimed', () => {
  const pod = podObject('owned-', 'node-0', simpleDaemonSetLabel2, ds);
  const result = claimPods(decodeDs(ds), decodePods([pod]));
  assert.equal(result.claimed, []);
  assert.equal(result.released, names([pod]));
});

test('ClaimPods: a pod controlled by another DaemonSet is ignored, even when it matches', () => {
  const pod = podObject('other-', 'node-0', simpleDaemonSetLabel, ds2);
  assert.equal(claimPods(decodeDs(ds), decodePods([pod])), { claimed: [], released: [], adopted: [] });
  // the same name but another UID is another object
  const impostor = podObject('impostor-', 'node-0', simpleDaemonSetLabel, dsObject({ name: 'foo', uid: 'uid-recreated' }));
  assert.equal(claimPods(decodeDs(ds), decodePods([impostor])), { claimed: [], released: [], adopted: [] });
});

test('ClaimPods: a matching orphan is adopted and claimed; a non-matching orphan is ignored', () => {
  const orphan = podObject('orphan-', 'node-0', simpleDaemonSetLabel, undefined);
  const stranger = podObject('stranger-', 'node-0', { bang: 'boom' }, undefined);
  const result = claimPods(decodeDs(ds), decodePods([orphan, stranger]));
  assert.equal(result.claimed.map((p) => p.name), names([orphan]));
  assert.equal(result.adopted, names([orphan]));
});

test('daemonSetPods: out of the cluster, the pods getDaemonPods claims from (owned or matching, in the namespace); claiming them equals claiming every pod', () => {
  const owned = podObject('owned-', 'node-0', simpleDaemonSetLabel, ds);
  const released = podObject('released-', 'node-0', simpleDaemonSetLabel2, ds);
  const orphan = podObject('orphan-', 'node-0', simpleDaemonSetLabel, undefined);
  const otherDs = podObject('other-', 'node-0', simpleDaemonSetLabel, ds2);
  const stranger = podObject('stranger-', 'node-0', { bang: 'boom' }, undefined);
  const elsewhere = { ...podObject('elsewhere-', 'node-0', simpleDaemonSetLabel, ds), metadata: { ...(podObject('elsewhere-', 'node-0', simpleDaemonSetLabel, ds)['metadata'] as JsonObject), namespace: 'other' } };
  const all = decodePods([owned, released, orphan, otherDs, stranger, elsewhere]);
  const mine = daemonSetPods(decodeDs(ds), all);
  // A matching pod of another DaemonSet is listed too (ClaimPods then ignores it).
  assert.equal(mine.map((p) => p.name), names([owned, released, orphan, otherDs]));
  assert.equal(claimPods(decodeDs(ds), mine), claimPods(decodeDs(ds), all));
});

test('ClaimPods: an orphan with a deletionTimestamp is not adopted', () => {
  const orphan = podObject('orphan-', 'node-0', simpleDaemonSetLabel, undefined, { deleted: 1000 });
  assert.equal(claimPods(decodeDs(ds), decodePods([orphan])), { claimed: [], released: [], adopted: [] });
  // an owned pod being deleted is still claimed (claiming what it owns takes no action)
  const owned = podObject('owned-', 'node-0', simpleDaemonSetLabel, ds, { deleted: 1000 });
  assert.equal(claimPods(decodeDs(ds), decodePods([owned])).claimed.map((p) => p.name), names([owned]));
});

test('ClaimPods: a DaemonSet being deleted neither adopts nor releases, but keeps what it owns', () => {
  const deleting = dsObject({ name: 'foo', deletionTimestamp: unix(5000) });
  const owned = podObject('owned-', 'node-0', simpleDaemonSetLabel, ds);
  const ownedMismatch = podObject('mismatch-', 'node-0', simpleDaemonSetLabel2, ds);
  const orphan = podObject('orphan-', 'node-0', simpleDaemonSetLabel, undefined);
  const result = claimPods(decodeDs(deleting), decodePods([owned, ownedMismatch, orphan]));
  assert.equal(result, { claimed: result.claimed, released: [], adopted: [] });
  assert.equal(result.claimed.map((p) => p.name), names([owned]));
});

test('ClaimPods: only the DaemonSet namespace is considered', () => {
  const elsewhere = podObject('elsewhere-', 'node-0', simpleDaemonSetLabel, undefined, { namespace: 'kube-system' });
  assert.equal(claimPods(decodeDs(ds), decodePods([elsewhere])).claimed, []);
});

test('TestDealsWithExistingPods: creates 2, deletes 5, and the non-matching owned pods are released, not deleted', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ name: 'foo', strategy });
    const node4 = addPods('node-4', simpleDaemonSetLabel2, d, 2);
    const pods = [
      ...addPods('node-1', simpleDaemonSetLabel, d, 1),
      ...addPods('node-2', simpleDaemonSetLabel, d, 2),
      ...addPods('node-3', simpleDaemonSetLabel, d, 5),
      ...node4,
    ];
    const plan = sync(d, addNodes(0, 5), pods);
    expectCounts(plan, 2, 5, name);
    assert.equal([...plan.create].sort(), ['node-0', 'node-4'], name);
    assert.equal([...plan.released].sort(), names(node4).sort(), name);
    for (const released of names(node4)) assert.not.ok(plan.delete.includes(released), name);
  }
});

test('TestSelectorDaemonDealsWithExistingPods: creates 3, deletes 20', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ name: 'foo', strategy, spec: { nodeSelector: { color: 'blue', speed: 'fast' } } });
    const nodes = [...addNodes(0, 5), ...addNodes(5, 5, { color: 'blue', speed: 'fast' })];
    const pods = [
      ...addPods('node-0', simpleDaemonSetLabel, d, 1),
      ...addPods('node-1', simpleDaemonSetLabel, d, 3),
      ...addPods('node-1', simpleDaemonSetLabel2, d, 2),
      ...addPods('node-2', simpleDaemonSetLabel, d, 4),
      ...addPods('node-6', simpleDaemonSetLabel, d, 13),
      ...addPods('node-7', simpleDaemonSetLabel2, d, 4),
      ...addPods('node-9', simpleDaemonSetLabel, d, 1),
      ...addPods('node-9', simpleDaemonSetLabel2, d, 1),
    ];
    expectCounts(sync(d, nodes, pods), 3, 20, name);
  }
});

test('TestSelectorDaemonDeletesUnselectedPods: creates 5, deletes 4', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ name: 'foo', strategy, spec: { nodeSelector: { color: 'blue', speed: 'fast' } } });
    const nodes = [...addNodes(0, 5), ...addNodes(5, 5, { color: 'blue', speed: 'fast' })];
    const pods = [
      ...addPods('node-0', simpleDaemonSetLabel2, d, 2),
      ...addPods('node-1', simpleDaemonSetLabel, d, 3),
      ...addPods('node-1', simpleDaemonSetLabel2, d, 1),
      ...addPods('node-4', simpleDaemonSetLabel, d, 1),
    ];
    expectCounts(sync(d, nodes, pods), 5, 4, name);
  }
});

// ---------- GetTargetNodeName ----------

const pinned = (values: string[], operator = 'In'): JsonObject => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator, values }] }] } } },
});
const target = (nodeName: string, spec: JsonObject = {}) => targetNodeName(decodePods([podObject('pod-', nodeName, {}, undefined, { spec })])[0]!);

test('TestGetTargetNodeName: spec.nodeName', () => {
  assert.is(target('node-1'), 'node-1');
});

test('TestGetTargetNodeName: the single value of matchFields metadata.name In', () => {
  assert.is(target('', pinned(['node-1'])), 'node-1');
});

test('TestGetTargetNodeName: two values is an error (the pod is ignored)', () => {
  assert.is(target('', pinned(['node-1', 'node-2'])), undefined);
});

test('TestGetTargetNodeName: no nodeName and no affinity is an error', () => {
  assert.is(target(''), undefined);
});

test('GetTargetNodeName: nodeName wins over affinity; the first In field across terms decides; other shapes are skipped', () => {
  assert.is(target('node-a', pinned(['node-b'])), 'node-a');
  const terms = (nodeSelectorTerms: JsonObject[]): JsonObject => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } });
  assert.is(
    target('', terms([
      { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['host-x'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-z'] }, { key: 'metadata.name', operator: 'In', values: ['node-y'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-w'] }] },
    ])),
    'node-y',
  );
  assert.is(target('', pinned(['node-z'], 'NotIn')), undefined);
  assert.is(target('', terms([])), undefined);
});

// ---------- getNodesToDaemonPods ----------

test('TestGetNodesToDaemonPods: exclude deleted terminal pods', () => {
  const wanted = [
    podObject('matching-owned-0-', 'node-0', simpleDaemonSetLabel, ds),
    podObject('matching-orphan-0-', 'node-0', simpleDaemonSetLabel, undefined),
    podObject('matching-owned-1-', 'node-1', simpleDaemonSetLabel, ds),
    podObject('matching-orphan-1-', 'node-1', simpleDaemonSetLabel, undefined),
    podObject('matching-owned-succeeded-pod-0-', 'node-0', simpleDaemonSetLabel, ds, { phase: 'Succeeded' }),
    podObject('matching-owned-failed-pod-1-', 'node-1', simpleDaemonSetLabel, ds, { phase: 'Failed' }),
  ];
  const ignored = [
    podObject('non-matching-owned-0-', 'node-0', simpleDaemonSetLabel2, ds),
    podObject('non-matching-orphan-1-', 'node-1', simpleDaemonSetLabel2, undefined),
    podObject('matching-owned-by-other-0-', 'node-0', simpleDaemonSetLabel, ds2),
    podObject('matching-owned-succeeded-deleted-pod-0-', 'node-0', simpleDaemonSetLabel, ds, { phase: 'Succeeded', deleted: 100 }),
    podObject('matching-owned-failed-deleted-pod-1-', 'node-1', simpleDaemonSetLabel, ds, { phase: 'Failed', deleted: 100 }),
  ];
  const { claimed } = claimPods(decodeDs(ds), decodePods([...wanted, ...ignored]));
  const byNode = groupByNode(claimed);
  const got = new Set<string>();
  for (const [node, pods] of byNode) {
    for (const pod of pods) {
      assert.is(pod.nodeName, node, `${pod.name} grouped into ${node}`);
      got.add(pod.name);
    }
  }
  assert.equal([...got].sort(), names(wanted).sort());
});

test('getNodesToDaemonPods: terminating non-terminal pods are kept; unresolvable targets are dropped; affinity-pinned pods group by target', () => {
  const terminating = podObject('terminating-', 'node-0', simpleDaemonSetLabel, ds, { deleted: 100 });
  const pinnedPod = podObject('pinned-', '', simpleDaemonSetLabel, ds, { affinityNode: 'node-9' });
  const lost = podObject('lost-', '', simpleDaemonSetLabel, ds);
  const byNode = groupByNode(claimPods(decodeDs(ds), decodePods([terminating, pinnedPod, lost])).claimed);
  assert.equal([...byNode.keys()], ['node-0', 'node-9']);
  assert.equal(byNode.get('node-0')!.map((p) => p.name), names([terminating]));
  assert.equal(byNode.get('node-9')!.map((p) => p.name), names([pinnedPod]));
});

test.run();
