/**
 * A pod's placement constraints → {@link CompiledPod}: one normalized rule per filter plugin, the
 * NodeAffinity PreFilter restriction, static warnings, and a canonical key for caching.
 */
import { nodeNamesFromTerms } from '../semantics/node-selector.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { PodPlacement } from '../model/types.js';
import { compileAffinityRule } from './compile-affinity.js';
import { compileTaintRule, compileUnschedulableRule } from './compile-tolerations.js';
import { collectPodConstraints } from './pod-constraints.js';
import { ruleTrue, type CompiledPod, type FilterRules, type RuleWarning } from './rule.js';

/** Compiles a pod spec found at `specPath` (e.g. `spec.template.spec.`). */
export function compilePod(pod: PodPlacement, gates: FeatureGates, specPath = 'spec.'): CompiledPod {
  const affinity = compileAffinityRule(pod, specPath);
  const filters: FilterRules = {
    NodeUnschedulable: compileUnschedulableRule(pod.tolerations, gates),
    NodeName: pod.nodeName === '' ? ruleTrue : { nodeName: pod.nodeName },
    TaintToleration: compileTaintRule(pod.tolerations, gates),
    NodeAffinity: affinity.rule,
  };
  const names = nodeNamesFromTerms(pod);
  const preFilterNames = names ? [...names].sort() : undefined;
  const preFilterConflict = names !== undefined && names.size === 0;
  const warnings: RuleWarning[] = [...affinity.warnings];
  const never = Object.values(filters).some((rule) => 'const' in rule && !rule.const);
  if (preFilterConflict) warnings.push({ path: `${specPath}affinity.nodeAffinity`, message: 'every term pins metadata.name and no name satisfies all: pod affinity terms conflict' });
  else if (never) warnings.push({ path: specPath.replace(/\.$/, ''), message: 'the pod can run on no node, whatever the cluster' });
  const key = JSON.stringify({ filters, preFilterNames, preFilterConflict: preFilterConflict || undefined });
  return {
    pod,
    filters,
    constraints: collectPodConstraints(pod, gates, specPath),
    ...(preFilterNames ? { preFilterNames } : {}),
    ...(preFilterConflict ? { preFilterConflict: true as const } : {}),
    warnings,
    key,
  };
}
