/** `placement lint`: static checks of a pod's placement constraints, before any node is looked at. */
import { createEngine } from '../../api/engine.js';
import { listNotEvaluated, pipelineEvaluates } from '../../compile/not-evaluated.js';
import { parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';
import { loadOneWorkload } from './compile.js';

/**
 * Runs `placement lint --pod <file>`: prints `file: path: message` per finding, exit 2 when there is
 * any; then `file: path: not evaluated: what` per constraint placement does not evaluate, which
 * informs and does not change the exit code (the pod is not wrong, the answers are partial).
 */
export function runLint(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('lint', argv, { pod: { type: 'string' }, 'no-validate': { type: 'boolean' }, 'feature-gates': { type: 'string' } });
  const { workload, featureGates } = loadOneWorkload('lint', values, io);
  const { warnings } = createEngine({ nodes: [], featureGates }).compile(workload);
  // lint looks at no node, so whether running pods were given does not arise.
  const notEvaluated = listNotEvaluated(workload, { evaluates: pipelineEvaluates, runningPodsGiven: undefined });
  for (const warning of warnings) io.stdout(`${values.pod}: ${warning.path}: ${warning.message}\n`);
  if (warnings.length === 0) io.stdout(`${values.pod}: no findings\n`);
  for (const n of notEvaluated) io.stdout(`${values.pod}: ${n.field}: not evaluated: ${n.what}\n`);
  return warnings.length === 0 ? 0 : 2;
}
