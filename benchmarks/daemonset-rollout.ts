/**
 * The rollout forecast benchmark: a node agent with an old pod on every node it runs on, rolled
 * out with maxUnavailable 10% (ten rounds) and with maxUnavailable 1 (two syncs per node, the
 * default strategy's worst case) on clusters up to 1,000 nodes. Reported: the whole forecast and
 * the cost of one sync.
 */
import type { Engine } from '../src/api/engine.js';
import { decodeDaemonSet, decodePodObject } from '../src/model/decode-daemonset.js';
import type { DaemonSet, PodObject } from '../src/model/daemonset-types.js';
import { timeOnceMs } from './harness.js';

function agent(maxUnavailable: number | string): DaemonSet {
  const { daemonset } = decodeDaemonSet({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'agent-uid' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:2' }], tolerations: [{ operator: 'Exists' }] } },
    },
  });
  if (!daemonset) throw new Error('benchmark DaemonSet does not decode');
  return daemonset;
}

/** An old, Ready pod of the agent on each node (as `kubectl get pods -o json` would list them). */
function oldPods(nodes: readonly string[]): PodObject[] {
  return nodes.map((node, i) => {
    const { pod } = decodePodObject({
      kind: 'Pod',
      metadata: { name: `agent-${i}`, namespace: 'kube-system', creationTimestamp: '2025-12-01T00:00:00Z', labels: { app: 'agent', 'controller-revision-hash': 'old' }, ownerReferences: [{ kind: 'DaemonSet', name: 'agent', uid: 'agent-uid', controller: true }] },
      spec: { nodeName: node, containers: [{ name: 'agent', image: 'agent:1' }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-12-01T00:01:00Z' }] },
    });
    return pod!;
  });
}

/** Forecast figures for one cluster (`slow`: also the maxUnavailable-1 rollout, thousands of syncs). */
export function measureRollout(engine: Engine, slow: boolean): Record<string, number> {
  const now = Date.UTC(2026, 0, 1);
  const pods = oldPods(engine.nodes.map((n) => n.name));
  const run = (ds: DaemonSet) => {
    let syncs = 0;
    const ms = timeOnceMs(() => (syncs = engine.daemonsetRollout(ds, pods, { revisionHash: 'new', now }).syncs));
    return { ms, syncs };
  };
  // The first forecasts run cold (JIT): warm up, then take the median of five.
  for (let i = 0; i < 3; i++) run(agent('10%'));
  const runs = Array.from({ length: 5 }, () => run(agent('10%'))).sort((a, b) => a.ms - b.ms);
  const tenth = runs[2]!;
  const out: Record<string, number> = {
    rolloutTenPercentMs: Number(tenth.ms.toFixed(1)),
    rolloutTenPercentSyncs: tenth.syncs,
    rolloutSyncMs: Number((tenth.ms / tenth.syncs).toFixed(3)),
  };
  if (slow) {
    const one = run(agent(1));
    out['rolloutOneAtATimeMs'] = Math.round(one.ms);
    out['rolloutOneAtATimeSyncs'] = one.syncs;
  }
  return out;
}
