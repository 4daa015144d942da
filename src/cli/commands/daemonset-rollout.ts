/** `placement daemonset --rollout`: the forecast's flags and its table (its JSON is the forecast object itself). */
import type { RolloutForecast } from '../../controllers/daemonset/rollout.js';
import { PlacementError } from '../../errors.js';
import type { WithNotEvaluated } from '../../eval/result.js';
import { formatGoDuration, parseDurationSeconds } from '../../model/duration.js';
import { notEvaluatedSuffix, notEvaluatedTable } from '../not-evaluated-text.js';
import { palette, renderTable } from '../table.js';

/** A duration flag (`--ready-after 30s`): Go duration syntax or seconds; anything else is a usage error. */
export function durationFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDurationSeconds(text);
  if (!parsed.ok) throw new PlacementError('usage', `placement daemonset: ${flag}: Invalid value: ${JSON.stringify(text)}: ${parsed.detail}`);
  return parsed.seconds;
}

/** How many node names a stuck group lists before "and N more". */
const shownNodes = 5;

function stuckLines(forecast: RolloutForecast): string[] {
  const groups = new Map<string, string[]>();
  for (const { node, reasons } of forecast.stuck) {
    const key = reasons.join('; ');
    const list = groups.get(key);
    if (list) list.push(node);
    else groups.set(key, [node]);
  }
  return [...groups].map(([why, nodes]) => {
    const names = nodes.slice(0, shownNodes).join(', ') + (nodes.length > shownNodes ? ` and ${nodes.length - shownNodes} more` : '');
    return `  ${nodes.length} node(s): ${why} (${names})`;
  });
}

function summary(forecast: RolloutForecast): string {
  const { syncs, waves, estimatedSeconds: seconds } = forecast;
  const counts = `${syncs} sync(s), ${waves.length} wave(s)`;
  if (forecast.stopped === 'converged') return `converged after ${counts} in about ${formatGoDuration(seconds)}`;
  if (forecast.stopped === 'budget') {
    const { updatedNumberScheduled: updated, desiredNumberScheduled: desired } = forecast.status;
    const pace = forecast.projectedSeconds !== undefined ? `; at this pace about ${formatGoDuration(forecast.projectedSeconds)} in all (extrapolated)` : '';
    return `stopped by the budget after ${counts} at ${formatGoDuration(seconds)} (${updated}/${desired} nodes updated), not converged yet${pace}`;
  }
  return `does not converge: ${forecast.stuck.length} node(s) never settle; progress stops after ${counts} at ${formatGoDuration(seconds)}`;
}

function assumptionLine(forecast: RolloutForecast): string {
  const a = forecast.assumptions;
  const terminating = a.terminationSeconds === 0 ? 'deleted pods gone before the next sync' : `deleted pods terminating for ${formatGoDuration(a.terminationSeconds)}`;
  const pending = a.pendingForecast === 'none' ? 'no Pending forecast (without the cluster\'s pods, --pods, every daemon pod is assumed to schedule)' : 'Pending forecast applied (daemon pods that do not fit their node stay Pending)';
  return `assumed: pods Ready ${formatGoDuration(a.readyAfterSeconds)} after creation, minReadySeconds ${a.minReadySeconds}, ${terminating}; ${pending}`;
}

/** The forecast as a table: one row per wave, a summary line, the assumptions, stuck nodes grouped by reason. */
export function rolloutTable(title: string, forecast: WithNotEvaluated<RolloutForecast>, tty: boolean): string {
  const p = palette(tty);
  const desired = forecast.status.desiredNumberScheduled;
  const rows = forecast.waves.map((w) => [String(w.sync), formatGoDuration(w.atSeconds), String(w.deleted), String(w.created), String(w.surged), `${w.updatedNodes}/${desired}`, String(w.unavailable)]);
  const lines = [p.bold(`${title}${notEvaluatedSuffix(forecast.notEvaluated)}`)];
  if (rows.length > 0) lines.push(renderTable(['SYNC', 'AT', 'DELETED', 'CREATED', 'SURGED', 'UPDATED', 'UNAVAILABLE'], rows, p).trimEnd());
  else lines.push('no sync creates or deletes a pod');
  const line = summary(forecast);
  lines.push(forecast.converged ? p.green(line) : p.red(line));
  lines.push(assumptionLine(forecast));
  for (const group of forecast.notEligible) lines.push(`not eligible (not part of the rollout): ${group.nodes} node(s): ${group.reasons.join('; ')}`);
  if (forecast.stuck.length > 0) lines.push('stuck:', ...stuckLines(forecast));
  for (const w of forecast.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n${notEvaluatedTable(forecast.notEvaluated, p)}`;
}
