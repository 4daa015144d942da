import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { daemonPlanEvaluates, listNotEvaluated, pipelineEvaluates, summarizeNotEvaluated, type EvaluatedPlugins, type NotEvaluatedContext } from './not-evaluated.js';

// Upstream: the default profile's plugins (pkg/scheduler/apis/config/v1/default_plugins.go, with
// DynamicResources added while the DynamicResourceAllocation gate is on, as it is by default since
// v1.34) beyond the four label filters placement evaluates.

const pipeline: NotEvaluatedContext = { evaluates: pipelineEvaluates, runningPodsGiven: false };
const all: EvaluatedPlugins = { NodePorts: true, NodeResourcesFit: true, InterPodAffinity: true, PodTopologySpread: true };

function workload(object: JsonObject): Workload {
  const decoded = decodeWorkload(object);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.workload;
}

const pod = (spec: JsonObject): Workload => workload({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } });
const deployment = (spec: JsonObject): Workload =>
  workload({ kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }], ...spec } } } });
const fields = (w: Workload, context = pipeline): string[] => listNotEvaluated(w, context).map((n) => n.field);

test('a pod with only label constraints: nothing is left out', () => {
  assert.equal(listNotEvaluated(pod({ nodeSelector: { a: 'b' }, tolerations: [{ operator: 'Exists' }] }), pipeline), []);
});

test('persistentVolumeClaim: VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits (volumebinding, volumezone, volumerestrictions, nodevolumelimits)', () => {
  const w = deployment({ volumes: [{ name: 'cfg', configMap: { name: 'x' } }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
  const [only, ...rest] = listNotEvaluated(w, pipeline);
  assert.equal(rest, []);
  assert.is(only?.field, 'spec.template.spec.volumes[1].persistentVolumeClaim');
  for (const plugin of ['VolumeBinding', 'VolumeZone', 'VolumeRestrictions', 'NodeVolumeLimits']) assert.ok(only?.what.includes(plugin), plugin);
  assert.is(only?.summary, 'PVC volume binding');
});

test('ephemeral volumes create a claim: VolumeBinding, VolumeZone, NodeVolumeLimits; VolumeRestrictions reads persistentVolumeClaim volumes only', () => {
  const [only] = listNotEvaluated(pod({ volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] }), pipeline);
  assert.is(only?.field, 'spec.volumes[0].ephemeral');
  assert.ok(only?.what.includes('VolumeBinding') && only.what.includes('NodeVolumeLimits'));
  assert.not.ok(only?.what.includes('VolumeRestrictions'));
});

test('inline CSI counts against NodeVolumeLimits; inline disks conflict in VolumeRestrictions (isVolumeConflict)', () => {
  const w = pod({
    volumes: [
      { name: 'a', csi: { driver: 'secrets-store.csi.k8s.io' } },
      { name: 'b', gcePersistentDisk: { pdName: 'disk' } },
      { name: 'c', awsElasticBlockStore: { volumeID: 'vol' } },
      { name: 'd', rbd: { image: 'i', monitors: ['m'] } },
      { name: 'e', iscsi: { iqn: 'q', lun: 0, targetPortal: 't' } },
      { name: 'f', emptyDir: {} },
      { name: 'g', hostPath: { path: '/x' } },
    ],
  });
  const list = listNotEvaluated(w, pipeline);
  assert.equal(list.map((n) => n.field), ['spec.volumes[0].csi', 'spec.volumes[1].gcePersistentDisk', 'spec.volumes[2].awsElasticBlockStore', 'spec.volumes[3].rbd', 'spec.volumes[4].iscsi']);
  assert.ok(list[0]?.what.includes('NodeVolumeLimits'));
  for (const n of list.slice(1)) assert.ok(n.what.includes('VolumeRestrictions'), n.field);
});

test('a StatefulSet\'s volumeClaimTemplates: a claim per pod, checked as persistentVolumeClaim volumes', () => {
  const w = workload({
    kind: 'StatefulSet',
    metadata: { name: 's' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] },
  });
  const [only, ...rest] = listNotEvaluated(w, pipeline);
  assert.equal(rest, []);
  assert.is(only?.field, 'spec.volumeClaimTemplates[0]');
  assert.ok(only?.what.includes('(VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits)'));
  assert.equal(fields(deployment({})), [], 'other kinds have none');
});

test('resourceClaims: DynamicResources, one entry per claim', () => {
  const list = listNotEvaluated(pod({ resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 't' }, { name: 'nic', resourceClaimName: 'n' }] }), pipeline);
  assert.equal(list.map((n) => n.field), ['spec.resourceClaims[0]', 'spec.resourceClaims[1]']);
  assert.ok(list.every((n) => n.what.includes('(DynamicResources)')));
});

