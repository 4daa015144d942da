/** `placement rank`: the eligible nodes as kube-scheduler's default profile scores them. */
import type { RankResult } from '../../eval/result.js';
import { evaluationOptions, outputFormat, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { palette, renderTable } from '../table.js';
import { loadEvaluationInputs } from './load-inputs.js';

function rankTable(result: RankResult, tty: boolean): string {
  const p = palette(tty);
  if (result.nodes.length === 0) return 'no eligible nodes\n';
  const rows = result.nodes.map((n, i) => [
    String(i + 1),
    n.node,
    String(n.score),
    n.scores['NodeAffinity'] === undefined ? '-' : String(n.scores['NodeAffinity']),
    n.scores['TaintToleration'] === undefined ? '-' : String(n.scores['TaintToleration']),
  ]);
  return renderTable(['RANK', 'NODE', 'SCORE', 'NODEAFFINITY', 'TAINTTOLERATION'], rows, p);
}

/** Runs `placement rank`. */
export function runRank(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('rank', argv, evaluationOptions);
  const format = outputFormat('rank', values.output, io.isTTY);
  const { engine, workload } = loadEvaluationInputs('rank', values, io);
  const result = engine.rank(workload);
  io.stdout(format === 'json' ? `${JSON.stringify({ nodes: result.nodes }, null, 2)}\n` : rankTable(result, io.isTTY));
  return 0;
}
