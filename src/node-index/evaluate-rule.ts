/**
 * Runs a {@link Rule} over a {@link NodeIndex} as set operations. `evalInto` writes the rule's node
 * set into a buffer; `andInto` intersects it into one, fused where the rule allows (a NotIn is a
 * few clears, a dense In value one AND pass). Scratch buffers come from a per-depth pool.
 *
 * Memoization: the set of every composite rule (`and`/`or`), every multi-value `In`, every Gt/Lt
 * range and every pod's untolerated-taint union is kept per rule object — compiled rules are
 * cached, so the objects are stable — tagged with the versions of exactly what it read (its label
 * keys, membership, taints; see rule-deps.ts). A change elsewhere leaves it valid; a change to
 * what it read recomputes it on next use. Nothing is ever served stale.
 */
import type { Rule } from '../compile/rule.js';
import { toleratesTaint } from '../semantics/tolerations.js';
import { parseGoInt64 } from '../model/int64.js';
import { andBits, andNotBits, clearBit, copyBits, orBits, setBit, type Bits } from './bitset.js';
import { andIdSet, andNotIdSet, orIdSet, type IdSet } from './id-set.js';
import type { NodeIndex } from './node-index.js';
import { depsOf, type RuleDeps } from './rule-deps.js';

type TolerationsRule = Extract<Rule, { readonly tolerates: unknown }>;

/** A rule's node set with the versions it was computed at. */
interface Memo {
  readonly stamps: number[];
  readonly bits: Bits;
}

/** Evaluator options. */
export interface EvaluatorOptions {
  /** Keep computed sets between evaluations (default true). Off, every evaluation starts from the index. */
  readonly memoize?: boolean;
}

/** Evaluates rules against one index; keep one per index and reuse it. */
export class RuleEvaluator {
  private pool: Bits[] = [];
  private poolWords = 0;
  private memos = new WeakMap<object, Memo>();
  /** Rules evaluated once: a rule is memoized from its second use, so one-off pods allocate nothing. */
  private seen = new WeakSet<object>();
  private memoWords = 0;
  private readonly memoize: boolean;
  private readonly numericViews = new Map<string, { version: number; entries: { n: bigint; ids: IdSet }[] }>();

  constructor(readonly index: NodeIndex, options: EvaluatorOptions = {}) {
    this.memoize = options.memoize ?? true;
    // Memos are sized to the index; starting in step means the first memo does not reset `seen`.
    this.memoWords = index.words;
  }

  /** Words in play for the current node set. */
  get words(): number {
    return this.index.liveWords;
  }

  /** A scratch buffer for recursion depth `depth` (1 and up). */
  scratch(depth: number): Bits {
    if (this.poolWords !== this.index.words) {
      this.pool = [];
      this.poolWords = this.index.words;
    }
    let buf = this.pool[depth];
    if (!buf) this.pool[depth] = buf = new Uint32Array(this.poolWords);
    return buf;
  }

  /** out = the set of live nodes that satisfy `rule`. */
  evalInto(rule: Rule, out: Bits, depth = 1): void {
    if (this.useMemo(rule)) copyBits(out, this.memoized(rule, depsOf(rule), (bits) => this.compute(rule, bits, depth + 1)), this.words);
    else this.compute(rule, out, depth);
  }

