/**
 * The pod the DaemonSet controller judges and creates: the template plus the tolerations it adds
 * to every daemon pod (pkg/controller/daemon/util `AddOrUpdateDaemonPodTolerations`), merged with
 * `AddOrUpdateTolerationInPodSpec` semantics.
 */
import type { PodPlacement, Toleration } from '../../model/types.js';

/** The implicit tolerations, in upstream order; none has tolerationSeconds. */
export function implicitDaemonTolerations(hostNetwork: boolean): Toleration[] {
  const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', value: '', effect });
  const out = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  // Only hostNetwork pods can run before the node's network is up.
  if (hostNetwork) out.push(exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  return out;
}

/** `MatchToleration`: same key, operator, value and effect (tolerationSeconds not compared). */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return a.key === b.key && a.operator === b.operator && a.value === b.value && a.effect === b.effect;
}

/**
 * `AddOrUpdateTolerationInPodSpec`: an identical toleration leaves the list alone; one that matches
 * but differs (e.g. has tolerationSeconds) is replaced in place; otherwise it is appended.
 */
export function addOrUpdateToleration(list: readonly Toleration[], toleration: Toleration): Toleration[] {
  let updated = false;
  const out: Toleration[] = [];
  for (const existing of list) {
    if (!sameToleration(existing, toleration)) {
      out.push(existing);
      continue;
    }
    if (existing.tolerationSeconds === toleration.tolerationSeconds) return [...list];
    out.push(toleration);
    updated = true;
  }
  if (!updated) out.push(toleration);
  return out;
}

/** The template with the implicit tolerations: what `NodeShouldRunDaemonPod` and created pods carry. */
export function daemonPodPlacement(template: PodPlacement): PodPlacement {
  let tolerations: Toleration[] = [...template.tolerations];
  for (const t of implicitDaemonTolerations(template.hostNetwork)) tolerations = addOrUpdateToleration(tolerations, t);
  return { ...template, tolerations };
}
