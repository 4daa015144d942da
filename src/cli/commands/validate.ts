/** `placement validate`: API-server validation of Nodes and workloads, `file: path: message` per problem. */
import { checkDaemonSet } from '../../api/daemonset-inputs.js';
import { checkNode, checkWorkload, type InputOptions } from '../../api/inputs.js';
import { readSources } from '../../api/read-sources.js';
import { formatFieldError, PlacementError, type FieldError } from '../../errors.js';
import { own } from '../../model/decode.js';
import { parseFeatureGates } from '../../model/feature-gates.js';
import { checkStdinOnce, parseCommandArgs } from '../args.js';
import type { CliIo } from '../io.js';

/** Runs `placement validate <file|dir>...`: exit 0 when everything is valid, 2 otherwise. */
export function runValidate(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('validate', argv, { 'feature-gates': { type: 'string' } }, true);
  if (positionals.length === 0) throw new PlacementError('usage', "placement validate: name at least one file or folder. Run 'placement help' for usage.");
  checkStdinOnce('validate', Object.fromEntries(positionals.map((path, i) => [`argument ${i + 1}`, path])));
  const options: InputOptions = { validate: true, featureGates: parseFeatureGates(values['feature-gates']) };
  const errors: FieldError[] = [];
  let objects = 0;
  for (const path of positionals) {
    for (const source of readSources(path, io.readStdin)) {
      objects += 1;
      const kind = own(source.object, 'kind');
      const checked = kind === 'Node' ? checkNode(source, options) : kind === 'DaemonSet' ? checkDaemonSet(source, options) : checkWorkload(source, options);
      errors.push(...checked.errors);
    }
  }
  if (errors.length > 0) {
    for (const error of errors) io.stdout(`${formatFieldError(error)}\n`);
    return 2;
  }
  io.stdout(`${objects} object(s) valid\n`);
  return 0;
}
