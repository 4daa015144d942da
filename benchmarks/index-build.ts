/**
 * `node --import tsx --expose-gc benchmarks/index-build.ts [sizes...]`: the node-index build alone,
 * at each size (default 10k and 100k), with the bench harness: the build, the first use of a label
 * key (whose value sets are built then), and bytes per node with no key built and with every key
 * built; beside the build, a Map of the node names alone (what the build used to keep them in). A focused loop for working on the build; `npm run bench` reports the same figures.
 */
import { nodesFromSources } from '../src/api/inputs.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { Node } from '../src/model/types.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { generateCluster } from '../src/sample/generate-cluster.js';
import { time, usedBytes, type TimingBudget } from './harness.js';

/** Every label key of the nodes. */
export function allLabelKeys(nodes: readonly Node[]): string[] {
  const keys = new Set<string>();
  for (const node of nodes) for (const key of node.labels.keys()) keys.add(key);
  return [...keys];
}

/** Build time, first use of a key, and memory per node (with no key built, and with all built). */
export function measureIndexBuild(nodes: readonly Node[], budget: TimingBudget): Record<string, number> {
  const n = nodes.length;
  const round = (x: number): number => Number(x.toFixed(2));
  const build = time(() => buildNodeIndex(nodes), budget);
  // What the build spent most of its time on before names went into a table of ids: a Map of them.
  const namesMap = time(() => {
    const map = new Map<string, number>();
    for (let i = 0; i < n; i++) map.set(nodes[i]!.name, i);
    return map.size;
  }, budget);
  // A fresh index per sample, so every sample builds the key for the first time.
  const withZone = time(() => buildNodeIndex(nodes).label('topology.kubernetes.io/zone'), budget);
  const withHostname = time(() => buildNodeIndex(nodes).label('kubernetes.io/hostname'), budget);
  const before = usedBytes();
  const index = buildNodeIndex(nodes);
  const bytesPerNode = (usedBytes() - before) / n;
  for (const key of allLabelKeys(nodes)) index.label(key);
  const bytesPerNodeAllKeys = (usedBytes() - before) / n;
  return {
    buildMs: round(build.medianUs / 1000),
    namesMapMs: round(namesMap.medianUs / 1000),
    firstUseZoneKeyMs: round((withZone.medianUs - build.medianUs) / 1000),
    firstUseHostnameKeyMs: round((withHostname.medianUs - build.medianUs) / 1000),
    bytesPerNode: Math.round(bytesPerNode),
    bytesPerNodeAllKeys: Math.round(bytesPerNodeAllKeys),
  };
}

if (process.argv[1]?.endsWith('index-build.ts')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const n of sizes.length > 0 ? sizes : [10_000, 100_000]) {
    const objects = generateCluster({ nodes: n, seed: 1 }).map((object) => ({ object, file: 'generated' }));
    const nodes = nodesFromSources(objects, { validate: false, featureGates: defaultFeatureGates });
    console.log(`${n} nodes:`, measureIndexBuild(nodes, { warmupMs: 300, samples: n >= 100_000 ? 7 : 15 }));
  }
}
