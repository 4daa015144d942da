/**
 * The engine keeps the pod-to-pod indexes in step with its pods, nodes and objects, as
 * kube-scheduler's snapshot follows its cache (pkg/scheduler/backend/cache/cache.go `AddPod`,
 * `UpdatePod`, `RemovePod`, `RemoveNode`: a node's pods stay cached and count again when it returns).
 * Every answer of the indexes after a change equals the one of indexes built from scratch.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodePodObject } from '../model/decode-daemonset.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node } from '../model/types.js';
import { buildNodeIndex } from '../node-index/node-index.js';
import { PodLabelIndex } from '../node-index/pod-label-index.js';
import { filterPodToPod } from '../eval/pod-to-pod-indexed.js';
import type { PodToPodIndexes } from '../eval/pod-to-pod-context.js';
import { makeNode, makePod, namespace, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { createEngine, type Engine } from './engine.js';

function podObject(builder: PodBuilder): PodObject {
  const { pod, errors } = decodePodObject(builder.json());
  if (!pod) throw new Error(JSON.stringify(errors));
  return pod;
}

const web = (name: string, node: string, ns = 'shop'): PodObject => podObject(makePod().name(name).namespace(ns).label('app', 'web').node(node));
const nodes = (): Node[] => [makeNode('a', { zone: 'z1' }), makeNode('b', { zone: 'z2' })];
/** The incoming pod: away from every app=web pod of its zone. */
const loner = makePod().name('new').namespace('shop').label('app', 'web').podAntiAffinityIn('app', 'zone', ['web'], 'required');

/** Per live node: `ok` or the rejecting filter. */
function answer(ix: PodToPodIndexes, pod: PodBuilder = loner): Record<string, string> {
  const result = filterPodToPod(pod.incoming(), ix);
  return Object.fromEntries(ix.nodes.liveNodes().map((n) => [n.name, result.rejectionOf(ix.nodes.idOf(n.name)!)?.filter ?? 'ok']));
}

/** The same question over indexes built from the engine's nodes and pods now. */
function rebuilt(engine: Engine, pods: readonly PodObject[]): PodToPodIndexes {
  const nodeIndex = buildNodeIndex(engine.nodes);
  return { ...engine.podToPodIndexes(), nodes: nodeIndex, pods: new PodLabelIndex(nodeIndex, pods) };
}

test('pods added, moved and removed, and nodes added and removed, reach the pod index in place', () => {
  let pods = [web('w1', 'a'), web('w2', 'c')];
  const engine = createEngine({ nodes: nodes(), pods });
  const check = (expected: Record<string, string>): void => {
    assert.equal(answer(engine.podToPodIndexes()), expected);
    assert.equal(answer(rebuilt(engine, pods)), expected);
  };
  check({ a: 'InterPodAffinity', b: 'ok' });
  pods = [web('w1', 'b'), web('w2', 'c')];
  engine.upsertPod(pods[0]!);
  check({ a: 'ok', b: 'InterPodAffinity' });
  engine.upsertNode(makeNode('c', { zone: 'z1' }));
  check({ a: 'InterPodAffinity', b: 'InterPodAffinity', c: 'InterPodAffinity' });
  engine.removeNode('c');
  check({ a: 'ok', b: 'InterPodAffinity' });
  engine.removePod('shop', 'w1');
  pods = [web('w2', 'c')];
  check({ a: 'ok', b: 'ok' });
  engine.upsertNode(makeNode('c', { zone: 'z2' }));
  check({ a: 'ok', b: 'InterPodAffinity', c: 'InterPodAffinity' });
  pods = [web('w3', 'a')];
  engine.setPods(pods);
  check({ a: 'InterPodAffinity', b: 'ok', c: 'ok' });
});

test('a finished pod stops counting; the pod index holds pods of every namespace', () => {
  const engine = createEngine({ nodes: nodes(), pods: [web('w1', 'a', 'other')] });
  assert.equal(engine.podToPodIndexes().pods.podsOnNode('a').map((p) => p.name), ['w1']);
  assert.equal(answer(engine.podToPodIndexes()), { a: 'ok', b: 'ok' }, 'the term counts its own namespace only');
  engine.upsertPod(podObject(makePod().name('w2').namespace('shop').label('app', 'web').node('b')));
  assert.equal(answer(engine.podToPodIndexes()), { a: 'ok', b: 'InterPodAffinity' });
  const finished = { ...podObject(makePod().name('w2').namespace('shop').label('app', 'web').node('b')), phase: 'Succeeded' };
  engine.upsertPod(finished);
  assert.equal(answer(engine.podToPodIndexes()), { a: 'ok', b: 'ok' });
});

test('objects: a namespaceSelector is evaluated once Namespaces are given, through the option or setObjects', () => {
  const pods = [web('w1', 'a', 'team-b')];
  const pod = makePod().name('new').namespace('shop').term(true, 'required', { labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { team: 'b' } }, topologyKey: 'zone' });
  const engine = createEngine({ nodes: nodes(), pods });
  assert.equal(engine.objects, {});
  const field = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector';
  assert.equal(filterPodToPod(pod.incoming(), engine.podToPodIndexes()).notEvaluated.map((n) => n.field), [field]);
  const before = engine.generation;
  const given = [namespace('shop'), namespace('team-b', { team: 'b' })];
  engine.setObjects({ namespaces: given });
  assert.ok(engine.generation > before);
  assert.equal(filterPodToPod(pod.incoming(), engine.podToPodIndexes()).notEvaluated, []);
  assert.equal(answer(engine.podToPodIndexes(), pod), { a: 'InterPodAffinity', b: 'ok' });
  given.pop();
  assert.is(engine.objects.namespaces?.length, 2, 'the engine keeps a copy, not the caller\'s list');
  assert.ok(Object.isFrozen(engine.objects.namespaces));
  const fromOption = createEngine({ nodes: nodes(), pods, objects: { namespaces: [namespace('team-b', { team: 'b' })], selectingObjects: [] } });
  assert.equal(answer(fromOption.podToPodIndexes(), pod), { a: 'InterPodAffinity', b: 'ok' });
  assert.equal(fromOption.podToPodIndexes().objects.selectingObjects, []);
});

test.run();
