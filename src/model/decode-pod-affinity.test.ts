/**
 * Decoding of pod affinity, anti-affinity and topology spread constraints (k8s.io/api/core/v1
 * PodAffinityTerm, WeightedPodAffinityTerm, TopologySpreadConstraint), of the objects the
 * default spreading reads, and of the pods a workload creates.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodePodPlacement } from './decode-pod.js';
import { decodeSchedulingObject } from './decode-scheduling-objects.js';
import { Decoder, type JsonObject } from './decode.js';
import { toWorkload } from './workload.js';
import { workloadPod } from './workload-pod.js';

function decode(spec: JsonObject): { pod: ReturnType<typeof decodePodPlacement>; errors: Decoder['errors'] } {
  const d = new Decoder();
  const pod = decodePodPlacement(d, spec, 'spec.');
  return { pod, errors: d.errors };
}

const term = {
  labelSelector: { matchLabels: { app: 'web' } },
  namespaces: ['a'],
  namespaceSelector: {},
  topologyKey: 'topology.kubernetes.io/zone',
  matchLabelKeys: ['pod-template-hash'],
  mismatchLabelKeys: ['tenant'],
};

test('PodAffinityTerm: every field decoded; {} namespaceSelector kept apart from an absent one', () => {
  const { pod, errors } = decode({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term, { topologyKey: 'h' }] } } });
  assert.equal(errors, []);
  const [first, second] = pod.podAffinity?.required ?? [];
  assert.equal(first?.labelSelector?.matchLabels, new Map([['app', 'web']]));
  assert.equal(first?.namespaceSelector, { isEmptyObject: true });
  assert.equal([first?.namespaces, first?.topologyKey, first?.matchLabelKeys, first?.mismatchLabelKeys], [['a'], 'topology.kubernetes.io/zone', ['pod-template-hash'], ['tenant']]);
  assert.equal(second, { labelSelector: undefined, namespaces: [], namespaceSelector: undefined, topologyKey: 'h', matchLabelKeys: [], mismatchLabelKeys: [] });
  assert.equal(pod.podAffinity?.preferred, []);
  assert.is(pod.podAntiAffinity, undefined);
});

test('WeightedPodAffinityTerm: weight and podAffinityTerm of preferred anti-affinity', () => {
  const { pod, errors } = decode({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } } });
  assert.equal(errors, []);
  assert.is(pod.podAntiAffinity?.preferred[0]?.weight, 100);
  assert.is(pod.podAntiAffinity?.preferred[0]?.podAffinityTerm.topologyKey, 'topology.kubernetes.io/zone');
});

test('TopologySpreadConstraint: optional pointers stay absent; an explicit "" policy is kept for validation', () => {
  const { pod, errors } = decode({
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] },
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 3, nodeAffinityPolicy: 'Ignore', nodeTaintsPolicy: '' },
    ],
  });
  assert.equal(errors, []);
  const [a, b] = pod.topologySpreadConstraints ?? [];
  assert.equal(Object.keys(a ?? {}).sort(), ['labelSelector', 'matchLabelKeys', 'maxSkew', 'topologyKey', 'whenUnsatisfiable']);
  assert.equal([b?.minDomains, b?.nodeAffinityPolicy, b?.nodeTaintsPolicy, b?.labelSelector], [3, 'Ignore', '', undefined]);
});

test('pod-to-pod fields: absent stays absent, so existing pods decode as before', () => {
  const { pod } = decode({ affinity: { nodeAffinity: {} } });
  assert.equal(['podAffinity', 'podAntiAffinity', 'topologySpreadConstraints'].filter((k) => k in pod), []);
  assert.equal(decode({ topologySpreadConstraints: [] }).pod.topologySpreadConstraints, []);
});

test('wrong types are decode errors with field paths; int32 fields reject larger numbers', () => {
  const { errors } = decode({
    affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 5, namespaces: 'x' }] } },
    topologySpreadConstraints: [{ maxSkew: 2 ** 31, minDomains: 1.5, labelSelector: [] }],
  });
  assert.equal(
    errors.map((e) => e.path),
    [
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces',
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey',
      'spec.topologySpreadConstraints[0].minDomains',
      'spec.topologySpreadConstraints[0].maxSkew',
      'spec.topologySpreadConstraints[0].labelSelector',
    ],
  );
  assert.is(errors[3]?.detail, 'must be a whole number from -2147483648 to 2147483647 (Go int32)');
});

test('scheduling objects: Namespace labels; Service map selector (absent stays absent); RC selector defaults to template labels', () => {
  const ns = decodeSchedulingObject({ kind: 'Namespace', metadata: { name: 'team-a', labels: { team: 'a' } } });
  assert.equal(ns, { ok: true, object: { kind: 'Namespace', namespace: { name: 'team-a', labels: new Map([['team', 'a']]) } } });
  const svc = decodeSchedulingObject({ kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: {} });
  assert.equal(svc, { ok: true, object: { kind: 'selecting', selecting: { kind: 'Service', name: 's', namespace: 'x', selectorMap: undefined } } });
  const rc = decodeSchedulingObject({ kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template: { metadata: { labels: { app: 'a' } } } } });
  assert.ok(rc.ok && rc.object.kind === 'selecting' && rc.object.selecting.kind === 'ReplicationController');
  assert.equal(rc.ok && rc.object.kind === 'selecting' && 'selectorMap' in rc.object.selecting ? rc.object.selecting.selectorMap : null, new Map([['app', 'a']]));
  const bad = decodeSchedulingObject({ kind: 'ConfigMap' });
  assert.equal(bad.ok ? [] : bad.errors.map((e) => e.path), ['kind']);
});

test('workloadPod: template labels and namespace; a Deployment stands for its ReplicaSet without pod-template-hash', () => {
  const deploy = toWorkload({
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { owner: 'x' } },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: {} } },
  });
  const pod = workloadPod(deploy);
  assert.equal(pod.labels, new Map([['app', 'web'], ['tier', 'front']]));
  assert.is(pod.namespace, 'shop');
  assert.ok(pod.controller && 'object' in pod.controller && pod.controller.unknownRequirement === 'pod-template-hash');
  assert.equal(pod.controllerAddedLabels, ['pod-template-hash']);
  const bare = toWorkload({ kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', controller: true }] }, spec: {} });
  assert.equal(workloadPod(bare), { namespace: 'default', labels: new Map([['a', 'b']]), controller: { ref: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' } }, controllerAddedLabels: [] });
  const cron = toWorkload({ kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { job: 'x' } }, spec: {} } } } } });
  assert.equal(workloadPod(cron).labels, new Map([['job', 'x']]));
  assert.is(workloadPod(cron).controller, undefined);
});

test.run();
