/**
 * Explanations built from a decision, at the scale of the node set: ineligible nodes are grouped by
 * what their explanation depends on (failure-signature.ts, group-nodes.ts), each group is described
 * once from a node of it (describe-node.ts), and the answer is shaped three ways — every node
 * (`nodes`), one entry per group (`groups`), or the decision and its summary alone (`none`).
 *
 * The grouping is kept per compiled pod, tagged with the versions of everything it read (the label
 * keys of the pod's rules, taints and cordons, the node set), like the evaluator's memos: asking
 * again about an unchanged cluster costs the decision and the output, and nothing is served stale.
 */
import { LRUCache } from 'lru-cache';
import type { CompiledPod, Rule } from '../compile/rule.js';
import type { Decision } from '../eval/decision.js';
import { reasonAffinityConflict, reasonNodeAffinity, reasonPreFilterNodeAffinity } from '../eval/filters.js';
import { formatSummaryFromCounts } from '../eval/fit-error.js';
import type { EligibilityResult, IneligibleNode } from '../eval/result.js';
import { andNotBits, collectBits, countBits } from '../node-index/bitset.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';
import type { NodeIndex } from '../node-index/node-index.js';
import { PlacementError } from '../errors.js';
import { describeNode, type ExplainContext, type Explanation } from './describe-node.js';
import { failureSignature } from './failure-signature.js';
import { groupNodes } from './group-nodes.js';
import { passingSets } from './passing-sets.js';
import { ValueColumns } from './value-columns.js';
import type { PodDemand } from '../semantics/resources/pod-demand.js';

/** Nodes explained alike. */
export interface NodeGroup extends Explanation {
  readonly count: number;
  /** The first nodes of the group, in input order. */
  readonly nodes: readonly string[];
  /** How many more nodes the group has than `nodes` lists. */
  readonly more: number;
}

/** The answer with one entry per group of equally explained nodes, largest group first. */
export interface GroupedEligibility {
  readonly eligible: readonly string[];
  readonly groups: readonly NodeGroup[];
  /** Past the listed groups (at most `maxGroups`), how many more groups and nodes there are. */
  readonly omitted?: { readonly groups: number; readonly nodes: number };
  readonly message: string;
}

/** The decision and its summary, without explanations. */
export interface EligibilitySummary {
  readonly eligible: readonly string[];
  readonly message: string;
}

/** How much explanation an answer carries. */
export type ExplainMode = 'nodes' | 'groups' | 'none';

/** The answer for each mode. */
export type EligibilityAnswer<M extends ExplainMode> = M extends 'nodes' ? EligibilityResult : M extends 'groups' ? GroupedEligibility : EligibilitySummary;

/** Nodes named per group in the `groups` form. */
export const groupExamples = 10;

/** Bounds on the size of an explanation (every explanation's work and output are bounded). */
export interface ExplainerOptions {
  /** Keep each pod's grouping while the index is unchanged (default true; false measures the cold cost). */
  readonly memoize?: boolean;
  /** The largest answer, in bytes of JSON (default 64 MiB); larger is refused before it is built. */
  readonly maxBytes?: number;
  /** Groups listed in the `groups` form (default 1,000); the rest are counted in `omitted`. */
  readonly maxGroups?: number;
}

/** Explainer defaults. */
export const explainerDefaults = { maxBytes: 64 * 1024 * 1024, maxGroups: 1000 } as const;

const affinityReasons = new Set([reasonNodeAffinity, reasonPreFilterNodeAffinity, reasonAffinityConflict]);

/** The ineligible nodes, grouped by signature; groups sorted largest first, ties by first node. */
interface Grouped {
  /** Ineligible ids, increasing. */
  readonly ids: Int32Array;
  /** Per position in `ids`, its group (an index into `count`, `first`, `examples`). */
  readonly groupOf: Int32Array;
  readonly sizes: Int32Array;
  readonly first: Int32Array;
  readonly examples: readonly number[][];
  /** Group indices, largest first. */
  readonly order: readonly number[];
  /** Each group's explanation, described on first use. */
  readonly explanations: (Explanation | undefined)[];
  /**
   * The `groups` answer, kept once built: everything it holds comes from what the memo's stamps
   * cover, so while the grouping is current the answer is too, and asking again returns the same
   * (frozen) object — which also lets the server reuse its serialized text.
   */
  answer?: GroupedEligibility;
}

interface Memo {
  readonly deps: Rule;
  readonly stamps: number[];
  /** The resource filters' inputs it was grouped with: the pod's demand and the pods store's version. */
  readonly demand: PodDemand | undefined;
  readonly podsVersion: number;
  readonly grouped: Grouped;
}

