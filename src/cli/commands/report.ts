/** `placement report`: the placement map of a node set and many workloads, as one HTML file or as JSON. */
import { podsFromSources } from '../../api/daemonset-inputs.js';
import { createEngine } from '../../api/engine.js';
import { checkPodCount } from '../../api/pod-inputs.js';
import { nodesFromSources, type InputOptions } from '../../api/inputs.js';
import { loadPolicies } from '../../api/load-policies.js';
import { readSources } from '../../api/read-sources.js';
import { targetsFromSources } from '../../api/targets-from-sources.js';
import { PlacementError } from '../../errors.js';
import { parseFeatureGates } from '../../model/feature-gates.js';
import { validateLabelName } from '../../model/validate-common.js';
import { buildReport } from '../../report/build-report.js';
import { renderReportPage } from '../../report/render-page.js';
import { parseCommandArgs, requireFlag } from '../args.js';
import type { CliIo } from '../io.js';

const formats = ['html', 'json'] as const;

function reportFormat(value: string | undefined): (typeof formats)[number] {
  if (value === undefined) return 'html';
  if ((formats as readonly string[]).includes(value)) return value as (typeof formats)[number];
  throw new PlacementError('usage', `placement report: -o: Unsupported value: ${JSON.stringify(value)}: supported values: "html", "json"`);
}

function groupByFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const [problem] = validateLabelName(value, '--group-by');
  if (problem) throw new PlacementError('usage', `placement report: --group-by: Invalid value: ${JSON.stringify(value)}: ${problem.detail}`);
  return value;
}

/** Names given to more than one input object, with how many. */
function repeatedIds(ids: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1);
}

/** Runs `placement report`. */
export function runReport(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('report', argv, {
    nodes: { type: 'string' },
    workloads: { type: 'string' },
    pods: { type: 'string' },
    rules: { type: 'string' },
    'group-by': { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-validate': { type: 'boolean' },
    'feature-gates': { type: 'string' },
  });
  const format = reportFormat(values.output);
  const groupBy = groupByFlag(values['group-by']);
  const nodesPath = requireFlag('report', values.nodes, '--nodes');
  const workloadsPath = requireFlag('report', values.workloads, '--workloads');
  const stdinUsers = [nodesPath, workloadsPath, values.pods].filter((p) => p === '-').length;
  if (stdinUsers > 1) throw new PlacementError('usage', 'placement report: only one of --nodes, --workloads and --pods can read stdin');
  const featureGates = parseFeatureGates(values['feature-gates']);
  const options: InputOptions = { validate: !values['no-validate'], featureGates };
  const nodes = nodesFromSources(readSources(nodesPath, io.readStdin), options);
  const targets = targetsFromSources(readSources(workloadsPath, io.readStdin), options);
  const { pods, revisions } = values.pods ? podsFromSources(readSources(values.pods, io.readStdin)) : { pods: [], revisions: [] };
  const policies = values.rules === undefined ? [] : loadPolicies(values.rules, io.readStdin);
  // The same pods hold resources and ports in the engine, for the DaemonSets' Pending forecast.
  const engine = createEngine({ nodes, featureGates, validate: options.validate, policies, ...(values.pods ? { pods: checkPodCount(pods) } : {}) });
  const data = buildReport(engine, targets, { now: Date.now(), pods, revisions, details: true, ...(groupBy !== undefined ? { groupBy } : {}) });
  for (const [id, count] of repeatedIds(data.workloads.map((w) => w.id))) io.stderr(`placement report: warning: ${count} workloads are named ${id}; each has its own row\n`);
  io.stdout(format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : renderReportPage(data));
  return 0;
}
