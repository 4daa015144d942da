/**
 * `why`: for every constraint of a pod, how many nodes it rejects, how many it alone rejects, and how
 * many more would be eligible without it — and the smallest single changes that admit nodes. All of
 * it is set algebra on the node index: the pod is an AND of constraints (the cordon, the node name,
 * each untolerated taint, each nodeSelector entry, each policy) with an OR of required terms (each
 * an AND of requirements) and NodeAffinity's PreFilter; relaxing one constraint replaces its set by
 * "every node" and re-evaluates the expression, a few word-wide passes per constraint.
 *
 * Relaxing means what a person would change in the pod: drop the nodeSelector entry, the node name
 * or the requirement (a term left with no requirement lets every node through, as deleting the
 * required block would), or tolerate the taint (an `Equal` toleration for exactly it; the cordon:
 * `node.kubernetes.io/unschedulable` `Exists` for NoSchedule). A toleration added for one taint also
 * relaxes whatever else it tolerates.
 */
import type { ConstraintLeaf } from '../compile/pod-constraints.js';
import type { CompiledPod, FilterName, Rule } from '../compile/rule.js';
import type { Taint, Toleration } from '../model/types.js';
import { checkLabelValue } from '../model/validate-names.js';
import { andBits, andNotBits, copyBits, countBits, orBits, setBit, type Bits } from '../node-index/bitset.js';
import { forEachId } from '../node-index/id-set.js';
import type { NodeIndex } from '../node-index/node-index.js';
import { formatTaint, toleratesTaint, unschedulableTaint } from '../semantics/tolerations.js';

/** One constraint's row of the funnel. */
export interface WhyConstraint {
  /** The filter plugin that checks it, or `Policy`. */
  readonly filter: FilterName | 'Policy';
  readonly field: string;
  readonly constraint: string;
  /** For a taint: which one. */
  readonly taint?: Taint;
  /** Nodes that fail it. */
  readonly excludes: number;
  /** Nodes that fail it and pass everything else (for a term's requirement: that term's other requirements included). */
  readonly excludesOnly: number;
  /** How many more nodes would be eligible if it were relaxed. */
  readonly admitsIfRelaxed: number;
  /** For `In` requirements and nodeSelector entries: the values that would admit most nodes (top 5). */
  readonly values?: readonly { readonly value: string; readonly admits: number }[];
}

/** A single change to the pod that admits more nodes. */
export interface WhyFix {
  readonly change: string;
  readonly field: string;
  readonly admits: number;
}

/** How many nodes remain after each filter, in the scheduler's order. */
export interface FunnelStep {
  readonly filter: string;
  readonly remaining: number;
}

/** The answer of `why`. */
export interface WhyResult {
  readonly total: number;
  readonly eligible: number;
  readonly funnel: readonly FunnelStep[];
  readonly constraints: readonly WhyConstraint[];
  readonly nearestFixes: readonly WhyFix[];
}

/** A policy as `why` sees it: the nodes that pass it. */
export interface WhyPolicy {
  readonly name: string;
  readonly source: string;
  readonly passes: Bits;
}

/** A constraint judged over the pods already running (NodePorts, NodeResourcesFit, PodTopologySpread, InterPodAffinity): the nodes that pass it. */
export interface WhyCheck {
  readonly filter: 'NodePorts' | 'NodeResourcesFit' | 'PodTopologySpread' | 'InterPodAffinity';
  readonly field: string;
  readonly constraint: string;
  /** What relaxing it means, for fixes. */
  readonly change: string;
  readonly passes: Bits;
  /** Smaller changes than relaxing it outright, each with the nodes it would pass once made (pod-to-pod constraints). */
  readonly variants?: readonly WhyVariant[];
}

/** A change to the pod that makes a constraint pass on more nodes without dropping it. */
export interface WhyVariant {
  readonly change: string;
  readonly field: string;
  /** How disruptive it is, lower first (0: a value, 1: a toleration or a setting, 2: dropping a field). */
  readonly cost: number;
  /** The live nodes the constraint passes once the change is made. */
  readonly passes: Bits;
}