/** Explains decisions over one index; keep one per index. */
export class Explainer {
  private readonly values: ValueColumns;
  private readonly memos = new LRUCache<CompiledPod, Memo>({ max: 64, maxSize: 32 << 20, sizeCalculation: (m) => 8 * m.grouped.ids.length + 1024 });
  private readonly memoize: boolean;
  private readonly maxBytes: number;
  private readonly maxGroups: number;

  constructor(
    private readonly rules: RuleEvaluator,
    options: ExplainerOptions = {},
  ) {
    this.values = new ValueColumns(rules.index);
    this.memoize = options.memoize ?? true;
    this.maxBytes = options.maxBytes ?? explainerDefaults.maxBytes;
    this.maxGroups = options.maxGroups ?? explainerDefaults.maxGroups;
  }

  private get index(): NodeIndex {
    return this.rules.index;
  }

  /** The FitError-format summary of a decision. */
  message(decision: Decision): string {
    const conflict = decision.compiled.preFilterConflict ? reasonAffinityConflict : undefined;
    return formatSummaryFromCounts(decision.total, decision.eligibleCount, decision.counts, conflict);
  }

  /** Eligible node names, in input order. */
  eligibleNames(decision: Decision): string[] {
    const ids = new Int32Array(decision.eligibleCount + 1);
    const n = collectBits(decision.eligible, this.index.liveWords, ids);
    const names = this.index.names;
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = names[ids[i]!]!;
    return out;
  }

  /** The decision and its summary. */
  summary(decision: Decision): EligibilitySummary {
    return { eligible: this.eligibleNames(decision), message: this.message(decision) };
  }

  /** Every ineligible node with its reasons and details, in input order; refused past the size budget. */
  nodes(decision: Decision): EligibilityResult {
    const message = this.message(decision);
    if (decision.total === 0) return { eligible: [], ineligible: [], message };
    const g = this.grouped(decision);
    const names = this.index.names;
    // What each node's entry costs besides its explanation: its name, the keys and punctuation.
    const perNode = 40 + averageNameBytes(names, g.ids);
    const ctx = this.context();
    let bytes = 0;
    for (const i of g.order) {
      bytes += g.sizes[i]! * (perNode + explanationBytes(this.describe(decision, g, i, ctx)));
      if (bytes > this.maxBytes) throw tooLarge(`the per-node explanations of ${g.ids.length} nodes`, this.maxBytes, 'ask for them grouped (--explain groups, ?explain=groups) or for none (--explain none, ?explain=none), or ask why');
    }
    const ineligible = new Array<IneligibleNode>(g.ids.length);
    for (let k = 0; k < g.ids.length; k++) {
      const e = g.explanations[g.groupOf[k]!]!;
      ineligible[k] = { node: names[g.ids[k]!]!, reasons: e.reasons, details: e.details };
    }
    return { eligible: this.eligibleNames(decision), ineligible, message };
  }

  /** One entry per group of equally explained nodes, largest first (ties: earliest node first), at most `maxGroups`. */
  groups(decision: Decision): GroupedEligibility {
    const message = this.message(decision);
    if (decision.total === 0) return { eligible: [], groups: [], message };
    const g = this.grouped(decision);
    if (g.answer) return g.answer;
    const names = this.index.names;
    const listed = g.order.slice(0, this.maxGroups);
    const ctx = this.context();
    let bytes = 0;
    const groups = listed.map((i): NodeGroup => {
      const e = this.describe(decision, g, i, ctx);
      bytes += explanationBytes(e) + 80;
      if (bytes > this.maxBytes) throw tooLarge(`the ${listed.length} largest groups of ineligible nodes`, this.maxBytes, 'ask for none (--explain none, ?explain=none), or ask why');
      const nodes = Object.freeze(g.examples[i]!.slice(0, groupExamples).map((id) => names[id]!));
      return Object.freeze({ reasons: e.reasons, details: e.details, count: g.sizes[i]!, nodes, more: g.sizes[i]! - nodes.length });
    });
    let omittedNodes = 0;
    for (const i of g.order.slice(this.maxGroups)) omittedNodes += g.sizes[i]!;
    const omitted = g.order.length > listed.length ? { omitted: { groups: g.order.length - listed.length, nodes: omittedNodes } } : {};
    g.answer = Object.freeze({ eligible: Object.freeze(this.eligibleNames(decision)), groups: Object.freeze(groups), ...omitted, message });
    return g.answer;
  }

