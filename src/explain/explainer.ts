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
import { describeNode, type ExplainContext, type Explanation } from './describe-node.js';
import { failureSignature } from './failure-signature.js';
import { groupNodes } from './group-nodes.js';
import { passingSets } from './passing-sets.js';
import { ValueColumns } from './value-columns.js';

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

const affinityReasons = new Set([reasonNodeAffinity, reasonPreFilterNodeAffinity, reasonAffinityConflict]);

/** One group of equally explained nodes. */
interface Group {
  readonly explanation: Explanation;
  count: number;
  first: number;
  examples: number[];
}

/** The ineligible nodes, grouped; groups sorted largest first. */
interface Grouped {
  /** Ineligible ids, increasing. */
  readonly ids: Int32Array;
  /** Per position in `ids`, the index of its group in `groups`. */
  readonly groupOf: Int32Array;
  readonly groups: readonly Group[];
}

interface Memo {
  readonly deps: Rule;
  readonly stamps: number[];
  readonly grouped: Grouped;
}

/** Explains decisions over one index; keep one per index. */
export class Explainer {
  private readonly values: ValueColumns;
  private readonly memos = new LRUCache<CompiledPod, Memo>({ max: 64, maxSize: 32 << 20, sizeCalculation: (m) => 8 * m.grouped.ids.length + 1024 });
  private readonly memoize: boolean;

  /** `memoize: false` regroups on every call (for measuring the cold cost). */
  constructor(
    private readonly rules: RuleEvaluator,
    options: { readonly memoize?: boolean } = {},
  ) {
    this.values = new ValueColumns(rules.index);
    this.memoize = options.memoize ?? true;
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

  /** Every ineligible node with its reasons and details, in input order. */
  nodes(decision: Decision): EligibilityResult {
    const message = this.message(decision);
    if (decision.total === 0) return { eligible: [], ineligible: [], message };
    const { ids, groupOf, groups } = this.grouped(decision);
    const names = this.index.names;
    const ineligible = new Array<IneligibleNode>(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const e = groups[groupOf[k]!]!.explanation;
      ineligible[k] = { node: names[ids[k]!]!, reasons: e.reasons, details: e.details };
    }
    return { eligible: this.eligibleNames(decision), ineligible, message };
  }

  /** One entry per group of equally explained nodes, largest first (ties: earliest node first). */
  groups(decision: Decision, examples = groupExamples): GroupedEligibility {
    const message = this.message(decision);
    if (decision.total === 0) return { eligible: [], groups: [], message };
    const names = this.index.names;
    const groups = this.grouped(decision).groups.map((g): NodeGroup => {
      const listed = g.examples.slice(0, examples).map((id) => names[id]!);
      return { reasons: g.explanation.reasons, details: g.explanation.details, count: g.count, nodes: listed, more: g.count - listed.length };
    });
    return { eligible: this.eligibleNames(decision), groups, message };
  }

  /** The grouping of a decision's ineligible nodes: from the memo while still current. */
  private grouped(decision: Decision): Grouped {
    // Policies depend on the workload (which ones apply) and may read any node field: not memoized.
    if (!this.memoize || decision.extraChecks.length > 0) return this.group(decision);
    const memo = this.memos.get(decision.compiled);
    if (memo && this.rules.isCurrent(memo.deps, memo.stamps)) return memo.grouped;
    const deps = memo?.deps ?? explanationDeps(decision.compiled);
    const stamps = this.rules.versionsOf(deps);
    const grouped = this.group(decision);
    this.memos.set(decision.compiled, { deps, stamps, grouped });
    return grouped;
  }

  /** Groups the ineligible nodes and explains each group once. */
  private group(decision: Decision): Grouped {
    const index = this.index;
    const words = index.liveWords;
    const ineligible = index.alive.slice();
    andNotBits(ineligible, decision.eligible, words);
    const all = new Int32Array(countBits(ineligible, words) + 1);
    const ids = all.subarray(0, collectBits(ineligible, words, all));
    const ctx = this.context();
    const masks = new Int32Array(index.highWater);
    const columns = failureSignature(decision, ctx, this.values, masks);
    const raw = groupNodes(ids, ids.length, masks, columns, groupExamples);
    // Different signatures can still read the same (a tolerated taint in one node's list): merge by text.
    const warnings = decision.compiled.warnings.map((w) => `warning: ${w.path}: ${w.message}`);
    const byText = new Map<string, Group>();
    const merged = new Array<Group>(raw.count);
    for (let i = 0; i < raw.count; i++) {
      const e = withWarnings(describeNode(decision, ctx, raw.first[i]!), warnings);
      const text = JSON.stringify([e.reasons, e.details]);
      const known = byText.get(text);
      if (!known) {
        byText.set(text, (merged[i] = { explanation: e, count: raw.sizes[i]!, first: raw.first[i]!, examples: raw.examples[i]! }));
        continue;
      }
      known.count += raw.sizes[i]!;
      known.examples = mergeSorted(known.examples, raw.examples[i]!, groupExamples);
      merged[i] = known;
    }
    const groups = [...byText.values()].sort((a, b) => b.count - a.count || a.first - b.first);
    const position = new Map(groups.map((g, i) => [g, i]));
    const remap = merged.map((g) => position.get(g)!);
    const groupOf = raw.groupOf;
    for (let k = 0; k < groupOf.length; k++) groupOf[k] = remap[groupOf[k]!]!;
    return { ids, groupOf, groups };
  }

  /** The explanation context: constraint sets computed on first use and kept for this explanation. */
  private context(): ExplainContext {
    return { index: this.index, passing: passingSets(this.rules) };
  }
}

/** The compiler's static findings go where a person looks for the cause: NodeAffinity's details. */
function withWarnings(e: Explanation, warnings: readonly string[]): Explanation {
  if (warnings.length === 0 || !e.reasons.some((r) => affinityReasons.has(r))) return e;
  return { reasons: e.reasons, details: [...e.details, ...warnings] };
}

/** The first `max` ids of two increasing lists, merged. */
function mergeSorted(a: readonly number[], b: readonly number[], max: number): number[] {
  return [...a, ...b].sort((x, y) => x - y).slice(0, max);
}

/**
 * Everything an explanation reads, as one rule for the evaluator's version stamps: every filter
 * rule and constraint (their label keys), and — through `schedulable` — taints, cordons and the
 * node set (names, ids).
 */
function explanationDeps(compiled: CompiledPod): Rule {
  const { nodeSelector, terms } = compiled.constraints;
  const leaves = [...nodeSelector, ...(terms ?? []).flatMap((t) => [...t.expressions, ...t.fields])].map((leaf) => leaf.rule);
  return { and: [...Object.values(compiled.filters), ...leaves, { schedulable: true }] };
}
