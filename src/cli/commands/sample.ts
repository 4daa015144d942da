/**
 * `placement sample` (what `npm start` runs): a deterministic generated cluster and the shipped
 * sample workloads; per workload, how many nodes are eligible and kube-scheduler's summary of why
 * the rest are not.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../api/engine.js';
import { nodesFromSources, workloadsFromSources, type InputOptions } from '../../api/inputs.js';
import { readSources } from '../../api/read-sources.js';
import { PlacementError } from '../../errors.js';
import { defaultFeatureGates } from '../../model/feature-gates.js';
import { generateCluster } from '../../sample/generate-cluster.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { palette, renderTable } from '../table.js';

/** The shipped workloads: beside the sources, whether running from `src/` (tsx) or `dist/` (bundle). */
export function sampleWorkloadsDir(): string {
  const candidates = ['../../sample/workloads/', '../src/sample/workloads/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new PlacementError('unreadable', `sample workloads not found (looked in ${candidates.join(', ')})`);
  return found;
}

function positiveInteger(command: string, flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new PlacementError('usage', `placement ${command}: ${flag}: Invalid value: ${JSON.stringify(text)}: must be a positive integer`);
  return n;
}

/** Runs `placement sample`. */
export function runSample(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('sample', argv, { nodes: { type: 'string' }, seed: { type: 'string' }, output: { type: 'string', short: 'o' }, 'print-nodes': { type: 'boolean' } });
  // The sample is for people: a table by default even when piped (e.g. through npm start).
  const format = outputFormat('sample', values.output, true);
  const size = positiveInteger('sample', '--nodes', values.nodes, 10_000);
  const seed = positiveInteger('sample', '--seed', values.seed, 1);
  const options: InputOptions = { validate: true, featureGates: defaultFeatureGates };
  const objects = generateCluster({ nodes: size, seed });
  if (values['print-nodes']) {
    // The cluster as `kubectl get nodes -o json` prints it, to try the other commands on.
    io.stdout(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } })}\n`);
    return 0;
  }
  const nodes = nodesFromSources(objects.map((object) => ({ object, file: 'generated' })), options);
  const dir = sampleWorkloadsDir();
  const workloads = workloadsFromSources(readSources(dir, io.readStdin), options);
  const engine = createEngine({ nodes });
  const results = workloads.map((workload) => ({ workload, result: engine.eligible(workload) }));
  if (format === 'json') {
    const out = results.map(({ workload, result }) => ({
      workload: `${workload.kind}/${workload.namespace}/${workload.name}`,
      eligible: result.eligible.length,
      nodes: nodes.length,
      message: result.message,
    }));
    io.stdout(`${JSON.stringify({ nodes: nodes.length, seed, workloads: out }, null, 2)}\n`);
    return 0;
  }
  const p = palette(io.isTTY);
  const rows = results.map(({ workload, result }) => [
    `${workload.kind}/${workload.name}`,
    `${result.eligible.length}/${nodes.length}`,
    result.message,
  ]);
  io.stdout(`Sample cluster: ${nodes.length} generated nodes (seed ${seed}); workloads from ${dir}\n\n`);
  io.stdout(renderTable(['WORKLOAD', 'ELIGIBLE', 'KUBE-SCHEDULER SUMMARY'], rows, p));
  return 0;
}
