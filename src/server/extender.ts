/**
 * The kube-scheduler extender protocol (k8s.io/kube-scheduler/extender/v1). Its Go structs have
 * no JSON tags, so keys are the Go field names (`Pod`, `Nodes`, `NodeNames`, `FailedNodes`, ...);
 * like Go's decoder, an exact key is preferred and a case-insensitive match accepted. The `Pod` and
 * the `Nodes` list are ordinary v1 objects with lowercase keys. With `nodeCacheCapable: true` the
 * scheduler sends `NodeNames` and the nodes are the server's; otherwise `Nodes` carries them.
 */
import { firstFailuresJudge, type FirstFailures } from '../api/evaluate-nodes.js';
import { nodesFromSources } from '../api/inputs.js';
import type { ResolvedEngineOptions } from '../api/engine.js';
import { PlacementError } from '../errors.js';
import { scorePluginWeights } from '../eval/normalize-score.js';
import { scoreNodes } from '../eval/score.js';
import { isObject, own, type JsonObject } from '../model/decode.js';
import type { Node, Workload } from '../model/types.js';
import { bodyObject, sourcesOf, workloadsOf, wrongType } from './request-objects.js';
import type { Deadline } from './deadline.js';
import { blocks, mapInSlices } from './slices.js';
import type { ServerState } from './state.js';

/** `extenderv1.MaxExtenderPriority`: extender scores run 0..10. */
export const maxExtenderPriority = 10;

/** The reason given for a name in `NodeNames` the server has no node for. */
export const reasonUnknownNode = 'node(s) were unknown to the placement extender';

/** `ExtenderFilterResult`. */
export interface ExtenderFilterResult {
  readonly Nodes: { readonly metadata: Record<string, never>; readonly items: readonly unknown[] } | null;
  readonly NodeNames: readonly string[] | null;
  readonly FailedNodes: Readonly<Record<string, string>>;
  readonly FailedAndUnresolvableNodes: Readonly<Record<string, string>>;
  readonly Error: string;
}

/** One `HostPriority`. */
export interface HostPriority {
  readonly Host: string;
  readonly Score: number;
}

/** Go's `encoding/json` field lookup: the exact key, else the first key equal under case folding. */
export function goField(object: JsonObject, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const folded = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === folded);
  return key === undefined ? undefined : object[key];
}

/** Decoded `ExtenderArgs`: the pod, the candidate nodes known to us, and (NodeNames form) the names we do not know. */
export interface ExtenderArgs {
  readonly workload: Workload;
  readonly form: 'Nodes' | 'NodeNames';
  readonly candidates: readonly Node[];
  readonly unknown: readonly string[];
  /** Every node name, in the order sent. */
  readonly names: readonly string[];
}

function decodePod(value: unknown, state: ServerState): Workload {
  if (!isObject(value)) throw new PlacementError('invalid', 'invalid ExtenderArgs', [wrongType('Pod', value, 'an object')]);
  // The scheduler marshals a typed v1.Pod: `kind` is often empty.
  const object = own(value, 'kind') === undefined || own(value, 'kind') === '' ? { ...value, kind: 'Pod' } : value;
  return workloadsOf([{ object, file: 'Pod' }], state.inputOptions)[0]!;
}

function decodeNodeNames(value: unknown): string[] {
  if (!Array.isArray(value)) throw new PlacementError('invalid', 'invalid ExtenderArgs', [wrongType('NodeNames', value, 'a list')]);
  const bad = value.findIndex((n) => typeof n !== 'string');
  if (bad >= 0) throw new PlacementError('invalid', 'invalid ExtenderArgs', [wrongType(`NodeNames[${bad}]`, value[bad], 'a string')]);
  return value as string[];
}

