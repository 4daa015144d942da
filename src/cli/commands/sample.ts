/**
 * `placement sample` (what `npm start` runs): a deterministic generated cluster and the shipped
 * sample workloads; per workload, how many nodes are eligible and kube-scheduler's summary of why
 * the rest are not.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { daemonSetsFromSources, podsFromSources } from '../../api/daemonset-inputs.js';
import { notEvaluatedJson } from '../../api/contracts.js';
import { createEngine } from '../../api/engine.js';
import { daemonSetPlanMessage, summarizeDaemonSetPlan } from '../../controllers/daemonset/summary.js';
import { nodesFromSources, workloadsFromSources, type InputOptions } from '../../api/inputs.js';
import { readSources } from '../../api/read-sources.js';
import { formatBadValue, PlacementError } from '../../errors.js';
import { defaultFeatureGates } from '../../model/feature-gates.js';
import { limits } from '../../model/limits.js';
import { generateCluster } from '../../sample/generate-cluster.js';
import { generateClusterPods } from '../../sample/generate-pods.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { notEvaluatedSuffix } from '../not-evaluated-text.js';
import { palette, renderTable } from '../table.js';

/** The shipped workloads: beside the sources, whether running from `src/` (tsx) or `dist/` (bundle). */
export function sampleWorkloadsDir(): string {
  const candidates = ['../../sample/workloads/', '../src/sample/workloads/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new PlacementError('unreadable', `sample workloads not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** A whole number from 1 to `max`, written in decimal digits. */
function positiveInteger(command: string, flag: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n > max) {
    throw new PlacementError('usage', `placement ${command}: ${flag}: Invalid value: ${formatBadValue(text)}: must be an integer from 1 to ${max}`);
  }
  return n;
}

/** Runs `placement sample`. */
export function runSample(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('sample', argv, { nodes: { type: 'string' }, seed: { type: 'string' }, output: { type: 'string', short: 'o' }, 'print-nodes': { type: 'boolean' }, 'print-pods': { type: 'boolean' } });
  // The sample is for people: a table by default even when piped (e.g. through npm start).
  const format = outputFormat('sample', values.output, true);
  const size = positiveInteger('sample', '--nodes', values.nodes, 10_000, limits.sampleNodes.value);
  const seed = positiveInteger('sample', '--seed', values.seed, 1, Number.MAX_SAFE_INTEGER);
  const options: InputOptions = { validate: true, featureGates: defaultFeatureGates };
  const objects = generateCluster({ nodes: size, seed });
  if (values['print-nodes']) {
    // The cluster as `kubectl get nodes -o json` prints it, to try the other commands on.
    io.stdout(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } })}\n`);
    return 0;
  }
  const nodes = nodesFromSources(objects.map((object) => ({ object, file: 'generated' })), options);
  const podObjects = generateClusterPods(nodes);
  if (values['print-pods']) {
    // Its running pods as `kubectl get pods -A -o json` prints them, for --pods.
    io.stdout(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: podObjects, metadata: { resourceVersion: '' } })}\n`);
    return 0;
  }
  const dir = sampleWorkloadsDir();
  // The pods already running (derived from real ones: see src/sample/generate-pods.ts), so the
  // answers include NodeResourcesFit and NodePorts, as kube-scheduler's would.
  const pods = podsFromSources(podObjects.map((object) => ({ object, file: 'generated' }))).pods;
  const engine = createEngine({ nodes, pods });
  const sources = readSources(dir, io.readStdin);
  const workloads = workloadsFromSources(sources, options);
  const daemonsets = new Map(daemonSetsFromSources(sources.filter((x) => x.object['kind'] === 'DaemonSet'), options).map((ds) => [ds.workload.raw, ds]));
  const now = Date.parse('2026-01-01T00:00:00Z');
  const results = workloads.map((workload) => {
    const ds = daemonsets.get(workload.raw);
    // A DaemonSet's pods are placed by its controller: implicit tolerations, cordons ignored.
    if (ds) {
      const plan = engine.daemonset(ds, engine.daemonPods(ds), { now });
      const { count } = summarizeDaemonSetPlan(plan);
      return { workload, how: 'DaemonSet controller', count, message: daemonSetPlanMessage(plan), notEvaluated: plan.notEvaluated };
    }
    const result = engine.eligible(workload);
    return { workload, how: 'kube-scheduler', count: result.eligible.length, message: result.message, notEvaluated: result.notEvaluated };
  });
  if (format === 'json') {
    const out = results.map(({ workload, how, count, message, notEvaluated }) => ({
      workload: `${workload.kind}/${workload.namespace}/${workload.name}`,
      decidedBy: how,
      eligible: count,
      nodes: nodes.length,
      message,
      notEvaluated: notEvaluatedJson(notEvaluated),
    }));
    io.stdout(`${JSON.stringify({ nodes: nodes.length, seed, workloads: out }, null, 2)}\n`);
    return 0;
  }
  const p = palette(io.isTTY);
  const rows = results.map(({ workload, count, message, notEvaluated }) => [`${workload.kind}/${workload.name}`, `${count}/${nodes.length}`, `${message}${notEvaluatedSuffix(notEvaluated)}`]);
  io.stdout(`Sample cluster: ${nodes.length} generated nodes (seed ${seed}) running ${pods.length} pods; workloads from ${dir}\n`);
  io.stdout('Pods are judged as kube-scheduler does, resources and host ports included. DaemonSets as their controller does\n(implicit tolerations, cordons ignored); of the pods its next sync creates (at most 250), how many will stay Pending.\n\n');
  io.stdout(renderTable(['WORKLOAD', 'ELIGIBLE', 'WHY NOT (FitError summary; DaemonSets: first reason per node)'], rows, p));
  return 0;
}