/** What `why` reads. */
export interface WhyInput {
  readonly compiled: CompiledPod;
  readonly index: NodeIndex;
  /** The live nodes satisfying a rule. */
  passing(rule: Rule): Bits;
  readonly policies: readonly WhyPolicy[];
  /** The constraints judged over the running pods (NodePorts to InterPodAffinity), when the cluster's pods were given. */
  readonly resources?: readonly WhyCheck[];
}

/** How many value alternatives are listed per `In`. */
const topValues = 5;
/** How many taint constraints are listed at most (the ones rejecting most nodes); the rest act as one. */
const maxTaints = 50;
const filterRank: Readonly<Record<WhyConstraint['filter'], number>> = { NodeUnschedulable: 0, NodeName: 1, TaintToleration: 2, NodeAffinity: 3, NodePorts: 4, NodeResourcesFit: 5, PodTopologySpread: 6, InterPodAffinity: 7, Policy: 8 };

/** A constraint with its set and what relaxing it means. */
interface Leaf {
  readonly row: Omit<WhyConstraint, 'excludes' | 'excludesOnly' | 'admitsIfRelaxed' | 'values'>;
  readonly pass: Bits;
  /** A toleration that relaxes it (and whatever else it tolerates), or dropping it. */
  readonly tolerate?: Toleration;
  /** The taint a toleration-type leaf stands for (to test other leaves' tolerations against it). */
  readonly tolerates?: Taint;
  /** The change in words, for fixes; and how disruptive it is (lower first). */
  readonly change: string;
  readonly cost: number;
  /** Inside required term `term`, at position `position` of its requirements. */
  readonly term?: number;
  readonly position?: number;
  /** For `In`-like leaves: the key, the allowed values, and how a value change is worded. */
  readonly alternatives?: { readonly key: string; readonly allowed: readonly string[]; readonly change: (value: string) => string };
  /** For a `metadata.name In` field: its matchFields index (NodeAffinity's PreFilter reads it). */
  readonly pinField?: number;
  /** Part of the expression but not listed (the taints past {@link maxTaints}, as one). */
  readonly hidden?: true;
  /** Changes that make it pass on more nodes (see {@link WhyCheck.variants}). */
  readonly variants?: readonly WhyVariant[];
}

/** The terms' structure: per term, its leaves (`undefined`: an empty or invalid term, which never matches) and name pins. */
interface TermShape {
  readonly leaves: readonly Leaf[] | undefined;
  readonly pins: readonly { readonly field: number; readonly values: readonly string[] }[];
}

/** Running ANDs of a list of sets from both ends, so "all but one" is one AND: `before[i] & after[i + 1]`. */
interface Products {
  readonly before: readonly Bits[];
  readonly after: readonly Bits[];
  readonly position: ReadonlyMap<Leaf, number>;
}

function products(leaves: readonly Leaf[], all: Bits, words: number): Products {
  const before: Bits[] = [all];
  for (const leaf of leaves) {
    const next = before[before.length - 1]!.slice();
    andBits(next, leaf.pass, words);
    before.push(next);
  }
  const after: Bits[] = new Array<Bits>(leaves.length + 1);
  after[leaves.length] = all;
  for (let i = leaves.length - 1; i >= 0; i--) {
    const next = after[i + 1]!.slice();
    andBits(next, leaves[i]!.pass, words);
    after[i] = next;
  }
  return { before, after, position: new Map(leaves.map((leaf, i) => [leaf, i])) };
}

/**
 * Evaluates the pod's expression over sets, with leaves optionally relaxed. Relaxing one leaf — the
 * common case — costs a few word-wide passes whatever the pod's size: running ANDs over the
 * top-level constraints and over each term's requirements, and running ORs over the terms, are
 * computed once; several leaves at once (a toleration that covers more than one) take the general way.
 */
