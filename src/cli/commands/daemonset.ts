/** `placement daemonset`: what the DaemonSet controller does with these nodes and pods, in one sync (or, with `--rollout`, until it converges). */
import { daemonSetsFromSources, podsFromSources } from '../../api/daemonset-inputs.js';
import { schedulingObjectsFromSources } from '../../api/object-inputs.js';
import { checkPodCount } from '../../api/pod-inputs.js';
import { createEngine } from '../../api/engine.js';
import { nodesFromSources, type InputOptions } from '../../api/inputs.js';
import { readSources } from '../../api/read-sources.js';
import type { DaemonSetPlan } from '../../controllers/daemonset/sync.js';
import type { WithNotEvaluated } from '../../eval/result.js';
import { formatBadValue, PlacementError } from '../../errors.js';
import { parseFeatureGates } from '../../model/feature-gates.js';
import { parseApiTime } from '../../model/time.js';
import { checkStdinOnce, outputFormat, parseCommandArgs, requireFlag } from '../args.js';
import type { CliIo } from '../io.js';
import { notEvaluatedSuffix, notEvaluatedTable } from '../not-evaluated-text.js';
import { palette, renderTable, sampleNames, type Cell, type Palette } from '../table.js';
import { planJson, rolloutJson } from '../../api/contracts.js';
import type { DaemonSet } from '../../model/daemonset-types.js';
import { durationFlag, rolloutTable } from './daemonset-rollout.js';
import { pendingCell, pendingLine } from '../pending-text.js';

/** `--now`: an RFC 3339 time the API could hold (`time.Parse(time.RFC3339)`: `2024-02-30` does not exist). */
function parseNow(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseApiTime(text);
  if (!parsed.ok) throw new PlacementError('usage', `placement daemonset: --now: Invalid value: ${formatBadValue(text)}: ${parsed.reason}`);
  return parsed.ms;
}

/** Per-node rows (`-o wide`), or one row per group of nodes with the same answer (the default). */
function nodeRows(plan: DaemonSetPlan, wide: boolean, p: Palette): string {
  const yes = (v: boolean): Cell => (v ? { text: 'yes', paint: p.green } : { text: 'no', paint: p.red });
  // A node whose daemon pod stays Pending says why in the WHY NOT column (the controller's answer is yes).
  const pendingOn = new Map((plan.pending ?? []).map((q) => [q.node, pendingCell(q.reasons)]));
  const whyNot = (n: DaemonSetPlan['nodes'][number]): string => pendingOn.get(n.node) ?? n.reasons.join('; ');
  if (wide) return renderTable(['NODE', 'SHOULD RUN', 'MAY CONTINUE', 'WHY NOT'], plan.nodes.map((n) => [n.node, yes(n.shouldRun), yes(n.shouldContinueRunning), whyNot(n)]), p);
  const groups = new Map<string, { shouldRun: boolean; mayContinue: boolean; reasons: string; names: string[] }>();
  for (const n of plan.nodes) {
    const reasons = whyNot(n);
    const key = JSON.stringify([n.shouldRun, n.shouldContinueRunning, reasons]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { shouldRun: n.shouldRun, mayContinue: n.shouldContinueRunning, reasons, names: [] }));
    g.names.push(n.node);
  }
  const rows = [...groups.values()].sort((a, b) => b.names.length - a.names.length).map((g) => [String(g.names.length), yes(g.shouldRun), yes(g.mayContinue), g.reasons, sampleNames(g.names, 3)]);
  return renderTable(['NODES', 'SHOULD RUN', 'MAY CONTINUE', 'WHY NOT', 'EXAMPLES'], rows, p);
}

