/**
 * The node index: built once over a node set, then updated in place. Each node gets a stable
 * integer id (freed ids are reused); label values, taints and cordons map to sets of ids, so a
 * pod's rule runs as a few set operations instead of a loop over nodes.
 */
import { PlacementError } from '../errors.js';
import type { Node, Taint } from '../model/types.js';
import { ImageSpread } from '../semantics/resources/image-locality.js';
import { isBlockingEffect } from '../semantics/tolerations.js';
import { clearBit, grownBits, setBit, setFirstBits, wordsToHold, type Bits } from './bitset.js';
import { addId, removeId, resizeIdSet, type IdSet } from './id-set.js';
import { ChangeLog } from './change-log.js';
import { LabelKeys, type LabelKeyEntry } from './label-keys.js';
import { NameTable } from './name-table.js';

export type { LabelKeyEntry } from './label-keys.js';

/** One distinct taint (key, value, effect) and the nodes that carry it. */
export interface TaintEntry {
  readonly taint: Taint;
  readonly blocking: boolean;
  ids: IdSet | undefined;
}

const taintId = (t: Taint): string => `${t.effect}\u0000${t.key}\u0000${t.value}`;

/** Does `taints[i]` repeat an earlier taint of the list (same key, value and effect)? Lists are short. */
function repeatsEarlier(taints: readonly Taint[], i: number): boolean {
  const t = taints[i]!;
  for (let j = 0; j < i; j++) {
    const u = taints[j]!;
    if (u.key === t.key && u.value === t.value && u.effect === t.effect) return true;
  }
  return false;
}

function sameTaints(a: Node, b: Node): boolean {
  if (a.unschedulable !== b.unschedulable || a.taints.length !== b.taints.length) return false;
  return a.taints.every((t, i) => taintId(t) === taintId(b.taints[i]!));
}

/** An incrementally maintained index of a node set. */
export class NodeIndex {
  /** Capacity in 32-bit words; every dense set has this length. */
  words = 1;
  /** Ids ever handed out; ids below it may be live. Evaluations scan `ceil(highWater / 32)` words. */
  highWater = 0;
  /** Node by id (`undefined` for free ids). */
  readonly nodes: (Node | undefined)[];
  /** Node name by id: a plain string array, so materializing answers is one load per node. */
  readonly names: string[];
  /** Named nodes' ids by name; the names are read from {@link names}. */
  private readonly idByName: NameTable;
  /** Every upsert and removal since the build, most recent last (bounded; see change-log.ts). */
  readonly changes = new ChangeLog();
  /** Label value sets, per key, built on first use (see label-keys.ts). */
  private readonly labelKeys = new LabelKeys(this);
  readonly taints = new Map<string, TaintEntry>();
  alive: Bits = new Uint32Array(1);
  cordoned: Bits = new Uint32Array(1);
  /** Nodes with an empty name: they have no fields, so every matchFields requirement passes (upstream quirk). */
  nameless: Bits = new Uint32Array(1);
  /**
   * Nodes that list one taint (key, value, effect) more than once, which only unvalidated input can
   * do. Taint sets hold such a node once; TaintToleration's score counts every listed taint, so the
   * scorer recounts these nodes one by one.
   */
  repeatedTaints: Bits = new Uint32Array(1);
  /**
   * Per node id, the id of its taint list (0: no taints). Nodes listing the same taints in the same
   * order share an id, so explanations group nodes by taints with one array read per node.
   */
  taintListIds: Int32Array = new Int32Array(32);
  /** Bumped when nodes are added or removed (sets of the form "all but ..." depend on it). */
  membershipVersion = 0;
  /** Bumped when any taint or cordon changes. */
  taintVersion = 0;
  private readonly free: number[] = [];
  /** Interned taint lists, reference-counted so churn cannot grow the table without bound. */
  private readonly taintLists = new Map<string, { readonly id: number; refs: number }>();
  private readonly freeTaintListIds: number[] = [];
  private nextTaintListId = 1;
  /** The taints of each taint-list id (see {@link taintListIds}). */
  private readonly taintListById: (readonly Taint[] | undefined)[] = [];
  /** See {@link images}; `undefined` until first read. */
  private imageStates: ImageSpread | undefined;

  /**
   * The scheduler cache's image states (ImageLocality): which nodes hold each image name. Built on
   * first read, from the live nodes in id order (an index that only decides never pays for it),
   * then kept in step with every add, replace and removal, as the cache's AddNode / UpdateNode /
   * RemoveNode keep it.
   */
  get images(): ImageSpread {
    if (!this.imageStates) {
      const states = new ImageSpread();
      for (const node of this.nodes) if (node) states.addNode(node.name, node.images);
      this.imageStates = states;
    }
    return this.imageStates;
  }