class PodSets {
  readonly words: number;
  private readonly all: Bits;
  private readonly top: Products;
  private readonly termProducts: (Products | undefined)[];
  /** Running ORs of the whole terms from both ends (`orBefore[t] | orAfter[t + 1]`: every term but `t`). */
  private readonly orBefore: Bits[] = [];
  private readonly orAfter: Bits[] = [];
  private readonly basePreFilter: Bits;

  constructor(
    private readonly index: NodeIndex,
    private readonly topLeaves: readonly Leaf[],
    private readonly terms: readonly TermShape[] | undefined,
  ) {
    this.words = index.liveWords;
    this.all = index.alive;
    this.top = products(topLeaves, this.all, this.words);
    this.termProducts = (terms ?? []).map((t) => (t.leaves ? products(t.leaves, this.all, this.words) : undefined));
    const whole = this.termProducts.map((p) => (p ? p.after[0]! : new Uint32Array(this.all.length)));
    this.orBefore.push(new Uint32Array(this.all.length));
    for (const set of whole) {
      const next = this.orBefore[this.orBefore.length - 1]!.slice();
      orBits(next, set, this.words);
      this.orBefore.push(next);
    }
    this.orAfter = new Array<Bits>(whole.length + 1);
    this.orAfter[whole.length] = new Uint32Array(this.all.length);
    for (let t = whole.length - 1; t >= 0; t--) {
      const next = this.orAfter[t + 1]!.slice();
      orBits(next, whole[t]!, this.words);
      this.orAfter[t] = next;
    }
    this.basePreFilter = this.computePreFilter(new Set());
  }

  /** The eligible set with the leaves in `relaxed` treated as passing everywhere. */
  eligible(relaxed: ReadonlySet<Leaf>): Bits {
    const out = this.topWithout(relaxed);
    if (this.terms) {
      andBits(out, this.anyTerm(relaxed), this.words);
      andBits(out, this.preFilter(relaxed), this.words);
    }
    return out;
  }

  /** The AND of the top-level constraints not relaxed (a fresh set). */
  private topWithout(relaxed: ReadonlySet<Leaf>): Bits {
    const at = [...relaxed].map((leaf) => this.top.position.get(leaf)).filter((i): i is number => i !== undefined);
    if (at.length === 0) return this.top.after[0]!.slice();
    if (at.length === 1) {
      const out = this.top.before[at[0]!]!.slice();
      andBits(out, this.top.after[at[0]! + 1]!, this.words);
      return out;
    }
    const out = this.all.slice();
    for (const leaf of this.topLeaves) if (!relaxed.has(leaf)) andBits(out, leaf.pass, this.words);
    return out;
  }

  /** The OR of the terms, each the AND of its leaves not relaxed. */
  anyTerm(relaxed: ReadonlySet<Leaf>): Bits {
    const touched: { term: number; position: number }[] = [];
    this.termProducts.forEach((p, term) => {
      for (const leaf of relaxed) {
        const position = p?.position.get(leaf);
        if (position !== undefined) touched.push({ term, position });
      }
    });
    if (touched.length === 0) return this.orAfter[0]!;
    if (touched.length === 1) {
      const { term, position } = touched[0]!;
      const p = this.termProducts[term]!;
      const out = p.before[position]!.slice();
      andBits(out, p.after[position + 1]!, this.words);
      orBits(out, this.orBefore[term]!, this.words);
      orBits(out, this.orAfter[term + 1]!, this.words);
      return out;
    }
    const out = new Uint32Array(this.all.length);
    const term = new Uint32Array(this.all.length);
    for (const t of this.terms ?? []) {
      if (!t.leaves) continue;
      copyBits(term, this.all, this.words);
      for (const leaf of t.leaves) if (!relaxed.has(leaf)) andBits(term, leaf.pass, this.words);
      orBits(out, term, this.words);
    }
    return out;
  }

  /** NodeAffinity's PreFilter: the union over terms of each term's pinned names, when every term pins some. */
  preFilter(relaxed: ReadonlySet<Leaf>): Bits {
    for (const leaf of relaxed) if (leaf.pinField !== undefined) return this.computePreFilter(relaxed);
    return this.basePreFilter;
  }

