/** `placement rank`: the eligible nodes as kube-scheduler's default profile scores them. */
import type { RankResult, WithNotEvaluated } from '../../eval/result.js';
import { evaluationOptions, outputFormat, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { notEvaluatedSuffix, notEvaluatedTable } from '../not-evaluated-text.js';
import { palette, renderTable, sampleNames } from '../table.js';
import { loadEvaluationInputs } from './load-inputs.js';
import { rankJson } from '../../api/contracts.js';
import { scorePluginOrder } from '../../eval/normalize-score.js';

/** The scoring plugins that scored any node, in the order `scores` lists them (columns). */
function pluginsOf(result: RankResult): string[] {
  const present = new Set(result.nodes.flatMap((n) => Object.keys(n.scores)));
  return scorePluginOrder.filter((name) => present.has(name));
}

/** `no eligible nodes`, saying what was not evaluated. */
function noneLine(result: WithNotEvaluated<RankResult>): string {
  return `no eligible nodes${notEvaluatedSuffix(result.notEvaluated)}\n`;
}

/** One row per node (`-o wide`). */
function rankTable(result: WithNotEvaluated<RankResult>, tty: boolean): string {
  const p = palette(tty);
  if (result.nodes.length === 0) return noneLine(result);
  const plugins = pluginsOf(result);
  const rows = result.nodes.map((n, i) => [String(i + 1), n.node, String(n.score), ...plugins.map((name) => String(n.scores[name] ?? '-'))]);
  return renderTable(['RANK', 'NODE', 'SCORE', ...plugins.map((name) => name.toUpperCase())], rows, p);
}

/** One row per distinct score breakdown, best first: nodes that score alike, counted, with examples. */
function rankGroupsTable(result: WithNotEvaluated<RankResult>, tty: boolean): string {
  const p = palette(tty);
  if (result.nodes.length === 0) return noneLine(result);
  const plugins = pluginsOf(result);
  const groups = new Map<string, { score: number; scores: Readonly<Record<string, number>>; names: string[] }>();
  for (const n of result.nodes) {
    const key = JSON.stringify([n.score, plugins.map((name) => n.scores[name] ?? null)]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { score: n.score, scores: n.scores, names: [] }));
    g.names.push(n.node);
  }
  // Nodes arrive best first, so groups are already in rank order.
  const rows = [...groups.values()].map((g) => [String(g.score), ...plugins.map((name) => String(g.scores[name] ?? '-')), String(g.names.length), sampleNames(g.names, 3)]);
  return renderTable(['SCORE', ...plugins.map((name) => name.toUpperCase()), 'NODES', 'EXAMPLES'], rows, p);
}

/** Runs `placement rank`. */
export function runRank(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('rank', argv, evaluationOptions);
  const format = outputFormat('rank', values.output, io.isTTY, ['json', 'table', 'wide']);
  const { engine, workload } = loadEvaluationInputs('rank', values, io);
  const result = engine.rank(workload);
  if (format === 'json') io.stdout(`${JSON.stringify(rankJson(result), null, 2)}\n`);
  else io.stdout(`${format === 'wide' ? rankTable(result, io.isTTY) : rankGroupsTable(result, io.isTTY)}${notEvaluatedTable(result.notEvaluated, palette(io.isTTY))}`);
  return 0;
}
