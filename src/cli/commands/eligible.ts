/** `placement eligible`: which nodes may run the pod, and why not the others. */
import { eligibleJson } from '../../api/contracts.js';
import type { EligibilityResult, WithNotEvaluated } from '../../eval/result.js';
import type { EligibilitySummary, GroupedEligibility } from '../../explain/explainer.js';
import { evaluationOptions, explainFlag, outputFormat, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { palette, renderTable, sampleNames, type Cell, type Palette } from '../table.js';
import { notEvaluatedSuffix, notEvaluatedTable } from '../not-evaluated-text.js';
import { loadEvaluationInputs } from './load-inputs.js';

function eligibleLine(answer: EligibilitySummary, total: number): string {
  if (answer.eligible.length === 0) return `0/${total} nodes are eligible\n`;
  return `${answer.eligible.length}/${total} nodes are eligible: ${sampleNames(answer.eligible, 5)}\n`;
}

/** The summary line, saying what was not evaluated, then the table of what was not. */
function summaryLines(answer: WithNotEvaluated<EligibilitySummary>, p: Palette): string {
  return `${answer.message}${notEvaluatedSuffix(answer.notEvaluated)}\n${notEvaluatedTable(answer.notEvaluated, p)}`;
}

/** One row per node (`-o wide`). */
function nodesTable(result: WithNotEvaluated<EligibilityResult>, order: readonly string[], p: Palette): string {
  const why = new Map(result.ineligible.map((n) => [n.node, n]));
  const rows: Cell[][] = order.map((name) => {
    const node = why.get(name);
    if (!node) return [name, { text: 'yes', paint: p.green }, ''];
    return [name, { text: 'no', paint: p.red }, [...node.reasons, ...node.details.map((d) => `  ${d}`)].join('; ')];
  });
  return `${renderTable(['NODE', 'ELIGIBLE', 'WHY NOT'], rows, p)}\n${summaryLines(result, p)}`;
}

/** One row per group of nodes that are ineligible for the same reasons and details. */
export function groupsTable(result: WithNotEvaluated<GroupedEligibility>, total: number, p: Palette): string {
  const rows: Cell[][] = result.groups.map((g) => [
    { text: String(g.count), paint: p.red },
    g.reasons.join('; '),
    g.details.join('; '),
    sampleNames(g.nodes, 3, g.count - Math.min(3, g.nodes.length)),
  ]);
  const table = rows.length === 0 ? '' : `\n${renderTable(['NODES', 'WHY NOT', 'DETAILS', 'EXAMPLES'], rows, p)}`;
  const omitted = result.omitted ? `\n${result.omitted.groups} smaller groups (${result.omitted.nodes} nodes) are not listed; -o wide lists every node` : '';
  return `${eligibleLine(result, total)}${table}${omitted}\n${summaryLines(result, p)}`;
}

/** Runs `placement eligible`. */
export function runEligible(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('eligible', argv, { ...evaluationOptions, explain: { type: 'string' } });
  const format = outputFormat('eligible', values.output, io.isTTY, ['json', 'table', 'wide']);
  const explain = format === 'wide' ? 'nodes' : explainFlag('eligible', values.explain, format);
  const { engine, workload } = loadEvaluationInputs('eligible', values, io);
  const answer = engine.eligible(workload, { explain });
  if (format === 'json') {
    io.stdout(`${JSON.stringify(eligibleJson(answer), null, 2)}\n`);
    return 0;
  }
  const p = palette(io.isTTY);
  if ('ineligible' in answer) io.stdout(nodesTable(answer, engine.nodes.map((n) => n.name), p));
  else if ('groups' in answer) io.stdout(groupsTable(answer, engine.nodeCount, p));
  else io.stdout(`${eligibleLine(answer, engine.nodeCount)}${summaryLines(answer, p)}`);
  return 0;
}