/** Decodes `ExtenderArgs`; throws a {@link PlacementError} (400) for anything malformed. */
export function decodeExtenderArgs(body: unknown, state: ServerState): ExtenderArgs {
  const args = bodyObject(body);
  const workload = decodePod(goField(args, 'Pod'), state);
  const names = goField(args, 'NodeNames');
  if (names !== undefined && names !== null) {
    const candidates: Node[] = [];
    const unknown: string[] = [];
    const sent = decodeNodeNames(names);
    for (const name of sent) {
      const node = state.engine.node(name);
      if (node) candidates.push(node);
      else unknown.push(name);
    }
    return { workload, form: 'NodeNames', candidates, unknown, names: sent };
  }
  const list = goField(args, 'Nodes');
  if (list === undefined || list === null) {
    throw new PlacementError('invalid', 'invalid ExtenderArgs', [{ path: 'NodeNames', type: 'Required value', detail: 'one of Nodes or NodeNames must be set' }]);
  }
  if (!isObject(list)) throw new PlacementError('invalid', 'invalid ExtenderArgs', [wrongType('Nodes', list, 'an object')]);
  const items = own(list, 'items');
  const candidates = items === undefined || items === null ? [] : nodesFromSources(sourcesOf(items, 'Nodes.items'), state.inputOptions);
  return { workload, form: 'Nodes', candidates, unknown: [], names: candidates.map((n) => n.name) };
}

/** Candidates decided per unit of work: microseconds for ordinary pods, ~2 ms for pods with 1,000 required terms. */
const candidatesPerBlock = 32;

/**
 * The decision on the candidates, a block of them at a time (slices.ts), each failed node with the
 * one reason kube-scheduler would record (its PreFilter's, else its first failing filter's, else
 * its first rejecting policy's); no explanation is built, so the answer stays one short string per
 * node however many terms or keys the pod has.
 */
export async function decideCandidates(args: ExtenderArgs, options: ResolvedEngineOptions, deadline: Deadline): Promise<FirstFailures> {
  const judge = firstFailuresJudge(args.workload, options);
  const parts = await mapInSlices(blocks(args.candidates, candidatesPerBlock), judge, deadline);
  return { passed: parts.flatMap((p) => p.passed), failed: new Map(parts.flatMap((p) => [...p.failed])) };
}

/**
 * The filter verb's answer. Every placement failure is unresolvable — taints, affinity, node names,
 * cordons and policies are properties of the node that evicting pods (preemption) cannot change —
 * and so is a name we do not know, so `FailedNodes` stays empty.
 */
export function extenderFilter(args: ExtenderArgs, decision: FirstFailures): ExtenderFilterResult {
  const unresolvable = Object.create(null) as Record<string, string>;
  for (const [name, reason] of decision.failed) unresolvable[name] = reason;
  for (const name of args.unknown) unresolvable[name] = reasonUnknownNode;
  const passed = decision.passed;
  return {
    Nodes: args.form === 'Nodes' ? { metadata: {}, items: passed.map((n) => n.raw) } : null,
    NodeNames: args.form === 'NodeNames' ? passed.map((n) => n.name) : null,
    FailedNodes: Object.create(null) as Record<string, string>,
    FailedAndUnresolvableNodes: unresolvable,
    Error: '',
  };
}

/**
 * The default profile's total score scaled to the extender range with integer arithmetic:
 * `floor(score × 10 / max)`, where `max` is 100 × the summed weights of the plugins that scored the
 * pod (TaintToleration 3, and NodeAffinity 2 when the pod has preferred terms). The scheduler then
 * multiplies by the extender's `weight` and by MaxNodeScore/MaxExtenderPriority (10). The resource
 * and image scores are left out: the scheduler computes them itself from the pods it knows run.
 */
export function extenderScore(score: number, scores: Readonly<Record<string, number>>): number {
  let max = 0;
  for (const plugin of Object.keys(scores)) max += 100 * (scorePluginWeights[plugin as keyof typeof scorePluginWeights] ?? 0);
  return max === 0 ? 0 : Math.floor((score * maxExtenderPriority) / max);
}

/**
 * The prioritize verb's answer: every candidate in the order sent; nodes that fail the filters (and
 * unknown names) score 0. Scores are normalized over exactly the nodes that pass, as the scheduler
 * normalizes them over the nodes it scores.
 */
export function extenderPrioritize(args: ExtenderArgs, decision: FirstFailures, options: ResolvedEngineOptions): HostPriority[] {
  const scored = scoreNodes(args.workload.pod, decision.passed, options.featureGates, args.workload.specPath);
  const ranked = new Map(scored.nodes.map((n) => [n.node, extenderScore(n.score, n.scores)]));
  return args.names.map((name) => ({ Host: name, Score: ranked.get(name) ?? 0 }));
}