  private computePreFilter(relaxed: ReadonlySet<Leaf>): Bits {
    const dropped = new Set<string>();
    for (const leaf of relaxed) if (leaf.pinField !== undefined) dropped.add(`${leaf.term}/${leaf.pinField}`);
    let union: Set<string> | undefined = new Set();
    (this.terms ?? []).forEach((t, i) => {
      const pins = t.pins.filter((p) => !dropped.has(`${i}/${p.field}`));
      if (!union || pins.length === 0) return void (union = undefined);
      let names = new Set(pins[0]!.values);
      for (const p of pins.slice(1)) names = new Set(p.values.filter((v) => names.has(v)));
      for (const name of names) union.add(name);
    });
    if (!union) return this.all;
    const out = new Uint32Array(this.all.length);
    for (const name of union) {
      if (name === '') orBits(out, this.index.nameless, this.words);
      const id = this.index.idOf(name);
      if (id !== undefined) setBit(out, id);
    }
    return out;
  }
}

function count(set: Bits, words: number): number {
  return countBits(set, words);
}

/** `a \ b`, counted. */
function countMinus(a: Bits, b: Bits, words: number, scratch: Bits): number {
  copyBits(scratch, a, words);
  andNotBits(scratch, b, words);
  return countBits(scratch, words);
}

