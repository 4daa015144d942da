/**
 * What a node's explanation depends on, as integer columns for grouping: the mask of checks it
 * fails, and for each failing check the few values its details mention — for NodeAffinity, which
 * nodeSelector entries fail and with what value, else each term's first failing requirement and
 * the node's value of its key; for TaintToleration, the node's untolerated taints. Two nodes get
 * equal explanations exactly when their signatures are equal (describe-node.ts reads these things).
 */
import type { ConstraintLeaf, TermConstraints } from '../compile/pod-constraints.js';
import { podToPodFilterOrder } from '../compile/rule.js';
import type { Decision } from '../eval/decision.js';
import { resourceFailures } from '../eval/resource-filters.js';
import { forEachBit, hasBit, type Bits } from '../node-index/bitset.js';
import { isBlockingEffect, isTolerated } from '../semantics/tolerations.js';
import type { ExplainContext } from './describe-node.js';
import type { SignatureColumn } from './group-nodes.js';
import type { ValueColumns } from './value-columns.js';

/** Mask bits of the built-in checks; policies and other extra checks follow from bit 9. */
export const checkBits = { NodeUnschedulable: 1, NodeName: 2, TaintToleration: 4, NodeAffinity: 8, OutsidePreFilter: 16, NodePorts: 32, NodeResourcesFit: 64, PodTopologySpread: 128, InterPodAffinity: 256 } as const;
const firstExtraBit = 9;
const extraBitsPerColumn = 22;

/** A leaf with what deciding its outcome per node reads: the nodes it admits, its key's value column. */
interface LeafView {
  readonly pass: Bits;
  /** Value ordinals of the leaf's key; `undefined` for a field requirement (its detail names the node). */
  readonly ordinals: Int32Array | undefined;
}

function viewOf(leaf: ConstraintLeaf, ctx: ExplainContext, values: ValueColumns): LeafView {
  return { pass: ctx.passing(leaf.rule), ordinals: leaf.key === undefined ? undefined : values.column(leaf.key).ordinals };
}

/** Per node: -1 when the leaf holds, else the node's value ordinal of its key (0: no label; the id for a field). */
function leafOutcome(view: LeafView, id: number): number {
  if (hasBit(view.pass, id)) return -1;
  return view.ordinals === undefined ? id : view.ordinals[id]!;
}

/** Fills `masks` for the ineligible nodes and returns the columns that tell their explanations apart. */
export function failureSignature(decision: Decision, ctx: ExplainContext, values: ValueColumns, masks: Int32Array): SignatureColumn[] {
  const index = ctx.index;
  const words = index.liveWords;
  const columns: SignatureColumn[] = [];
  if (decision.compiled.preFilterConflict) return columns;
  const mark = (set: Bits, bit: number): void => forEachBit(set, words, (id) => void (masks[id]! |= bit));
  const { failing, outsidePreFilter } = decision;
  mark(failing.NodeUnschedulable, checkBits.NodeUnschedulable);
  mark(failing.NodeName, checkBits.NodeName);
  mark(failing.TaintToleration, checkBits.TaintToleration);
  mark(failing.NodeAffinity, checkBits.NodeAffinity);
  mark(failing.NodePorts, checkBits.NodePorts);
  mark(failing.NodeResourcesFit, checkBits.NodeResourcesFit);
  mark(failing.PodTopologySpread, checkBits.PodTopologySpread);
  mark(failing.InterPodAffinity, checkBits.InterPodAffinity);
  // The PreFilter's status replaces NodeAffinity's (and its details) on these nodes.
  if (outsidePreFilter) forEachBit(outsidePreFilter, words, (id) => void (masks[id] = (masks[id]! & ~checkBits.NodeAffinity) | checkBits.OutsidePreFilter));
  decision.extraChecks.forEach((check, i) => {
    if (i < extraBitsPerColumn) return mark(check.failing, 1 << (firstExtraBit + i));
    // Past the mask's width, checks are told apart by extra columns of 26 bits each.
    const c = Math.floor(i / extraBitsPerColumn) - 1;
    let column = columns[c];
    if (!column) columns.push((column = { guard: -1, values: new Int32Array(index.highWater) }));
    forEachBit(check.failing, words, (id) => void (column.values![id]! |= 1 << i % extraBitsPerColumn));
    return undefined;
  });
  columns.push({ guard: checkBits.TaintToleration, values: untoleratedColumn(decision, ctx, masks) });
  columns.push({ guard: checkBits.NodePorts | checkBits.NodeResourcesFit, values: resourceColumn(decision, ctx, masks) });
  columns.push({ guard: checkBits.PodTopologySpread | checkBits.InterPodAffinity, values: podToPodColumn(decision, ctx, masks) });
  columns.push(...nodeAffinityColumns(decision, ctx, values, masks));
  return columns;
}

/**
 * Per node failing NodePorts or NodeResourcesFit: one number per distinct text of their details
 * (the conflicting port; each short resource's request, free and allocatable amounts).
 */