test('schedulingGates: the pod is not scheduled until they are removed (SchedulingGates PreEnqueue)', () => {
  const [only] = listNotEvaluated(pod({ schedulingGates: [{ name: 'example.com/quota' }] }), pipeline);
  assert.is(only?.field, 'spec.schedulingGates');
  assert.ok(only?.what.includes('(SchedulingGates)'));
  assert.equal(fields(pod({ schedulingGates: [] })), [], 'an empty list gates nothing');
});

test('schedulerName: another scheduler places the pod; empty and default-scheduler are kube-scheduler', () => {
  assert.equal(fields(pod({ schedulerName: 'volcano' })), ['spec.schedulerName']);
  assert.ok(listNotEvaluated(pod({ schedulerName: 'volcano' }), pipeline)[0]?.what.includes('"volcano"'));
  assert.equal(fields(pod({ schedulerName: 'default-scheduler' })), []);
  assert.equal(fields(pod({ schedulerName: '' })), []);
});

test('nodeName: the pod bypasses the scheduler; the kubelet admits it (pkg/kubelet/lifecycle/predicate.go generalFilter)', () => {
  const [only] = listNotEvaluated(pod({ nodeName: 'n1' }), pipeline);
  assert.is(only?.field, 'spec.nodeName');
  assert.ok(only?.what.includes('NoExecute'));
});

test('pod affinity and anti-affinity: every required and preferred term, until InterPodAffinity is evaluated', () => {
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
  const w = deployment({
    affinity: {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term }] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term, term] },
    },
  });
  const at = 'spec.template.spec.affinity.';
  assert.equal(fields(w), [
    `${at}podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]`,
    `${at}podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]`,
    `${at}podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[1]`,
  ]);
  assert.ok(listNotEvaluated(w, pipeline).every((n) => n.what.endsWith('(InterPodAffinity)')));
  const filterOnly = fields(w, { evaluates: { ...pipelineEvaluates, InterPodAffinity: true }, runningPodsGiven: true });
  assert.equal(filterOnly, [`${at}podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]`], 'the filter removes the required terms; preferred ones wait for the score');
  assert.equal(fields(w, { evaluates: { ...pipelineEvaluates, InterPodAffinity: true, InterPodAffinityScore: true }, runningPodsGiven: true }), [], 'filter and score remove them all');
});

test('topologySpreadConstraints: each constraint, ScheduleAnyway as scoring only, until PodTopologySpread is evaluated', () => {
  const w = pod({
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'a' } } },
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'a' } } },
    ],
  });
  const list = listNotEvaluated(w, pipeline);
  assert.equal(list.map((n) => n.field), ['spec.topologySpreadConstraints[0]', 'spec.topologySpreadConstraints[1]']);
  assert.ok(list.every((n) => n.what.endsWith('(PodTopologySpread)')));
  assert.not.ok(list[0]?.what.includes('scoring only'));
  assert.ok(list[1]?.what.includes('scoring only'));
  assert.equal(fields(w, { evaluates: { ...pipelineEvaluates, PodTopologySpread: true }, runningPodsGiven: true }), ['spec.topologySpreadConstraints[1]'], 'the filter evaluates DoNotSchedule');
  assert.equal(fields(w, { evaluates: { ...pipelineEvaluates, PodTopologySpread: true, PodTopologySpreadScore: true }, runningPodsGiven: true }), []);
});

