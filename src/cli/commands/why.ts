/** `placement why`: which constraint removes how many nodes, and what change would admit more. */
import { whyJson } from '../../api/contracts.js';
import type { WithNotEvaluated } from '../../eval/result.js';
import type { WhyResult } from '../../explain/why.js';
import { evaluationOptions, outputFormat, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { notEvaluatedSuffix, notEvaluatedTable } from '../not-evaluated-text.js';
import { palette, renderTable, type Cell } from '../table.js';
import { loadEvaluationInputs } from './load-inputs.js';

function whyTable(title: string, result: WithNotEvaluated<WhyResult>, message: string, tty: boolean): string {
  const p = palette(tty);
  const lines = [p.bold(`${title}: ${result.eligible}/${result.total} nodes are eligible${notEvaluatedSuffix(result.notEvaluated)}`), message, ''];
  lines.push(`funnel: ${[`${result.total} nodes`, ...result.funnel.map((s) => `${s.filter} ${s.remaining}`)].join(' → ')}`, '');
  const rows: Cell[][] = result.constraints.map((c) => [
    c.filter,
    c.constraint,
    String(c.excludes),
    String(c.excludesOnly),
    c.admitsIfRelaxed > 0 ? { text: `+${c.admitsIfRelaxed}`, paint: p.green } : '0',
    (c.values ?? []).map((v) => `${v.value} +${v.admits}`).join(', '),
    c.field,
  ]);
  if (rows.length === 0) lines.push('the pod has no constraints that exclude nodes');
  else lines.push(renderTable(['FILTER', 'CONSTRAINT', 'EXCLUDES', 'ALONE', 'IF RELAXED', 'BEST VALUES', 'FIELD'], rows, p).trimEnd());
  lines.push('', result.nearestFixes.length === 0 ? 'no single change admits more nodes' : 'nearest fixes:');
  for (const fix of result.nearestFixes) lines.push(`  ${p.green(`+${fix.admits} nodes`)}  ${fix.change}  (${fix.field})`);
  return `${lines.join('\n')}\n${notEvaluatedTable(result.notEvaluated, p)}`;
}

/** Runs `placement why`. */
export function runWhy(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('why', argv, evaluationOptions);
  const format = outputFormat('why', values.output, io.isTTY);
  const { engine, workload } = loadEvaluationInputs('why', values, io);
  const result = engine.why(workload);
  const title = `${workload.kind} ${workload.namespace}/${workload.name}`;
  if (format === 'json') io.stdout(`${JSON.stringify(whyJson(result), null, 2)}\n`);
  else io.stdout(whyTable(title, result, engine.eligible(workload, { explain: 'none' }).message, io.isTTY));
  return 0;
}