/** Answers `why` for a compiled pod. */
export function why(input: WhyInput): WhyResult {
  const { index } = input;
  const words = index.liveWords;
  const { top, terms } = collectLeaves(input);
  const sets = new PodSets(index, top, terms);
  const none = new Set<Leaf>();
  const eligible = sets.eligible(none);
  const eligibleCount = count(eligible, words);
  const scratch = new Uint32Array(index.words);
  const allLeaves = [...top, ...(terms ?? []).flatMap((t) => t.leaves ?? [])];
  const rows: WhyConstraint[] = [];
  const fixes: (WhyFix & { cost: number })[] = [];
  for (const leaf of allLeaves) {
    if (leaf.hidden) continue;
    const relaxed = relaxationOf(leaf, allLeaves);
    const after = sets.eligible(relaxed);
    const admitsIfRelaxed = countMinus(after, eligible, words, scratch);
    const excludes = countMinus(index.alive, leaf.pass, words, scratch);
    const excludesOnly = countMinus(sets.eligible(new Set([leaf])), leaf.pass, words, scratch);
    const values = leaf.alternatives ? valueAlternatives(index, leaf, after, eligible, words) : undefined;
    rows.push({ ...leaf.row, excludes, excludesOnly, admitsIfRelaxed, ...(values ? { values } : {}) });
    if (admitsIfRelaxed > 0) fixes.push({ change: leaf.change, field: leaf.row.field, admits: admitsIfRelaxed, cost: leaf.cost });
    for (const v of values ?? []) fixes.push({ change: leaf.alternatives!.change(v.value), field: leaf.row.field, admits: v.admits, cost: 0 });
    for (const variant of leaf.variants ?? []) {
      // The others held fixed, as relaxing does: the nodes passing every other constraint and the changed one.
      const changed = sets.eligible(relaxed);
      andBits(changed, variant.passes, words);
      const admits = countMinus(changed, eligible, words, scratch);
      if (admits > 0) fixes.push({ change: variant.change, field: variant.field, admits, cost: variant.cost });
    }
  }
  // Pending: the least disruptive changes that admit any node; else the ones that admit the most.
  const pending = eligibleCount === 0;
  fixes.sort((a, b) => (pending ? a.cost - b.cost || b.admits - a.admits : b.admits - a.admits || a.cost - b.cost) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const nearestFixes = fixes.slice(0, 3).map(({ change, field, admits }) => ({ change, field, admits }));
  rows.sort((a, b) => filterRank[a.filter] - filterRank[b.filter]);
  return { total: index.size, eligible: eligibleCount, funnel: funnel(input, sets, top), constraints: rows, nearestFixes };
}

/** The leaves relaxed together with `leaf`: a toleration relaxes every taint (and the cordon) it tolerates. */
function relaxationOf(leaf: Leaf, leaves: readonly Leaf[]): Set<Leaf> {
  const relaxed = new Set([leaf]);
  if (!leaf.tolerate) return relaxed;
  const gates = { TaintTolerationComparisonOperators: false };
  for (const other of leaves) if (other.tolerates && toleratesTaint(leaf.tolerate, other.tolerates, gates)) relaxed.add(other);
  return relaxed;
}

/** For an `In`: each valid value outside the allowed ones, and how many of the nodes relaxing it admits carry that value. */
function valueAlternatives(index: NodeIndex, leaf: Leaf, after: Bits, eligible: Bits, words: number): { value: string; admits: number }[] | undefined {
  const { key, allowed } = leaf.alternatives!;
  const candidates = after.slice();
  andNotBits(candidates, eligible, words);
  const out: { value: string; admits: number }[] = [];
  const allowedSet = new Set(allowed);
  for (const [value, ids] of index.label(key)?.values ?? []) {
    // Only values a pod may name: an invalid one would make the requirement (and its term) fail.
    if (allowedSet.has(value) || checkLabelValue(value).length > 0) continue;
    let admits = 0;
    forEachId(ids, words, (id) => {
      if ((candidates[id >>> 5]! & (1 << (id & 31))) !== 0) admits++;
    });
    if (admits > 0) out.push({ value, admits });
  }
  out.sort((a, b) => b.admits - a.admits || (a.value < b.value ? -1 : 1));
  return out.slice(0, topValues);
}

/** Nodes remaining after each filter in the scheduler's order (the PreFilter first when it restricts). */
function funnel(input: WhyInput, sets: PodSets, top: readonly Leaf[]): FunnelStep[] {
  const { index } = input;
  const words = sets.words;
  const remaining = index.alive.slice();
  const steps: FunnelStep[] = [];
  const none = new Set<Leaf>();
  if (input.compiled.preFilterNames) {
    andBits(remaining, sets.preFilter(none), words);
    steps.push({ filter: 'NodeAffinity (PreFilter)', remaining: count(remaining, words) });
  }
  const judged = input.resources !== undefined;
  const overPods = new Set<string>(['NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity']);
  for (const filter of ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'Policy'] as const) {
    for (const leaf of top) if (leaf.row.filter === filter) andBits(remaining, leaf.pass, words);
    if (filter === 'NodeAffinity' && input.compiled.constraints.terms) andBits(remaining, sets.anyTerm(none), words);
    const shown = filter === 'Policy' ? input.policies.length > 0 : overPods.has(filter) ? judged : true;
    if (shown) steps.push({ filter, remaining: count(remaining, words) });
  }
  return steps;
}