  /** out &= the set of nodes that satisfy `rule`. */
  andInto(rule: Rule, out: Bits, depth = 1): void {
    const words = this.words;
    const index = this.index;
    if (this.useMemo(rule)) {
      andBits(out, this.memoized(rule, depsOf(rule), (bits) => this.compute(rule, bits, depth + 1)), words);
    } else if ('and' in rule) {
      for (const arg of rule.and) this.andInto(arg, out, depth);
    } else if ('notIn' in rule) {
      const values = index.label(rule.notIn.key)?.values;
      if (values) for (const v of rule.notIn.values) {
        const ids = values.get(v);
        if (ids !== undefined) andNotIdSet(out, ids, words);
      }
    } else if ('doesNotExist' in rule) {
      const present = index.label(rule.doesNotExist)?.present;
      if (present !== undefined) andNotIdSet(out, present, words);
    } else if ('exists' in rule) {
      const present = index.label(rule.exists)?.present;
      if (present === undefined) out.fill(0, 0, words);
      else andIdSet(out, present, words, this.scratch(depth));
    } else if ('in' in rule && rule.in.values.length === 1) {
      const ids = index.label(rule.in.key)?.values.get(rule.in.values[0]!);
      if (ids === undefined) out.fill(0, 0, words);
      else andIdSet(out, ids, words, this.scratch(depth));
    } else if ('nameNotIn' in rule) {
      for (const name of rule.nameNotIn) {
        const id = index.idOf(name);
        if (id !== undefined) clearBit(out, id);
      }
    } else if ('schedulable' in rule) {
      andNotBits(out, index.cordoned, words);
    } else if ('tolerates' in rule) {
      andNotBits(out, this.untoleratedSet(rule), words);
    } else if ('const' in rule) {
      if (!rule.const) out.fill(0, 0, words);
    } else {
      const tmp = this.scratch(depth);
      this.compute(rule, tmp, depth + 1);
      andBits(out, tmp, words);
    }
  }

  /** Computes a rule's set from the index (no memo at this level). */
  private compute(rule: Rule, out: Bits, depth: number): void {
    const words = this.words;
    const index = this.index;
    if ('and' in rule) {
      this.evalInto(rule.and[0]!, out, depth);
      for (let i = 1; i < rule.and.length; i++) this.andInto(rule.and[i]!, out, depth);
    } else if ('or' in rule) {
      out.fill(0, 0, words);
      const tmp = this.scratch(depth);
      for (const arg of rule.or) {
        if ('in' in arg && !this.useMemo(arg)) this.orValues(arg.in.key, arg.in.values, out);
        else {
          this.evalInto(arg, tmp, depth + 1);
          orBits(out, tmp, words);
        }
      }
    } else if ('const' in rule) {
      if (rule.const) copyBits(out, index.alive, words);
      else out.fill(0, 0, words);
    } else if ('in' in rule) {
      out.fill(0, 0, words);
      this.orValues(rule.in.key, rule.in.values, out);
    } else if ('exists' in rule) {
      out.fill(0, 0, words);
      const present = index.label(rule.exists)?.present;
      if (present !== undefined) orIdSet(out, present, words);
    } else if ('range' in rule) {
      out.fill(0, 0, words);
      this.orRange(rule.range, out);
    } else if ('nodeName' in rule) {
      out.fill(0, 0, words);
      const id = index.idOf(rule.nodeName);
      if (id !== undefined) setBit(out, id);
    } else if ('nameIn' in rule) {
      // Nameless nodes have no fields, so field requirements pass for them.
      copyBits(out, index.nameless, words);
      for (const name of rule.nameIn) {
        const id = index.idOf(name);
        if (id !== undefined) setBit(out, id);
      }
    } else {
      // The rest are "all live nodes but ...": start from all and remove.
      copyBits(out, index.alive, words);
      this.andInto(rule, out, depth);
    }
  }

  /** Should this rule's set be kept? Only multi-pass rules, and only from their second evaluation on. */
  private useMemo(rule: object & Rule): boolean {
    if (!this.memoize || !isMemoizable(rule)) return false;
    if (this.memos.has(rule) || this.seen.has(rule)) return true;
    this.seen.add(rule);
    return false;
  }

  /** The memo of `owner`, recomputed when any version it depends on has moved. */
  private memoized(owner: object, deps: RuleDeps, compute: (out: Bits) => void): Bits {
    const index = this.index;
    if (this.memoWords !== index.words) {
      this.memos = new WeakMap();
      this.seen = new WeakSet();
      this.memoWords = index.words;
    }
    const memo = this.memos.get(owner);
    if (memo && this.fresh(memo.stamps, deps)) return memo.bits;
    const bits = memo?.bits ?? new Uint32Array(index.words);
    bits.fill(0);
    compute(bits);
    this.memos.set(owner, { stamps: this.stampsOf(deps), bits });
    return bits;
  }