function planTable(title: string, plan: WithNotEvaluated<DaemonSetPlan>, tty: boolean, wide: boolean): string {
  const p = palette(tty);
  const lines = [`${p.bold(title)}${notEvaluatedSuffix(plan.notEvaluated)}`, nodeRows(plan, wide, p)];
  const list = (names: readonly string[]): string => (names.length === 0 ? '' : `: ${wide ? names.join(', ') : sampleNames(names, 5)}`);
  lines.push(`create on ${plan.create.length} node(s)${list(plan.create)}`);
  lines.push(`delete ${plan.delete.length} pod(s)${list(plan.delete)}`);
  const pending = pendingLine(plan);
  if (pending !== undefined) lines.push(pending);
  lines.push(`status: ${Object.entries(plan.status).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  for (const e of plan.evictions) lines.push(`eviction: pod ${e.pod} on ${e.node} ${e.evictAfterSeconds === 0 ? 'now' : `after ${e.evictAfterSeconds}s`}${e.evictAt ? ` (at ${e.evictAt})` : ''}`);
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n${notEvaluatedTable(plan.notEvaluated, p)}`;
}

/** Runs `placement daemonset`. */
export function runDaemonSet(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('daemonset', argv, {
    nodes: { type: 'string' },
    daemonset: { type: 'string' },
    pods: { type: 'string' },
    objects: { type: 'string' },
    'revision-hash': { type: 'string' },
    now: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-validate': { type: 'boolean' },
    'feature-gates': { type: 'string' },
    rollout: { type: 'boolean' },
    'ready-after': { type: 'string' },
    'terminate-after': { type: 'string' },
  });
  const format = outputFormat('daemonset', values.output, io.isTTY, ['json', 'table', 'wide']);
  const nodesPath = requireFlag('daemonset', values.nodes, '--nodes');
  const dsPath = requireFlag('daemonset', values.daemonset, '--daemonset');
  checkStdinOnce('daemonset', { '--nodes': nodesPath, '--daemonset': dsPath, '--pods': values.pods, '--objects': values.objects });
  const featureGates = parseFeatureGates(values['feature-gates']);
  const now = parseNow(values.now);
  const readyAfterSeconds = durationFlag('--ready-after', values['ready-after']);
  const terminationSeconds = durationFlag('--terminate-after', values['terminate-after']);
  if (!values.rollout && (readyAfterSeconds !== undefined || terminationSeconds !== undefined)) {
    throw new PlacementError('usage', `placement daemonset: ${readyAfterSeconds !== undefined ? '--ready-after' : '--terminate-after'} needs --rollout. Run 'placement help' for usage.`);
  }
  const options: InputOptions = { validate: !values['no-validate'], featureGates };
  const nodes = nodesFromSources(readSources(nodesPath, io.readStdin), options);
  const daemonsets = daemonSetsFromSources(readSources(dsPath, io.readStdin), options);
  const { pods, revisions } = values.pods ? podsFromSources(readSources(values.pods, io.readStdin)) : { pods: [], revisions: [] };
  // The controller's plan ignores resources and host ports; the engine holds the pods for what follows it.
  const objects = values.objects === undefined ? {} : { objects: schedulingObjectsFromSources(readSources(values.objects, io.readStdin)) };
  const engine = createEngine({ nodes, featureGates, ...(values.pods ? { pods: checkPodCount(pods) } : {}), ...objects });
  const request = { revisions, ...(values['revision-hash'] !== undefined ? { revisionHash: values['revision-hash'] } : {}), ...(now !== undefined ? { now } : {}) };
  const title = (ds: DaemonSet, what: string) => `DaemonSet ${ds.workload.namespace}/${ds.workload.name}${what}`;
  const named = (ds: DaemonSet, body: object) => ({ name: ds.workload.name, namespace: ds.workload.namespace, ...body });
  if (values.rollout) {
    const assumptions = { ...(readyAfterSeconds !== undefined ? { readyAfterSeconds } : {}), ...(terminationSeconds !== undefined ? { terminationSeconds } : {}) };
    const forecasts = daemonsets.map((ds) => ({ ds, forecast: engine.daemonsetRollout(ds, pods, { ...request, ...assumptions }) }));
    if (format !== 'json') io.stdout(forecasts.map(({ ds, forecast }) => rolloutTable(title(ds, ': rollout forecast'), forecast, io.isTTY)).join('\n'));
    else io.stdout(`${JSON.stringify(forecasts.length === 1 ? rolloutJson(forecasts[0]!.forecast) : { daemonsets: forecasts.map(({ ds, forecast }) => named(ds, rolloutJson(forecast))) }, null, 2)}\n`);
    return 0;
  }
  const plans = daemonsets.map((ds) => ({ ds, plan: engine.daemonset(ds, pods, request) }));
  if (format !== 'json') {
    io.stdout(plans.map(({ ds, plan }) => planTable(title(ds, ''), plan, io.isTTY, format === 'wide')).join('\n'));
    return 0;
  }
  const [only] = plans;
  const body = plans.length === 1 && only ? planJson(only.plan) : { daemonsets: plans.map(({ ds, plan }) => named(ds, planJson(plan))) };
  io.stdout(`${JSON.stringify(body, null, 2)}\n`);
  return 0;
}
