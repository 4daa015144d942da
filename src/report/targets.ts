/** What the report says about a workload before asking the engine: its identity, and which pod is judged. */
import { isDaemonSetTarget, type ImpactTarget } from '../api/impact.js';
import { daemonPodPlacement } from '../controllers/daemonset/daemon-pod.js';
import type { Workload } from '../model/types.js';
import type { DecidedBy } from './report-data.js';

/** A target's row identity: `Kind/namespace/name` and who places its pods. */
export function targetIdentity(target: ImpactTarget): { id: string; kind: string; namespace: string; name: string; decidedBy: DecidedBy } {
  const w = isDaemonSetTarget(target) ? target.workload : target;
  const kind = isDaemonSetTarget(target) ? 'DaemonSet' : w.kind;
  return { id: `${kind}/${w.namespace}/${w.name}`, kind, namespace: w.namespace, name: w.name, decidedBy: isDaemonSetTarget(target) ? 'DaemonSet controller' : 'kube-scheduler' };
}

/**
 * The workload whose pod the scheduler judges: for a DaemonSet, the daemon pod (the template with
 * the tolerations the controller adds), so explanations and `why` speak of the pod it creates.
 */
export function judgedWorkload(target: ImpactTarget): Workload {
  if (!isDaemonSetTarget(target)) return target;
  return { ...target.workload, pod: daemonPodPlacement(target.workload.pod) };
}