  /** The versions a value computed from `rule` now depends on (for callers' own caches). */
  versionsOf(rule: Rule): number[] {
    return this.stampsOf(depsOf(rule));
  }

  /** Are `versions` (from {@link versionsOf}) still current for `rule`? */
  isCurrent(rule: Rule, versions: readonly number[]): boolean {
    return this.fresh(versions, depsOf(rule));
  }

  private stampsOf(deps: RuleDeps): number[] {
    const index = this.index;
    const stamps = deps.keys.map((k) => index.labelVersion(k));
    stamps.push(deps.membership ? this.index.membershipVersion : 0, deps.taints ? this.index.taintVersion : 0);
    return stamps;
  }

  private fresh(stamps: readonly number[], deps: RuleDeps): boolean {
    const index = this.index;
    const keys = deps.keys;
    for (let i = 0; i < keys.length; i++) if (index.labelVersion(keys[i]!) !== stamps[i]) return false;
    return stamps[keys.length] === (deps.membership ? this.index.membershipVersion : 0) && stamps[keys.length + 1] === (deps.taints ? this.index.taintVersion : 0);
  }

  /** The nodes with at least one blocking taint that none of the tolerations tolerates. */
  private untoleratedSet(rule: TolerationsRule): Bits {
    const compute = (out: Bits): void => {
      const gates = { TaintTolerationComparisonOperators: rule.tolerates.comparisonOperators };
      const effects: readonly string[] | undefined = rule.tolerates.effects;
      for (const entry of this.index.taints.values()) {
        if (entry.ids === undefined || (effects ? !effects.includes(entry.taint.effect) : !entry.blocking)) continue;
        if (!rule.tolerates.tolerations.some((t) => toleratesTaint(t, entry.taint, gates))) orIdSet(out, entry.ids, this.words);
      }
    };
    if (this.memoize && (this.memos.has(rule.tolerates) || this.seen.has(rule.tolerates))) return this.memoized(rule.tolerates, taintDeps, compute);
    if (this.memoize) this.seen.add(rule.tolerates);
    const tmp = this.scratch(0);
    tmp.fill(0);
    compute(tmp);
    return tmp;
  }

  private orValues(key: string, values: readonly string[], out: Bits): void {
    const entry = this.index.label(key);
    if (!entry) return;
    for (const v of values) {
      const ids = entry.values.get(v);
      if (ids !== undefined) orIdSet(out, ids, this.words);
    }
  }

  /** Gt/Lt: OR of the value sets whose int64 parse lies in the bounds, over a sorted numeric view of the key. */
  private orRange(range: { key: string; min?: string; max?: string }, out: Bits): void {
    const entry = this.index.label(range.key);
    if (!entry) return;
    let view = this.numericViews.get(range.key);
    if (!view || view.version !== entry.version) {
      const entries: { n: bigint; ids: IdSet }[] = [];
      for (const [value, ids] of entry.values) {
        const n = parseGoInt64(value);
        if (n !== undefined) entries.push({ n, ids });
      }
      entries.sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
      view = { version: entry.version, entries };
      this.numericViews.set(range.key, view);
    }
    const min = range.min === undefined ? undefined : BigInt(range.min);
    const max = range.max === undefined ? undefined : BigInt(range.max);
    for (const { n, ids } of view.entries) {
      if (min !== undefined && n < min) continue;
      if (max !== undefined && n > max) break;
      orIdSet(out, ids, this.words);
    }
  }
}

/** The untolerated-taint union depends on the taints alone (removed nodes leave the taint sets). */
const taintDeps: RuleDeps = { keys: [], membership: false, taints: true };

/** Is the rule worth memoizing: does computing it take more than one pass? */
function isMemoizable(rule: Rule): boolean {
  return 'and' in rule || 'or' in rule || 'range' in rule || ('in' in rule && rule.in.values.length > 1);
}
