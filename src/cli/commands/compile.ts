/** `placement compile`: the pod's compiled rule tree, or the same rule as a JSON Logic document. */
import { createEngine } from '../../api/engine.js';
import { workloadsFromSources } from '../../api/inputs.js';
import { readSources } from '../../api/read-sources.js';
import { toJsonLogic } from '../../compile/to-json-logic.js';
import { PlacementError } from '../../errors.js';
import { parseFeatureGates } from '../../model/feature-gates.js';
import type { Workload } from '../../model/types.js';
import { parseCommandArgs, requireFlag } from '../args.js';
import type { CliIo } from '../io.js';

/** Reads `--pod` (exactly one workload) for the commands that need no nodes. */
export function loadOneWorkload(command: string, values: { pod?: string | undefined; 'no-validate'?: boolean | undefined; 'feature-gates'?: string | undefined }, io: CliIo): { workload: Workload; featureGates: ReturnType<typeof parseFeatureGates> } {
  const podPath = requireFlag(command, values.pod, '--pod');
  const featureGates = parseFeatureGates(values['feature-gates']);
  const workloads = workloadsFromSources(readSources(podPath, io.readStdin), { validate: !values['no-validate'], featureGates });
  const [workload] = workloads;
  if (workloads.length !== 1 || !workload) throw new PlacementError('invalid', `${podPath}: expected exactly one workload, found ${workloads.length}`);
  return { workload, featureGates };
}

/** Runs `placement compile --pod <file> [-o json|jsonlogic]`. */
export function runCompile(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs('compile', argv, {
    pod: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'no-validate': { type: 'boolean' },
    'feature-gates': { type: 'string' },
  });
  const format = values.output ?? 'json';
  if (format !== 'json' && format !== 'jsonlogic') {
    throw new PlacementError('usage', `placement compile: -o: Unsupported value: ${JSON.stringify(format)}: supported values: "json", "jsonlogic"`);
  }
  const { workload, featureGates } = loadOneWorkload('compile', values, io);
  const compiled = createEngine({ nodes: [], featureGates }).compile(workload);
  const { key: _key, ...shown } = compiled;
  io.stdout(`${JSON.stringify(format === 'json' ? shown : toJsonLogic(compiled), null, 2)}\n`);
  return 0;
}
