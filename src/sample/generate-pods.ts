/**
 * The pods already running in the sample cluster, as `kubectl get pods -A -o json` lists them,
 * derived from the real pods of src/testdata/real/pods/cluster-pods.json (their containers'
 * requests and host ports, see SOURCES.md there): kube-prometheus' node-exporter (112m/200Mi, host
 * port 9100) on most Linux nodes, and Istio's bookinfo productpage replicas (100m/128Mi with the
 * sidecar) filling a few nodes to their cpu or pod limit. The scenario around them is made up, so
 * that the sample shows what running pods do to placement: on 1% of the nodes an earlier install's
 * node-exporter (namespace `monitoring-legacy`) still holds port 9100, and about 5% of the nodes
 * are full. Deterministic: the same nodes give the same pods.
 */
import { allocatableResource } from '../semantics/resources/resource.js';
import type { Node } from '../model/types.js';

type PodJson = Record<string, unknown>;

/** kube-prometheus' node-exporter pod (cluster-pods.json `node-exporter-*`), owned by the sample's DaemonSet. */
const exporterLabels = {
  'app.kubernetes.io/component': 'exporter',
  'app.kubernetes.io/name': 'node-exporter',
  'app.kubernetes.io/part-of': 'kube-prometheus',
  'app.kubernetes.io/version': '1.12.1',
};
const exporterContainers = [
  { name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.12.1', resources: { limits: { cpu: '250m', memory: '180Mi' }, requests: { cpu: '102m', memory: '180Mi' } } },
  {
    name: 'kube-rbac-proxy',
    image: 'quay.io/brancz/kube-rbac-proxy:v0.22.1',
    ports: [{ containerPort: 9100, hostPort: 9100, name: 'https', protocol: 'TCP' }],
    resources: { limits: { cpu: '20m', memory: '40Mi' }, requests: { cpu: '10m', memory: '20Mi' } },
  },
];

/** Istio bookinfo's productpage with the sidecar injected (cluster-pods.json `productpage-v1-*`): asks max(init, regular) = 100m/128Mi. */
const sidecar = { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } };
const productpageSpec = {
  initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.27.1', resources: sidecar }],
  containers: [
    { name: 'productpage', image: 'docker.io/istio/examples-bookinfo-productpage-v1:1.20.3', ports: [{ containerPort: 9080, protocol: 'TCP' }], resources: {} },
    { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.27.1', resources: sidecar },
  ],
};
const productpageMilliCPU = 100;

const started = '2026-01-10T08:00:00Z';
const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: started }] };

function pod(namespace: string, name: string, nodeName: string, labels: Record<string, string>, owner: { kind: string; name: string }, spec: PodJson): PodJson {
  const ownerReferences = [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: `${namespace}-${owner.name}`, controller: true }];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels, ownerReferences, creationTimestamp: started }, spec: { ...spec, nodeName }, status: running };
}

/** A well-mixed number per node index and salt, so the choices below do not follow the node order. */
const mix = (i: number, salt: number): number => (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;

/** The sample cluster's running pods, for `nodes` as generateCluster makes them. */
export function generateClusterPods(nodes: readonly Node[]): PodJson[] {
  const out: PodJson[] = [];
  nodes.forEach((node, i) => {
    const linux = node.labels.get('kubernetes.io/os') === 'linux';
    const roll = mix(i, 1) % 100;
    if (linux && roll === 0) {
      const labels = { app: 'node-exporter-legacy' };
      out.push(pod('monitoring-legacy', `node-exporter-legacy-${i}`, node.name, labels, { kind: 'DaemonSet', name: 'node-exporter-legacy' }, { containers: exporterContainers, hostNetwork: true }));
    } else if (linux && roll > 2) {
      out.push(pod('monitoring', `node-exporter-${i}`, node.name, exporterLabels, { kind: 'DaemonSet', name: 'node-exporter' }, { containers: exporterContainers, hostNetwork: true }));
    }
    if (mix(i, 2) % 100 >= 5) return;
    // A full node: productpage replicas up to its cpu or its pod count, whichever comes first.
    const allocatable = allocatableResource(node.allocatable);
    const replicas = Math.max(0, Math.min(allocatable.allowedPodNumber - 2, Math.floor((allocatable.milliCPU - 150) / productpageMilliCPU)));
    const labels = { app: 'productpage', version: 'v1' };
    for (let r = 0; r < replicas; r++) out.push(pod('bookinfo', `productpage-v1-${i}-${r}`, node.name, labels, { kind: 'ReplicaSet', name: 'productpage-v1' }, productpageSpec));
  });
  return out;
}