  /**
   * An index over `nodes`, added one by one. (The bulk build, {@link fromList}, hands in the
   * node and name arrays it made, ids in list order, and nothing to add.)
   */
  constructor(nodes: Iterable<Node> = [], byId: { nodes: (Node | undefined)[]; names: string[] } = { nodes: [], names: [] }) {
    this.nodes = byId.nodes;
    const names = (this.names = byId.names);
    this.idByName = new NameTable(names, names.length);
    for (const node of nodes) this.upsert(node);
  }

  /** A label key's node sets, or `undefined` when no live node has the key. */
  label(key: string): LabelKeyEntry | undefined {
    return this.labelKeys.get(key);
  }

  /** A label key's version: it changes whenever any node's value of the key changes. */
  labelVersion(key: string): number {
    return this.labelKeys.version(key);
  }

  /** How many label keys have their sets built (memory figures). */
  get builtLabelKeys(): number {
    return this.labelKeys.builtCount;
  }

  /**
   * A new index over a node list, ids in list order; a repeated name is an error. The bulk form of
   * {@link upsert}: one name-table insert per node (which tells a repeat), ids without a free list,
   * labels left to the per-key build, taints linked only for the ~10% of nodes that have any.
   */
  static fromList(nodes: readonly Node[]): NodeIndex {
    const n = nodes.length;
    const names = new Array<string>(n);
    for (let id = 0; id < n; id++) names[id] = nodes[id]!.name;
    const index = new NodeIndex([], { nodes: nodes.slice(), names });
    index.reserve(n);
    const byName = index.idByName;
    for (let id = 0; id < n; id++) {
      const node = nodes[id]!;
      if (node.name === '') {
        setBit(index.nameless, id);
        index.namelessCount++;
      } else if (!byName.add(node.name, id)) {
        throw new PlacementError('invalid', `duplicate node name ${JSON.stringify(node.name)}`);
      }
      if (node.taints.length > 0 || node.unschedulable) index.linkTaints(id, node);
    }
    setFirstBits(index.alive, n);
    index.highWater = n;
    if (nodes.length > 0) {
      index.labelKeys.touchCold();
      index.membershipVersion++;
    }
    return index;
  }

  /** The taints of a taint-list id, in the order the nodes sharing it list them; `[]` for 0. */
  taintList(id: number): readonly Taint[] {
    return this.taintListById[id] ?? [];
  }

  /** Number of live nodes. */
  get size(): number {
    return this.idByName.size + this.namelessCount;
  }
  private namelessCount = 0;

  /** Words that can hold a live id. */
  get liveWords(): number {
    return (this.highWater + 31) >>> 5;
  }

  /** The id of a node by name. */
  idOf(name: string): number | undefined {
    return this.idByName.get(name);
  }

  /** Adds a node, or replaces the node of the same name in place (same id, only the differences touched). */
  upsert(node: Node): number {
    const existing = node.name === '' ? undefined : this.idByName.get(node.name);
    if (existing !== undefined) {
      this.replace(existing, this.nodes[existing]!, node);
      return existing;
    }
    const id = this.free.pop() ?? this.highWater++;
    this.ensureCapacity(id);
    setBit(this.alive, id);
    if (node.name === '') {
      setBit(this.nameless, id);
      this.namelessCount++;
    } else {
      this.idByName.add(node.name, id);
    }
    // Before any key is built (a bulk build), a node's labels cost one version bump, not one per label.
    if (this.labelKeys.isCold) {
      if (node.labels.size > 0) this.labelKeys.touchCold();
    } else {
      node.labels.forEach((value, key) => this.labelKeys.add(id, key, value));
    }
    this.linkTaints(id, node);
    this.imageStates?.addNode(node.name, node.images);
    this.nodes[id] = node;
    this.names[id] = node.name;
    this.membershipVersion++;
    this.changes.record({ id, name: node.name, membership: true, keys: [], taints: true });
    return id;
  }

  /** Removes a node by name; its id is reused by a later add. */
  remove(name: string): boolean {
    const id = this.idByName.get(name);
    if (id === undefined) return false;
    const node = this.nodes[id]!;
    for (const [key, value] of node.labels) this.labelKeys.remove(id, key, value);
    this.unlinkTaints(id, node);
    this.imageStates?.removeNode(name, node.images);
    this.idByName.delete(name);
    this.nodes[id] = undefined;
    this.names[id] = '';
    clearBit(this.alive, id);
    this.free.push(id);
    this.membershipVersion++;
    this.changes.record({ id, name, membership: true, keys: [], taints: true });
    return true;
  }

  /** Live nodes in id order (the input order for an index built from a list). */
  liveNodes(): Node[] {
    return this.nodes.filter((n): n is Node => n !== undefined);
  }

