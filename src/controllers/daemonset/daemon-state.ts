/**
 * A DaemonSet's per-node answers kept as sets over the node index and brought up to date
 * incrementally. The DaemonSet controller re-checks every DaemonSet against a node on every node
 * event and walks every node on every sync; here a node event costs, per DaemonSet whose rules read
 * what changed (a label key they read, taints, the node's existence), one node judged again, and a
 * DaemonSet whose rules read none of it costs a look at the change. Answers are only brought up to
 * date when asked for, from the index's change log; a state further behind than the log keeps
 * starts over with four set evaluations. Each node touched is noted with the version it made (see
 * {@link TouchedNode}), so a kept plan can tell whether anything it read moved (daemon-plans.ts).
 */
import type { PreparedPod } from '../../eval/filters.js';
import { andBits, clearBit, copyBits, countBits, hasBit, setBit, type Bits } from '../../node-index/bitset.js';
import type { NodeChange } from '../../node-index/change-log.js';
import type { RuleEvaluator } from '../../node-index/evaluate-rule.js';
import { depsOf } from '../../node-index/rule-deps.js';
import type { Node } from '../../model/types.js';
import type { NodeAnswers, TouchedNode } from './node-answers.js';
import { checkNode, decision, type DaemonNodeAnswer, type DaemonRules, type NodeDecision } from './should-run.js';

/** What changed in a DaemonSet's answers since a node generation. */
export interface DaemonSetChanges {
  /** The node generation the answers are at now: the `since` of the next question. */
  readonly generation: number;
  /** False when `since` is older than the changes kept: take a full plan instead. */
  readonly complete: boolean;
  /** The nodes whose answer changed (or that were added), with their answer now, in node order. */
  readonly changed: readonly DaemonNodeAnswer[];
  /** The nodes removed since. */
  readonly removed: readonly string[];
}

/** Answers that changed, kept for {@link DaemonState.changesSince}: bounded, oldest dropped first. */
const maxHistory = 4096;

const runs: NodeDecision = Object.freeze({ shouldRun: true, shouldContinueRunning: true, reasons: Object.freeze([]) as readonly string[] });

/** One DaemonSet's answers over one index. */
export class DaemonState implements NodeAnswers {
  /** Per check (node name, affinity, taints, NoExecute taints) the nodes that pass it. */
  private checks: Bits[] = [];
  /** The nodes that should run the daemon pod: all three placement checks pass. */
  private run: Bits = new Uint32Array(0);
  private runCount = 0;
  /** The index change position the answers are at. */
  private at = 0;
  private words = 0;
  private cachedList: DaemonNodeAnswer[] | undefined;
  /** Per id, its entry in `cachedList`. */
  private listIndex = new Int32Array(0);
  /**
   * Ids whose answer changed since `cachedList` was built: patched into a copy when the list is
   * next asked for, so a change costs no copy of the list unless a plan with the list follows.
   */
  private staleInList: number[] = [];
  /** Bumped whenever any answer, or any node's taints, change (see {@link NodeAnswers.version}). */
  version = 0;
  /** The nodes touched, one per version bump since `touchedFrom` (see {@link touchedSince}). */
  private touched: TouchedNode[] = [];
  private touchedFrom = 0;
  /** Change positions and names of nodes whose answer changed; complete from `historyFrom` on. */
  private history: { at: number; name: string }[] = [];
  private historyFrom = 0;
  private readonly keys: ReadonlySet<string>;
  private readonly readsTaints: boolean;

  constructor(
    private readonly rules: DaemonRules,
    private readonly prepared: PreparedPod,
    private readonly evaluator: RuleEvaluator,
  ) {
    const deps = depsOf({ and: [rules.nodeName, rules.affinity, rules.taints, rules.noExecute] });
    this.keys = new Set(deps.keys);
    this.readsTaints = deps.taints;
    this.rebuild();
  }

