/**
 * `NodeShouldRunDaemonPod` (pkg/controller/daemon/daemon_controller.go): for each node, should it
 * get a daemon pod (shouldRun), and may an existing one stay (shouldContinueRunning)? Judged on the
 * daemon pod (template + implicit tolerations): template nodeName, nodeSelector and required node
 * affinity (no scheduler PreFilter), and taints — any untolerated NoSchedule or NoExecute taint
 * stops new pods, only an untolerated NoExecute one removes running pods. Cordons, conditions and
 * resources are not read.
 */
import { compileAffinityRule } from '../../compile/compile-affinity.js';
import { compileTaintRule } from '../../compile/compile-tolerations.js';
import { ruleTrue, type Rule } from '../../compile/rule.js';
import { reasonNodeAffinity, reasonNodeName, reasonUntoleratedTaint } from '../../eval/filters.js';
import { passesNodeAffinity, passesNodeName, preparePod, type PreparedPod } from '../../eval/filters.js';
import { isTolerated } from '../../semantics/tolerations.js';
import { hasBit } from '../../node-index/bitset.js';
import type { RuleEvaluator } from '../../node-index/evaluate-rule.js';
import type { FeatureGates } from '../../model/feature-gates.js';
import type { Node, PodPlacement } from '../../model/types.js';

/** One node's answer. */
export interface NodeDecision {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
  /** Why the node does not run the pod, with the scheduler's texts (empty when shouldRun). */
  readonly reasons: readonly string[];
}

/** The reference: one node, read like the upstream function. `daemonPod` already carries the implicit tolerations. */
export function nodeShouldRunDaemonPod(daemonPod: PodPlacement, node: Node, gates: FeatureGates): NodeDecision {
  return decideNode(preparePod(daemonPod, gates), node);
}

/** The reference with the daemon pod parsed once (see {@link preparePod}), for many nodes. */
export function decideNode(prepared: PreparedPod, node: Node): NodeDecision {
  const c = checkNode(prepared, node);
  return decision(c.nameOk, c.affinityOk, c.taintsOk, c.noExecuteOk);
}

/** The four checks a node's decision is made of. */
export interface NodeChecks {
  readonly nameOk: boolean;
  readonly affinityOk: boolean;
  /** No untolerated NoSchedule or NoExecute taint. */
  readonly taintsOk: boolean;
  /** No untolerated NoExecute taint. */
  readonly noExecuteOk: boolean;
}

/** The checks of one node, read like the upstream function. */
export function checkNode(prepared: PreparedPod, node: Node): NodeChecks {
  const daemonPod = prepared.pod;
  const gates = prepared.gates;
  let noScheduleOk = true;
  let noExecuteOk = true;
  for (const taint of node.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (isTolerated(taint, daemonPod.tolerations, gates)) continue;
    if (taint.effect === 'NoExecute') noExecuteOk = false;
    else noScheduleOk = false;
  }
  return { nameOk: passesNodeName(prepared, node), affinityOk: passesNodeAffinity(prepared, node), taintsOk: noScheduleOk && noExecuteOk, noExecuteOk };
}

/** A node's decision from its checks. */
export function decision(nameOk: boolean, affinityOk: boolean, taintsOk: boolean, noExecuteOk: boolean): NodeDecision {
  const reasons: string[] = [];
  if (!nameOk) reasons.push(reasonNodeName);
  if (!affinityOk) reasons.push(reasonNodeAffinity);
  if (!taintsOk) reasons.push(reasonUntoleratedTaint);
  const placed = nameOk && affinityOk;
  return { shouldRun: placed && taintsOk, shouldContinueRunning: placed && noExecuteOk, reasons };
}

/** The daemon pod's checks as rules, for the index. */
export interface DaemonRules {
  readonly nodeName: Rule;
  readonly affinity: Rule;
  /** No untolerated NoSchedule or NoExecute taint. */
  readonly taints: Rule;
  /** No untolerated NoExecute taint. */
  readonly noExecute: Rule;
}

/** Compiles the daemon pod's checks once. */
export function compileDaemonRules(daemonPod: PodPlacement, gates: FeatureGates, specPath: string): DaemonRules {
  return {
    nodeName: daemonPod.nodeName === '' ? ruleTrue : { nodeName: daemonPod.nodeName },
    affinity: compileAffinityRule(daemonPod, specPath).rule,
    taints: compileTaintRule(daemonPod.tolerations, gates),
    noExecute: compileTaintRule(daemonPod.tolerations, gates, ['NoExecute']),
  };
}

/** A node's decision with its name: one entry of the plan's `nodes`. */
export interface DaemonNodeAnswer extends NodeDecision {
  readonly node: string;
}

/** Every live node's answer at once, from four set evaluations over the index, in id order. */
export function decideAllNodes(rules: DaemonRules, evaluator: RuleEvaluator): DaemonNodeAnswer[] {
  const index = evaluator.index;
  const sets = [rules.nodeName, rules.affinity, rules.taints, rules.noExecute].map((rule) => {
    const bits = new Uint32Array(index.words);
    evaluator.evalInto(rule, bits);
    return bits;
  });
  const [name, affinity, taints, noExecute] = sets as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  const out: DaemonNodeAnswer[] = [];
  const none: readonly string[] = [];
  for (let id = 0; id < index.highWater; id++) {
    if (index.nodes[id] === undefined) continue;
    const nameOk = hasBit(name, id);
    const affinityOk = hasBit(affinity, id);
    const taintsOk = hasBit(taints, id);
    if (nameOk && affinityOk && taintsOk) out.push({ node: index.names[id]!, shouldRun: true, shouldContinueRunning: true, reasons: none });
    else out.push({ node: index.names[id]!, ...decision(nameOk, affinityOk, taintsOk, hasBit(noExecute, id)) });
  }
  return out;
}