test('the system default spread constraints only score: a pod without constraints of its own lists none', () => {
  assert.equal(fields(deployment({ affinity: { nodeAffinity: {} } })), []);
});

test('requests and host ports: not evaluated while NodeResourcesFit and NodePorts are not; only when the pod asks for them', () => {
  const w = pod({
    containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '100m' } }, ports: [{ containerPort: 80 }, { containerPort: 9100, hostPort: 9100 }] }],
    initContainers: [{ name: 'sidecar', image: 'i', restartPolicy: 'Always', ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }] }],
  });
  const list = listNotEvaluated(w, pipeline);
  assert.equal(list.map((n) => n.field), ['spec.containers[*].resources.requests', 'spec.initContainers[0].ports[0].hostPort', 'spec.containers[0].ports[1].hostPort']);
  assert.ok(list[0]?.what.includes('(NodeResourcesFit)'));
  assert.ok(list[1]?.what.includes('(NodePorts)'));
  assert.equal(fields(pod({})), [], 'no requests, no host ports');
});

test('hostNetwork binds every container port on the host (API defaulting hostPort = containerPort)', () => {
  assert.equal(fields(pod({ hostNetwork: true, containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 9100 }] }] })), ['spec.containers[0].ports[0].hostPort']);
});

test('evaluated without the running pods: requests and host ports are judged against empty nodes', () => {
  const w = pod({ containers: [{ name: 'c', image: 'i', resources: { requests: { memory: '1Gi' } }, ports: [{ containerPort: 80, hostPort: 80 }] }], overhead: { cpu: '10m' } });
  const evaluates = { ...pipelineEvaluates, NodeResourcesFit: true, NodePorts: true };
  const list = listNotEvaluated(w, { evaluates, runningPodsGiven: false });
  assert.equal(list.map((n) => n.field), ['spec.containers[*].resources.requests', 'spec.overhead', 'spec.containers[0].ports[0].hostPort']);
  assert.ok(list.every((n) => n.what.endsWith('evaluated against empty nodes: running pods not given (--pods)')));
  assert.equal(listNotEvaluated(w, { evaluates, runningPodsGiven: true }), []);
  assert.equal(listNotEvaluated(w, { evaluates, runningPodsGiven: undefined }), [], 'lint looks at no node');
});

test('a DaemonSet plan evaluates none of the scheduler-side plugins: the controller creates the pods regardless', () => {
  assert.equal(daemonPlanEvaluates, { NodePorts: false, NodeResourcesFit: false, InterPodAffinity: false, PodTopologySpread: false });
  const w = pod({ containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 9100, hostPort: 9100 }] }] });
  assert.equal(fields(w, { evaluates: daemonPlanEvaluates, runningPodsGiven: true }), ['spec.containers[0].ports[0].hostPort']);
  assert.equal(fields(w, { evaluates: all, runningPodsGiven: true }), []);
});

test('malformed volumes and claims, read without validation, are skipped rather than thrown on', () => {
  const w = pod({});
  const raw = { ...w.raw, spec: { volumes: [null, 'x', { name: 'v', persistentVolumeClaim: null }], resourceClaims: 'x', schedulingGates: {} } };
  assert.equal(listNotEvaluated({ ...w, raw }, pipeline), []);
});

test('summaries: distinct, in order', () => {
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
  const w = pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term, term] } }, volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'c' } }] });
  assert.is(summarizeNotEvaluated(listNotEvaluated(w, pipeline)), 'PVC volume binding, pod anti-affinity');
});

test.run();
