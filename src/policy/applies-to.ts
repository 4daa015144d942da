/**
 * Which workloads a policy applies to: `appliesTo` selectors over the workload's namespace, kind,
 * own labels and pod template labels. Any selector may match; within one, every criterion must.
 */
import { isObject, own } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import type { Policy, WorkloadSelector } from './policy.js';

const globs = new Map<string, RegExp>();

/** Does a namespace match a pattern where `*` stands for any run of characters (`ml-*`)? */
export function matchesNamespace(pattern: string, namespace: string): boolean {
  if (!pattern.includes('*')) return pattern === namespace;
  let re = globs.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    globs.set(pattern, (re = new RegExp(`^${body}$`)));
  }
  return re.test(namespace);
}

/** The pod template's `metadata.labels` (a Pod's own), read from the object as written. */
export function podLabelsOf(workload: Workload): Map<string, string> {
  // `spec.template.spec.` → the template is at `spec.template`; a Pod's `spec.` → the object itself.
  let at: unknown = workload.raw;
  for (const step of workload.specPath.split('.').filter(Boolean).slice(0, -1)) at = isObject(at) ? own(at, step) : undefined;
  const metadata = isObject(at) ? own(at, 'metadata') : undefined;
  const labels = isObject(metadata) ? own(metadata, 'labels') : undefined;
  const out = new Map<string, string>();
  if (isObject(labels)) for (const key of Object.keys(labels)) {
    const value = own(labels, key);
    if (typeof value === 'string') out.set(key, value);
  }
  return out;
}

function matchesLabels(wanted: ReadonlyMap<string, string> | undefined, labels: () => ReadonlyMap<string, string>): boolean {
  if (!wanted || wanted.size === 0) return true;
  const have = labels();
  for (const [key, value] of wanted) if (have.get(key) !== value) return false;
  return true;
}

/** Does one selector select the workload? Absent criteria select everything. */
export function matchesSelector(selector: WorkloadSelector, workload: Workload): boolean {
  if (selector.namespaces && !selector.namespaces.some((p) => matchesNamespace(p, workload.namespace))) return false;
  if (selector.kinds && !selector.kinds.includes(workload.kind)) return false;
  if (!matchesLabels(selector.labels, () => workload.labels)) return false;
  return matchesLabels(selector.podLabels, () => podLabelsOf(workload));
}

/** Does the policy apply to the workload (any of its `appliesTo` selectors selects it)? */
export function appliesTo(policy: Policy, workload: Workload): boolean {
  return policy.appliesTo.some((selector) => matchesSelector(selector, workload));
}