  /** An informer-style update: touch only the labels that changed, and taints only if they did. */
  private replace(id: number, old: Node, node: Node): void {
    const keys: string[] = [];
    for (const [key, value] of old.labels) {
      if (node.labels.get(key) === value) continue;
      this.labelKeys.remove(id, key, value);
      keys.push(key);
    }
    for (const [key, value] of node.labels) {
      if (old.labels.get(key) === value) continue;
      this.labelKeys.add(id, key, value);
      if (!old.labels.has(key)) keys.push(key);
    }
    const relinked = !sameTaints(old, node);
    if (relinked) {
      this.unlinkTaints(id, old);
      this.linkTaints(id, node);
    }
    if (this.imageStates && old.images !== node.images) {
      this.imageStates.removeNode(old.name, old.images);
      this.imageStates.addNode(node.name, node.images);
    }
    this.nodes[id] = node;
    // The sets ignore when a taint was added; eviction deadlines do not.
    const taints = relinked || old.taints.some((t, i) => t.timeAdded !== node.taints[i]!.timeAdded);
    this.changes.record({ id, name: node.name, membership: false, keys, taints });
  }

  private linkTaints(id: number, node: Node): void {
    const taints = node.taints;
    for (let i = 0; i < taints.length; i++) {
      const taint = taints[i]!;
      // A set holds each id once (addId's precondition); a repeated taint only flags the node.
      if (repeatsEarlier(taints, i)) {
        setBit(this.repeatedTaints, id);
        continue;
      }
      const tid = taintId(taint);
      let entry = this.taints.get(tid);
      if (!entry) {
        const copy = { key: taint.key, value: taint.value, effect: taint.effect };
        this.taints.set(tid, (entry = { taint: copy, blocking: isBlockingEffect(taint.effect), ids: undefined }));
      }
      entry.ids = addId(entry.ids, id, this.words);
    }
    if (taints.length > 0) this.taintListIds[id] = this.internTaintList(taints);
    if (node.unschedulable) setBit(this.cordoned, id);
    if (node.taints.length > 0 || node.unschedulable) this.taintVersion++;
  }

  private internTaintList(taints: readonly Taint[]): number {
    const key = taints.map(taintId).join('\u0001');
    const entry = this.taintLists.get(key);
    if (entry) {
      entry.refs++;
      return entry.id;
    }
    const id = this.freeTaintListIds.pop() ?? this.nextTaintListId++;
    this.taintLists.set(key, { id, refs: 1 });
    this.taintListById[id] = taints;
    return id;
  }

  private releaseTaintList(taints: readonly Taint[]): void {
    const key = taints.map(taintId).join('\u0001');
    const entry = this.taintLists.get(key)!;
    if (--entry.refs > 0) return;
    this.taintLists.delete(key);
    this.taintListById[entry.id] = undefined;
    this.freeTaintListIds.push(entry.id);
  }

  private unlinkTaints(id: number, node: Node): void {
    const taints = node.taints;
    for (let i = 0; i < taints.length; i++) {
      if (repeatsEarlier(taints, i)) continue; // linked once, with its first occurrence
      const tid = taintId(taints[i]!);
      const entry = this.taints.get(tid);
      if (!entry || entry.ids === undefined) continue;
      entry.ids = removeId(entry.ids, id);
      if (entry.ids === undefined) this.taints.delete(tid);
    }
    clearBit(this.repeatedTaints, id);
    if (taints.length > 0) {
      this.releaseTaintList(taints);
      this.taintListIds[id] = 0;
    }
    if (node.unschedulable) clearBit(this.cordoned, id);
    if (node.taints.length > 0 || node.unschedulable) this.taintVersion++;
  }

  /** Makes room for `count` more nodes at once, so a bulk build does not grow the sets step by step. */
  reserve(count: number): void {
    if (count > 0) this.ensureCapacity(this.highWater + count - 1);
  }

  /** Doubles the capacity until `id` fits, growing every dense set. */
  private ensureCapacity(id: number): void {
    if (id < this.words * 32) return;
    const words = wordsToHold(id, this.words);
    const grow = (bits: Bits): Bits => grownBits(bits, words);
    this.alive = grow(this.alive);
    this.cordoned = grow(this.cordoned);
    this.nameless = grow(this.nameless);
    this.repeatedTaints = grow(this.repeatedTaints);
    const listIds = new Int32Array(words * 32);
    listIds.set(this.taintListIds);
    this.taintListIds = listIds;
    this.labelKeys.resize(words);
    for (const entry of this.taints.values()) if (entry.ids !== undefined) entry.ids = resizeIdSet(entry.ids, words);
    this.words = words;
  }
}

/** Builds an index over a node list; ids follow the list order. Names must be unique. */
export function buildNodeIndex(nodes: readonly Node[]): NodeIndex {
  return NodeIndex.fromList(nodes);
}
