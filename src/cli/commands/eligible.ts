/** `placement eligible`: which nodes may run the pod, and why not the others. */
import type { EligibilityResult } from '../../eval/result.js';
import { evaluationOptions, outputFormat, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { palette, renderTable, type Cell } from '../table.js';
import { loadEvaluationInputs } from './load-inputs.js';

/** The JSON contract: `{eligible, ineligible: [{node, reasons, details}], message}`. */
export function eligibleJson(result: EligibilityResult): string {
  return `${JSON.stringify({ eligible: result.eligible, ineligible: result.ineligible, message: result.message }, null, 2)}\n`;
}

function eligibleTable(result: EligibilityResult, order: readonly string[], tty: boolean): string {
  const p = palette(tty);
  const why = new Map(result.ineligible.map((n) => [n.node, n]));
  const rows: Cell[][] = order.map((name) => {
    const node = why.get(name);
    if (!node) return [name, { text: 'yes', paint: p.green }, ''];
    return [name, { text: 'no', paint: p.red }, [...node.reasons, ...node.details.map((d) => `  ${d}`)].join('; ')];
  });
  return `${renderTable(['NODE', 'ELIGIBLE', 'WHY NOT'], rows, p)}\n${result.message}\n`;
}

/** Runs `placement eligible`. */
export function runEligible(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('eligible', argv, evaluationOptions);
  const format = outputFormat('eligible', values.output, io.isTTY);
  const { engine, workload } = loadEvaluationInputs('eligible', values, io);
  const result = engine.eligible(workload);
  io.stdout(format === 'json' ? eligibleJson(result) : eligibleTable(result, engine.nodes.map((n) => n.name), io.isTTY));
  return 0;
}
