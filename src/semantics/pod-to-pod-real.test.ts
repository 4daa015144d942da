/**
 * The pod-to-pod plugins on real manifests (src/testdata/real, see SOURCES.md): the GKE
 * PostgreSQL HA preparation Deployment, whose replicas keep one per zone with a required pod
 * anti-affinity on `topology.kubernetes.io/zone`, placed on the real node dumps with one replica
 * already running — as kube-scheduler v1.35's InterPodAffinity and PodTopologySpread see it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeNode } from '../model/decode-node.js';
import { Decoder } from '../model/decode.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { parseDocuments } from '../model/parse-documents.js';
import type { Node } from '../model/types.js';
import { validatePodToPod } from '../model/validate-pod-affinity.js';
import { toWorkload } from '../model/workload.js';
import { workloadPod } from '../model/workload-pod.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { makePod } from '../testing/pod-to-pod-fixtures.js';
import { describePodAffinityFailure } from './inter-pod-affinity-explain.js';
import { filterPodAffinity, preparePodAffinity, reasonPodAntiAffinityRules } from './inter-pod-affinity-filter.js';
import { incomingPodFromWorkload, type PodToPodCluster } from './pod-to-pod-inputs.js';
import { filterTopologySpread, prepareTopologySpread } from './topology-spread-filter.js';
import { scoreTopologySpread } from './topology-spread-score.js';

function realNode(file: string): Node {
  const [source] = parseDocuments(readFileSync(join(realFixturesDir, 'nodes', file), 'utf8'), file);
  const d = new Decoder();
  const node = decodeNode(d, source?.object ?? {});
  assert.equal(d.errors, []);
  return node;
}

const deployment = toWorkload(parseDocuments(readFileSync(join(realFixturesDir, 'workloads', 'gke-postgres-prepare-ha-deployment.yaml'), 'utf8'), 'gke-postgres')[0]?.object ?? {});
const nodes = ['openshift-gcp-master.json', 'openshift-gcp-worker.json', 'aks-agentpool.json', 'minikube.json'].map(realNode);
const worker = nodes[1] as Node;
const replica = makePod().name('prepare-three-zone-ha-7d9f-x1').namespace('default').labels({ app: 'prepare-three-zone-ha', 'app.kubernetes.io/name': 'postgresql-ha', 'pod-template-hash': '7d9f' }).node(worker.name);
const withReplica: PodToPodCluster = { nodes, pods: [replica.existing()], gates: defaultFeatureGates };

test('real Deployment: its pod-to-pod fields decode and pass API validation as the created pod', () => {
  const rules = deployment.pod.podAntiAffinity?.required ?? [];
  assert.equal(rules.map((t) => t.topologyKey), ['topology.kubernetes.io/zone']);
  assert.equal(validatePodToPod(deployment.pod, workloadPod(deployment).labels, deployment.specPath), []);
});

test('InterPodAffinity on real nodes: the zone us-east1-b already runs a replica, so both OpenShift nodes fail; AKS zone "0" and the zoneless minikube pass', () => {
  const state = preparePodAffinity(incomingPodFromWorkload(deployment), withReplica);
  assert.equal(state.notEvaluated, []);
  const reasons = nodes.map((node) => filterPodAffinity(state, node)?.reason);
  assert.equal(reasons, [reasonPodAntiAffinityRules, reasonPodAntiAffinityRules, undefined, undefined]);
  const failure = filterPodAffinity(state, worker);
  assert.ok(failure);
  assert.equal(describePodAffinityFailure(state, failure), [
    "topology.kubernetes.io/zone=us-east1-b already runs pod(s) matching the pod's required anti-affinity: default/prepare-three-zone-ha-7d9f-x1; required pod anti-affinity term 0 (app in (prepare-three-zone-ha) in namespace default, topologyKey topology.kubernetes.io/zone)",
  ]);
});

test('PodTopologySpread on real nodes: no constraint of its own, so the filter skips; scoring needs the Services for the system defaults', () => {
  const pod = incomingPodFromWorkload(deployment);
  assert.ok(prepareTopologySpread(pod, withReplica).skip);
  assert.is(filterTopologySpread(prepareTopologySpread(pod, withReplica), worker), undefined);
  const withoutObjects = scoreTopologySpread(pod, withReplica, nodes);
  // The Deployment stands for its ReplicaSet, so the defaults apply with its selector; what is unknown is said.
  assert.is(withoutObjects.status, 'scored');
  assert.equal(withoutObjects.defaultsCaveats, [
    'Services were not supplied: their selectors are not part of the default spreading selector',
    "the pods' ReplicaSet also selects pod-template-hash=<value set per revision>, which a template cannot show; spreading counts pods of every revision",
  ]);
  const scored = withoutObjects.status === 'scored' ? nodes.map((n) => withoutObjects.normalized.get(n.name)) : [];
  // Scored as if all four passed the filters. Zone counts honor the pod's nodeSelector
  // (app.stateful/component=postgresql), which no real node carries, so every zone counts 0;
  // the hostname count is the node's own pods, without inclusion policies, so the worker counts
  // its replica. Raw: master 2+4=6, worker 1·ln 6+2+4 ≈ 7.8, rounded 8, AKS 6, zoneless minikube 2.
  assert.equal(scored, [50, 25, 50, 100]);
});

test.run();