function resourceColumn(decision: Decision, ctx: ExplainContext, masks: Int32Array): Int32Array {
  const column = new Int32Array(ctx.index.highWater);
  const judged = decision.resources;
  if (!judged) return column;
  const byText = new Map<string, number>();
  const bits = checkBits.NodePorts | checkBits.NodeResourcesFit;
  for (let id = 0; id < ctx.index.highWater; id++) {
    if ((masks[id]! & bits) === 0) continue;
    const failures = resourceFailures(judged.demand, judged.pods, ctx.index.nodes[id]!);
    const text = JSON.stringify(failures.map((f) => [f.reason, f.details]));
    let value = byText.get(text);
    if (value === undefined) byText.set(text, (value = byText.size + 1));
    column[id] = value;
  }
  return column;
}

/**
 * Per node failing PodTopologySpread or InterPodAffinity: one number per distinct text of their
 * reasons and details (the domain and its count, the term, the pods counted).
 */
function podToPodColumn(decision: Decision, ctx: ExplainContext, masks: Int32Array): Int32Array {
  const column = new Int32Array(ctx.index.highWater);
  const judgement = decision.podToPod;
  if (!judgement) return column;
  const byText = new Map<string, number>();
  const bits = checkBits.PodTopologySpread | checkBits.InterPodAffinity;
  for (let id = 0; id < ctx.index.highWater; id++) {
    if ((masks[id]! & bits) === 0) continue;
    const text = JSON.stringify(podToPodFilterOrder.map((filter) => ((masks[id]! & checkBits[filter]) === 0 ? null : judgement.failureOf(filter, id) ?? null)));
    let value = byText.get(text);
    if (value === undefined) byText.set(text, (value = byText.size + 1));
    column[id] = value;
  }
  return column;
}

/**
 * Per node failing TaintToleration: one number per distinct list of untolerated taints (in the
 * node's order), read off the node's taint-list id — so a tolerated or PreferNoSchedule taint in
 * one node's list does not set it apart from a node without it.
 */
function untoleratedColumn(decision: Decision, ctx: ExplainContext, masks: Int32Array): Int32Array {
  const index = ctx.index;
  const column = new Int32Array(index.highWater);
  const rule = decision.compiled.filters.TaintToleration;
  if (!('tolerates' in rule)) return column;
  const gates = { TaintTolerationComparisonOperators: rule.tolerates.comparisonOperators };
  const byList = new Map<number, number>();
  const byText = new Map<string, number>();
  forEachBit(decision.failing.TaintToleration, index.liveWords, (id) => {
    if ((masks[id]! & checkBits.TaintToleration) === 0) return;
    const list = index.taintListIds[id]!;
    let value = byList.get(list);
    if (value === undefined) {
      const untolerated = index.taintList(list).filter((t) => isBlockingEffect(t.effect) && !isTolerated(t, rule.tolerates.tolerations, gates));
      const text = JSON.stringify(untolerated.map((t) => [t.key, t.value, t.effect]));
      value = byText.get(text);
      if (value === undefined) byText.set(text, (value = byText.size + 1));
      byList.set(list, value);
    }
    column[id] = value;
  });
  return column;
}

/** NodeAffinity's columns, filled for the nodes whose mask has its bit. */
function nodeAffinityColumns(decision: Decision, ctx: ExplainContext, values: ValueColumns, masks: Int32Array): SignatureColumn[] {
  const { nodeSelector, terms } = decision.compiled.constraints;
  const okTerms = (terms ?? []).filter((t) => t.state === 'ok');
  const size = ctx.index.highWater;
  const selector = nodeSelector.map((leaf) => ({ view: viewOf(leaf, ctx, values), column: new Int32Array(size) }));
  const perTerm = okTerms.map((term: TermConstraints) => ({
    leaves: [...term.expressions, ...term.fields].map((leaf) => viewOf(leaf, ctx, values)),
    which: new Int32Array(size),
    value: new Int32Array(size),
  }));
  forEachBit(decision.failing.NodeAffinity, ctx.index.liveWords, (id) => {
    if ((masks[id]! & checkBits.NodeAffinity) === 0) return;
    let selectorFails = false;
    for (const s of selector) {
      const outcome = leafOutcome(s.view, id);
      s.column[id] = outcome;
      if (outcome !== -1) selectorFails = true;
    }
    // The terms are described only when the nodeSelector holds.
    if (selectorFails) return;
    for (const t of perTerm) {
      for (let j = 0; j < t.leaves.length; j++) {
        const outcome = leafOutcome(t.leaves[j]!, id);
        if (outcome === -1) continue;
        t.which[id] = j + 1;
        t.value[id] = outcome;
        break;
      }
    }
  });
  const guard = checkBits.NodeAffinity;
  return [...selector.map((s) => ({ guard, values: s.column })), ...perTerm.flatMap((t) => [{ guard, values: t.which }, { guard, values: t.value }])];
}
