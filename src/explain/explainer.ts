/**
 * Explanations built from a decision, at the scale of the node set: ineligible nodes are grouped by
 * what their explanation depends on (group-nodes.ts), each group is described once from a node of
 * it (describe-node.ts), and the answer is shaped three ways — every node (`nodes`), one entry per
 * group (`groups`), or the decision and its summary alone (`none`).
 */
import type { Rule } from '../compile/rule.js';
import type { Decision } from '../eval/decision.js';
import { reasonAffinityConflict, reasonNodeAffinity, reasonPreFilterNodeAffinity } from '../eval/filters.js';
import { formatSummaryFromCounts } from '../eval/fit-error.js';
import type { EligibilityResult, IneligibleNode } from '../eval/result.js';
import { andNotBits, collectBits, countBits, forEachBit, type Bits } from '../node-index/bitset.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';
import type { NodeIndex } from '../node-index/node-index.js';
import { describeNode, type ExplainContext, type Explanation } from './describe-node.js';
import { groupNodes, type SignatureColumn } from './group-nodes.js';
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

const bitOf = { NodeUnschedulable: 1, NodeName: 2, TaintToleration: 4, NodeAffinity: 8 } as const;
const bitOutsidePreFilter = 16;
const firstExtraBit = 5;
const extraBitsPerColumn = 26;

const affinityReasons = new Set([reasonNodeAffinity, reasonPreFilterNodeAffinity, reasonAffinityConflict]);

/** The ineligible nodes, grouped. */
interface Grouped {
  readonly ids: Int32Array;
  readonly n: number;
  readonly groupOf: Int32Array;
  readonly explanations: readonly Explanation[];
  readonly sizes: Int32Array;
  readonly first: Int32Array;
}

/** Explains decisions over one index; keep one per index. */
export class Explainer {
  private readonly columns: ValueColumns;

  constructor(private readonly rules: RuleEvaluator) {
    this.columns = new ValueColumns(rules.index);
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
    const g = this.group(decision);
    const names = this.index.names;
    const ineligible = new Array<IneligibleNode>(g.n);
    for (let k = 0; k < g.n; k++) {
      const e = g.explanations[g.groupOf[k]!]!;
      ineligible[k] = { node: names[g.ids[k]!]!, reasons: e.reasons, details: e.details };
    }
    return { eligible: this.eligibleNames(decision), ineligible, message };
  }

  /** One entry per group of equally explained nodes, largest first (ties: earliest node first). */
  groups(decision: Decision, examples = groupExamples): GroupedEligibility {
    const message = this.message(decision);
    if (decision.total === 0) return { eligible: [], groups: [], message };
    const g = this.group(decision);
    const names = this.index.names;
    const listed: string[][] = g.explanations.map(() => []);
    for (let k = 0; k < g.n; k++) {
      const list = listed[g.groupOf[k]!]!;
      if (list.length < examples) list.push(names[g.ids[k]!]!);
    }
    const order = g.explanations.map((_, i) => i).sort((a, b) => g.sizes[b]! - g.sizes[a]! || g.first[a]! - g.first[b]!);
    const groups = order.map((i): NodeGroup => {
      const e = g.explanations[i]!;
      const count = g.sizes[i]!;
      return { reasons: e.reasons, details: e.details, count, nodes: listed[i]!, more: count - listed[i]!.length };
    });
    return { eligible: this.eligibleNames(decision), groups, message };
  }

  /** Groups the ineligible nodes and explains each group once. */
  private group(decision: Decision): Grouped {
    const index = this.index;
    const words = index.liveWords;
    const ineligible = Uint32Array.from(index.alive);
    andNotBits(ineligible, decision.eligible, words);
    const ids = new Int32Array(countBits(ineligible, words) + 1);
    const n = collectBits(ineligible, words, ids);
    const masks = new Int32Array(index.highWater);
    const columns = this.signatureColumns(decision, masks);
    const grouped = groupNodes(ids, n, masks, columns);
    const ctx = this.context();
    const warnings = decision.compiled.warnings.map((w) => `warning: ${w.path}: ${w.message}`);
    const explanations: Explanation[] = [];
    for (let i = 0; i < grouped.count; i++) {
      const e = describeNode(decision, ctx, grouped.first[i]!);
      // The compiler's static findings go where a person looks for the cause: NodeAffinity's details.
      explanations.push(warnings.length > 0 && e.reasons.some((r) => affinityReasons.has(r)) ? { reasons: e.reasons, details: [...e.details, ...warnings] } : e);
    }
    return { ids, n, groupOf: grouped.groupOf, explanations, sizes: grouped.sizes, first: grouped.first };
  }

  /** Fills each ineligible node's failing-check mask; returns the columns its details depend on. */
  private signatureColumns(decision: Decision, masks: Int32Array): SignatureColumn[] {
    const words = this.index.liveWords;
    const mark = (set: Bits, bit: number): void => forEachBit(set, words, (id) => void (masks[id]! |= bit));
    const columns: SignatureColumn[] = [];
    if (decision.compiled.preFilterConflict) return columns;
    const { failing, outsidePreFilter } = decision;
    mark(failing.NodeUnschedulable, bitOf.NodeUnschedulable);
    mark(failing.NodeName, bitOf.NodeName);
    mark(failing.TaintToleration, bitOf.TaintToleration);
    mark(failing.NodeAffinity, bitOf.NodeAffinity);
    if (outsidePreFilter) {
      // The PreFilter's status replaces NodeAffinity's (and its details) on these nodes.
      forEachBit(outsidePreFilter, words, (id) => void (masks[id] = (masks[id]! & ~bitOf.NodeAffinity) | bitOutsidePreFilter));
    }
    decision.extraChecks.forEach((check, i) => {
      if (i < extraBitsPerColumn) return mark(check.failing, 1 << (firstExtraBit + i));
      // Past the mask's width, checks are told apart by extra columns of 26 bits each.
      const c = Math.floor(i / extraBitsPerColumn) - 1;
      let column = columns[c];
      if (!column) columns.push((column = { guard: -1, values: new Int32Array(this.index.highWater) }));
      forEachBit(check.failing, words, (id) => void (column.values![id]! |= 1 << i % extraBitsPerColumn));
      return undefined;
    });
    columns.push({ guard: bitOf.TaintToleration, values: this.index.taintListIds });
    const { nodeSelector, terms } = decision.compiled.constraints;
    const keys = new Set(nodeSelector.map((leaf) => leaf.key!));
    let fields = false;
    for (const term of terms ?? []) {
      for (const leaf of term.expressions) keys.add(leaf.key!);
      if (term.fields.length > 0) fields = true;
    }
    for (const key of keys) columns.push({ guard: bitOf.NodeAffinity, values: this.columns.column(key).ordinals });
    // A failing matchFields requirement names the node: each node is its own group.
    if (fields) columns.push({ guard: bitOf.NodeAffinity, values: undefined });
    return columns;
  }

  /** The explanation context: constraint sets computed on first use and kept for this explanation. */
  private context(): ExplainContext {
    const sets = new Map<Rule, Bits>();
    return {
      index: this.index,
      passing: (rule) => {
        let set = sets.get(rule);
        if (!set) {
          set = new Uint32Array(this.index.words);
          this.rules.evalInto(rule, set);
          sets.set(rule, set);
        }
        return set;
      },
    };
  }
}