  /** Brings the answers up to date with the index. */
  refresh(): void {
    const index = this.evaluator.index;
    if (this.at === index.changes.position) return;
    const changes = index.changes.since(this.at);
    if (!changes) {
      this.rebuild();
      return;
    }
    if (this.words !== index.words) this.grow(index.words);
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const judged = this.reads(change) && this.judge(change, this.at + i);
      // A plan's evictions read the taints of nodes with pods, whatever the answers say.
      if (!judged && change.taints) this.touch({ position: change.id, name: change.name, membership: false, runFlip: false });
    }
    this.at = index.changes.position;
  }

  /**
   * The nodes touched since `version`, oldest first (one per version step), or `undefined` when
   * some are no longer kept (the answers were built again, or more changed than the journal holds).
   */
  touchedSince(version: number): readonly TouchedNode[] | undefined {
    this.refresh();
    if (version < this.touchedFrom || version > this.version) return undefined;
    return this.touched.slice(this.touched.length - (this.version - version));
  }

  /** What changed since node generation `since` (see {@link DaemonSetChanges}). */
  changesSince(since: number): DaemonSetChanges {
    this.refresh();
    const index = this.evaluator.index;
    if (since < this.historyFrom || since > this.at) return { generation: this.at, complete: false, changed: [], removed: [] };
    const names = new Set<string>();
    for (let i = this.history.length - 1; i >= 0 && this.history[i]!.at >= since; i--) names.add(this.history[i]!.name);
    const changed: { id: number; answer: DaemonNodeAnswer }[] = [];
    const removed: string[] = [];
    for (const name of names) {
      const id = index.idOf(name);
      if (id === undefined) removed.push(name);
      else changed.push({ id, answer: { node: name, ...this.decision(id) } });
    }
    changed.sort((a, b) => a.id - b.id);
    return { generation: this.at, complete: true, changed: changed.map((c) => c.answer), removed: removed.sort() };
  }

  get shouldRunCount(): number {
    return this.runCount;
  }

  position(name: string): number | undefined {
    return this.evaluator.index.idOf(name);
  }

  node(position: number): Node {
    return this.evaluator.index.nodes[position]!;
  }

  decision(position: number): NodeDecision {
    if (hasBit(this.run, position)) return runs;
    const [name, affinity, taints, noExecute] = this.checks as [Bits, Bits, Bits, Bits];
    return decision(hasBit(name, position), hasBit(affinity, position), hasBit(taints, position), hasBit(noExecute, position));
  }

  forEachShouldRun(visit: (position: number) => boolean): void {
    const run = this.run;
    const words = this.evaluator.index.liveWords;
    for (let i = 0; i < words; i++) {
      let w = run[i]!;
      while (w !== 0) {
        const low = w & -w;
        if (!visit((i << 5) + 31 - Math.clz32(low))) return;
        w ^= low;
      }
    }
  }

  /**
   * Every live node's answer in id order. A node updated in place keeps its entry: after changes
   * the list is copied once with those entries replaced (plans already given out keep theirs);
   * after a node is added or removed it is built again.
   */
  list(): readonly DaemonNodeAnswer[] {
    const cached = this.cachedList;
    if (cached && this.staleInList.length === 0) return cached;
    if (cached) {
      const copy = cached.slice();
      for (const id of this.staleInList) copy[this.listIndex[id]!] = { node: this.evaluator.index.names[id]!, ...this.decision(id) };
      this.staleInList = [];
      return (this.cachedList = copy);
    }
    const index = this.evaluator.index;
    const out: DaemonNodeAnswer[] = [];
    this.listIndex = new Int32Array(index.highWater);
    for (let id = 0; id < index.highWater; id++) {
      if (index.nodes[id] === undefined) continue;
      this.listIndex[id] = out.length;
      out.push({ node: index.names[id]!, ...this.decision(id) });
    }
    return (this.cachedList = out);
  }

  /** Does the change touch anything the DaemonSet's rules read? */
  private reads(change: NodeChange): boolean {
    if (change.membership || (change.taints && this.readsTaints)) return true;
    for (const key of change.keys) if (this.keys.has(key)) return true;
    return false;
  }

  /**
   * Judges the node at the change's id again, the way the reference does, one node; false when
   * its answer stayed the same.
   */
  private judge(change: NodeChange, at: number): boolean {
    const id = change.id;
    const node = this.evaluator.index.nodes[id];
    const [name, affinity, taints, noExecute] = this.checks as [Bits, Bits, Bits, Bits];
    const before = [hasBit(name, id), hasBit(affinity, id), hasBit(taints, id), hasBit(noExecute, id)];
    const c = node ? checkNode(this.prepared, node) : undefined;
    const after = c ? [c.nameOk, c.affinityOk, c.taintsOk, c.noExecuteOk] : [false, false, false, false];
    if (!change.membership && before.every((b, i) => b === after[i])) return false;
    for (let i = 0; i < 4; i++) (after[i] ? setBit : clearBit)(this.checks[i]!, id);
    const runs = after[0]! && after[1]! && after[2]!;
    const runFlip = runs !== hasBit(this.run, id);
    if (runFlip) {
      (runs ? setBit : clearBit)(this.run, id);
      this.runCount += runs ? 1 : -1;
    }
    if (change.membership) {
      this.cachedList = undefined;
      this.staleInList = [];
    } else if (this.cachedList) {
      this.staleInList.push(id);
    }
    this.touch({ position: id, name: change.name, membership: change.membership, runFlip });
    this.remember(at, change.name);
    return true;
  }

  private touch(node: TouchedNode): void {
    this.version++;
    this.touched.push(node);
    if (this.touched.length <= 2 * maxHistory) return;
    this.touched.splice(0, this.touched.length - maxHistory);
    this.touchedFrom = this.version - maxHistory;
  }

  private remember(at: number, name: string): void {
    this.history.push({ at, name });
    if (this.history.length <= 2 * maxHistory) return;
    const dropped = this.history.splice(0, this.history.length - maxHistory);
    this.historyFrom = dropped[dropped.length - 1]!.at + 1;
  }

  /** Every answer from the index: four set evaluations. Changes before now are no longer known. */
  private rebuild(): void {
    const index = this.evaluator.index;
    const rules = [this.rules.nodeName, this.rules.affinity, this.rules.taints, this.rules.noExecute];
    this.checks = rules.map((rule) => {
      const bits = new Uint32Array(index.words);
      this.evaluator.evalInto(rule, bits);
      return bits;
    });
    this.run = new Uint32Array(index.words);
    copyBits(this.run, this.checks[0]!, index.words);
    andBits(this.run, this.checks[1]!, index.words);
    andBits(this.run, this.checks[2]!, index.words);
    this.runCount = countBits(this.run, index.words);
    this.words = index.words;
    this.at = index.changes.position;
    this.cachedList = undefined;
    this.staleInList = [];
    this.version++;
    this.touched = [];
    this.touchedFrom = this.version;
    this.history = [];
    this.historyFrom = this.at;
  }

  /** The index grew: every set grows with it. */
  private grow(words: number): void {
    const grown = (bits: Bits): Bits => {
      const out = new Uint32Array(words);
      out.set(bits);
      return out;
    };
    this.checks = this.checks.map(grown);
    this.run = grown(this.run);
    this.words = words;
  }
}
