/**
 * The map over a changing node set and workload list: a version that moves whenever either
 * changes (the engine replaced, a node upserted or removed, a workload registered, replaced or
 * deleted), and the map and pools computed once per version, so pages polling for changes cost a
 * comparison each, not a map each.
 */
import type { Engine } from '../api/engine.js';
import type { ImpactTarget } from '../api/impact.js';
import { buildReportWithPools } from './build-report.js';
import type { NodePools } from './pools.js';
import type { ReportData } from './report-data.js';

/** Maps kept per version: one per `groupBy` asked, at most this many. */
const maxKept = 4;

/** Tracks what the live map was computed from. */
export class LiveReport {
  private engine: Engine | undefined;
  private generation = -1;
  private targets: readonly ImpactTarget[] = [];
  private current = 0;
  private readonly maps = new Map<string, { readonly data: ReportData; readonly pools: NodePools }>();

  /** The version of (engine, its node generation, targets): bumped when any differs from the last call's. */
  version(engine: Engine, targets: readonly ImpactTarget[]): number {
    const same = engine === this.engine && engine.generation === this.generation && targets.length === this.targets.length && targets.every((t, i) => t === this.targets[i]);
    if (!same) {
      this.engine = engine;
      this.generation = engine.generation;
      this.targets = [...targets];
      this.current++;
      this.maps.clear();
    }
    return this.current;
  }

  /** The map (without details: the page fetches them on click) for the current version. */
  report(engine: Engine, targets: readonly ImpactTarget[], now: number, groupBy?: string): ReportData {
    return this.computed(engine, targets, now, groupBy).data;
  }

  /** The names of a pool's nodes, as the current map groups them; undefined for an unknown pool. */
  poolNodes(engine: Engine, targets: readonly ImpactTarget[], now: number, pool: string, groupBy?: string): string[] | undefined {
    const { data, pools } = this.computed(engine, targets, now, groupBy);
    const at = data.pools.findIndex((p) => p.name === pool);
    if (at < 0) return undefined;
    const nodes = engine.nodes;
    const names: string[] = [];
    pools.poolOf.forEach((p, position) => {
      if (p === at) names.push(nodes[position]!.name);
    });
    return names;
  }

  private computed(engine: Engine, targets: readonly ImpactTarget[], now: number, groupBy: string | undefined): { data: ReportData; pools: NodePools } {
    this.version(engine, targets);
    const key = groupBy ?? '';
    const kept = this.maps.get(key);
    if (kept) return kept;
    const entry = buildReportWithPools(engine, targets, { now, details: false, ...(groupBy !== undefined ? { groupBy } : {}) });
    if (this.maps.size >= maxKept) this.maps.delete(this.maps.keys().next().value!);
    this.maps.set(key, entry);
    return entry;
  }
}