  /** The grouping of a decision's ineligible nodes: from the memo while still current. */
  private grouped(decision: Decision): Grouped {
    // Policies depend on the workload (which ones apply) and may read any node field: not memoized.
    // So do the pod-to-pod filters' verdicts, which also read the pod's labels and namespace.
    if (!this.memoize || decision.extraChecks.length > 0 || rejectsByPodToPod(decision)) return this.group(decision);
    const memo = this.memos.get(decision.compiled);
    // Pods change what NodePorts and NodeResourcesFit say; pods with equal placement may request differently.
    const demand = decision.resources?.demand;
    const podsVersion = decision.resources?.pods.version ?? -1;
    if (memo && memo.demand === demand && memo.podsVersion === podsVersion && this.rules.isCurrent(memo.deps, memo.stamps)) return memo.grouped;
    const deps = memo?.deps ?? explanationDeps(decision.compiled);
    const stamps = this.rules.versionsOf(deps);
    const grouped = this.group(decision);
    this.memos.set(decision.compiled, { deps, stamps, demand, podsVersion, grouped });
    return grouped;
  }

  /** Groups the ineligible nodes by signature; no explanation is built yet. */
  private group(decision: Decision): Grouped {
    const index = this.index;
    const words = index.liveWords;
    const ineligible = index.alive.slice();
    andNotBits(ineligible, decision.eligible, words);
    const all = new Int32Array(countBits(ineligible, words) + 1);
    const ids = all.subarray(0, collectBits(ineligible, words, all));
    const masks = new Int32Array(index.highWater);
    const columns = failureSignature(decision, this.context(), this.values, masks);
    const raw = groupNodes(ids, ids.length, masks, columns, groupExamples);
    const order = Array.from({ length: raw.count }, (_, i) => i).sort((a, b) => raw.sizes[b]! - raw.sizes[a]! || raw.first[a]! - raw.first[b]!);
    return { ids, groupOf: raw.groupOf, sizes: raw.sizes, first: raw.first, examples: raw.examples, order, explanations: new Array<Explanation | undefined>(raw.count) };
  }

  /** Group `i`'s explanation, described from its first node on first use. */
  private describe(decision: Decision, g: Grouped, i: number, ctx: ExplainContext): Explanation {
    let e = g.explanations[i];
    if (!e) {
      const warnings = decision.compiled.warnings.map((w) => `warning: ${w.path}: ${w.message}`);
      g.explanations[i] = e = withWarnings(describeNode(decision, ctx, g.first[i]!), warnings);
    }
    return e;
  }

  /** The explanation context: constraint sets computed on first use and kept for this explanation. */
  private context(): ExplainContext {
    return { index: this.index, passing: passingSets(this.rules) };
  }
}

/** Roughly the JSON bytes of an explanation's reasons and details. */
function explanationBytes(e: Explanation): number {
  let bytes = 30;
  for (const r of e.reasons) bytes += r.length + 4;
  for (const d of e.details) bytes += d.length + 4;
  return bytes;
}

/** The average length of the named nodes' names (a sample is enough). */
function averageNameBytes(names: readonly string[], ids: Int32Array): number {
  const step = Math.max(1, Math.floor(ids.length / 256));
  let sum = 0;
  let n = 0;
  for (let k = 0; k < ids.length; k += step, n++) sum += names[ids[k]!]!.length;
  return n === 0 ? 0 : sum / n;
}

function tooLarge(what: string, maxBytes: number, instead: string): PlacementError {
  const mib = (b: number): string => `${Math.round((b / 2 ** 20) * 10) / 10} MiB`;
  return new PlacementError('too-large', `${what} would take more than ${mib(maxBytes)} (the explanation budget); ${instead}`);
}

/** The compiler's static findings go where a person looks for the cause: NodeAffinity's details. */
function withWarnings(e: Explanation, warnings: readonly string[]): Explanation {
  if (warnings.length === 0 || !e.reasons.some((r) => affinityReasons.has(r))) return e;
  return { reasons: e.reasons, details: [...e.details, ...warnings] };
}

/**
 * Everything an explanation reads, as one rule for the evaluator's version stamps: every filter
 * rule and constraint (their label keys), the label key of every requirement (a requirement that
 * can never match compiles to a constant, yet its detail still quotes the node's value), and —
 * through `schedulable` — taints, cordons and the node set (names, ids).
 */
function explanationDeps(compiled: CompiledPod): Rule {
  const { nodeSelector, terms } = compiled.constraints;
  const leaves = [...nodeSelector, ...(terms ?? []).flatMap((t) => [...t.expressions, ...t.fields])];
  const keys: Rule[] = leaves.flatMap((leaf) => (leaf.key === undefined ? [] : [{ exists: leaf.key }]));
  return { and: [...Object.values(compiled.filters), ...leaves.map((leaf) => leaf.rule), ...keys, { schedulable: true }] };
}

/** Whether PodTopologySpread or InterPodAffinity rejects some node (then the explanation depends on more than the compiled pod). */
function rejectsByPodToPod(decision: Decision): boolean {
  const judgement = decision.podToPod;
  if (!judgement) return false;
  return judgement.failing.PodTopologySpread.some((w) => w !== 0) || judgement.failing.InterPodAffinity.some((w) => w !== 0);
}