/** The pod's constraints as leaves with their sets. */
function collectLeaves(input: WhyInput): { top: Leaf[]; terms: TermShape[] | undefined } {
  const { compiled, index } = input;
  const c = compiled.constraints;
  const top: Leaf[] = [];
  const pass = (leaf: ConstraintLeaf): Bits => input.passing(leaf.rule);
  const row = (leaf: ConstraintLeaf) => ({ filter: leaf.filter, field: leaf.field, constraint: leaf.text });
  if (c.cordon) {
    const tolerate: Toleration = { key: unschedulableTaint.key, operator: 'Exists', value: '', effect: 'NoSchedule' };
    top.push({ row: row(c.cordon), pass: pass(c.cordon), tolerate, tolerates: unschedulableTaint, change: 'tolerate node.kubernetes.io/unschedulable:NoSchedule (cordoned nodes)', cost: 1 });
  }
  if (c.nodeName) top.push({ row: row(c.nodeName), pass: pass(c.nodeName), change: 'remove spec.nodeName', cost: 3 });
  top.push(...taintLeaves(input));
  for (const leaf of c.nodeSelector) {
    const key = leaf.key!;
    const alternatives = { key, allowed: leaf.inValues!, change: (v: string) => `set nodeSelector ${key}=${v}` };
    top.push({ row: row(leaf), pass: pass(leaf), change: `remove nodeSelector ${key}=${leaf.inValues![0]}`, cost: 2, alternatives });
  }
  for (const c of input.resources ?? []) {
    top.push({ row: { filter: c.filter, field: c.field, constraint: c.constraint }, pass: c.passes, change: c.change, cost: 3, ...(c.variants ? { variants: c.variants } : {}) });
  }
  for (const p of input.policies) {
    const field = `policy ${p.name} (${p.source})`;
    top.push({ row: { filter: 'Policy', field, constraint: `policy ${p.name}` }, pass: p.passes, change: `exempt the workload from policy ${p.name}`, cost: 2 });
  }
  const terms = c.terms?.map((t): TermShape => {
    if (t.state !== 'ok') return { leaves: undefined, pins: t.namePins };
    const leaves = [...t.expressions, ...t.fields].map((leaf, position): Leaf => {
      const fieldIndex = position - t.expressions.length;
      const pin = fieldIndex >= 0 ? t.namePins.find((p) => p.field === fieldIndex) : undefined;
      const alternatives = leaf.inValues && fieldIndex < 0 ? { key: leaf.key!, allowed: leaf.inValues, change: (v: string) => `add ${JSON.stringify(v)} to ${leaf.text}` } : undefined;
      return {
        row: row(leaf),
        pass: pass(leaf),
        change: `remove ${leaf.text} from nodeSelectorTerms[${t.index}]`,
        cost: 2,
        term: t.index,
        position,
        ...(alternatives ? { alternatives } : {}),
        ...(pin ? { pinField: fieldIndex } : {}),
      };
    });
    return { leaves, pins: t.namePins };
  });
  return { top, terms };
}

/** One leaf per distinct untolerated blocking taint on the nodes, those rejecting most nodes first. */
function taintLeaves(input: WhyInput): Leaf[] {
  const rule = input.compiled.filters.TaintToleration;
  if (!('tolerates' in rule)) return [];
  const { index } = input;
  const gates = { TaintTolerationComparisonOperators: rule.tolerates.comparisonOperators };
  const words = index.liveWords;
  const field = input.compiled.constraints.tolerationsField;
  const leaves: (Leaf & { excluded: number })[] = [];
  for (const entry of index.taints.values()) {
    if (!entry.blocking || entry.ids === undefined) continue;
    if (rule.tolerates.tolerations.some((t) => toleratesTaint(t, entry.taint, gates))) continue;
    const pass = index.alive.slice();
    const carriers = new Uint32Array(index.words);
    forEachId(entry.ids, words, (id) => setBit(carriers, id));
    andNotBits(pass, carriers, words);
    const taint = entry.taint;
    const tolerate: Toleration = { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect };
    leaves.push({
      row: { filter: 'TaintToleration', field, constraint: `untolerated taint ${formatTaint(taint)}`, taint: { key: taint.key, value: taint.value, effect: taint.effect } },
      pass,
      tolerate,
      tolerates: taint,
      change: `tolerate ${formatTaint(taint)}`,
      cost: 1,
      excluded: count(carriers, words),
    });
  }
  leaves.sort((a, b) => b.excluded - a.excluded || (a.row.constraint < b.row.constraint ? -1 : 1));
  // Past the listed ones, the taints act as one constraint, so the work stays bounded; a taint the
  // cordon's toleration could also tolerate stays on its own, so relaxing the cordon stays exact.
  const listed = leaves.filter((leaf, i) => i < maxTaints || leaf.tolerates!.key === unschedulableTaint.key);
  const rest = leaves.filter((leaf) => !listed.includes(leaf));
  if (rest.length === 0) return listed;
  const pass = index.alive.slice();
  for (const leaf of rest) andBits(pass, leaf.pass, words);
  const hidden: Leaf = { row: { filter: 'TaintToleration', field, constraint: `${rest.length} more untolerated taints` }, pass, change: '', cost: 1, hidden: true };
  return [...listed, hidden];
}
