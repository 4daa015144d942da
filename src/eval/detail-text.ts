/**
 * The wording of the details that say why a node fails, shared by the reference evaluator and the
 * explanations built from a decision. Only the wording is shared: each side decides on its own
 * which requirement failed, so the differential property compares two independent answers.
 */
import type { Taint } from '../model/types.js';
import { formatTaint } from '../semantics/tolerations.js';

/** Detail texts, by filter. */
export const detailText = {
  cordoned: 'node is cordoned (spec.unschedulable: true) and no toleration matches node.kubernetes.io/unschedulable:NoSchedule',
  nodeName: (wanted: string): string => `pod requires node ${JSON.stringify(wanted)} (spec.nodeName)`,
  untoleratedTaint: (taint: Taint): string => `taint ${formatTaint(taint)} is not tolerated`,
  /** What the node has for a label key. */
  label: (key: string, value: string | undefined): string => (value === undefined ? `node has no label ${key}` : `node has ${key}=${value}`),
  selector: (key: string, wanted: string, value: string | undefined): string => `nodeSelector ${key}=${wanted}: ${detailText.label(key, value)}`,
  noTerms: 'requiredDuringSchedulingIgnoredDuringExecution has no non-empty nodeSelectorTerms, so it matches no node',
  emptyTerm: (index: number): string => `nodeSelectorTerms[${index}] is empty and matches no node`,
  invalidTerm: (index: number, problems: readonly string[]): string => `nodeSelectorTerms[${index}] is invalid and never matches: ${problems.join('; ')}`,
  /** A term's first failing requirement, as `describeRequirement` words it, and what the node has. */
  termExpression: (index: number, requirement: string, key: string, value: string | undefined): string => `nodeSelectorTerms[${index}]: ${requirement}: ${detailText.label(key, value)}`,
  termField: (index: number, requirement: string, nodeName: string): string => `nodeSelectorTerms[${index}]: ${requirement}: node is named ${JSON.stringify(nodeName)}`,
  preFilterExcluded: (names: readonly string[]): string => `node name is not among the names the nodeSelectorTerms pin: ${[...names].sort().join(', ')}`,
  preFilterConflict: 'every nodeSelectorTerm pins metadata.name, and no name satisfies all of them',
};
