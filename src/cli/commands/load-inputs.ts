/** Reads `--nodes`, `--pod`, `--pods` and `--objects` for the evaluating commands and builds the engine. */
import { createEngine, type Engine } from '../../api/engine.js';
import { nodesFromSources, workloadsFromSources, type InputOptions } from '../../api/inputs.js';
import { loadPolicies } from '../../api/load-policies.js';
import { schedulingObjectsFromSources } from '../../api/object-inputs.js';
import { clusterPodsFromSources } from '../../api/pod-inputs.js';
import { readSources } from '../../api/read-sources.js';
import { PlacementError } from '../../errors.js';
import { parseFeatureGates } from '../../model/feature-gates.js';
import type { Workload } from '../../model/types.js';
import { checkStdinOnce, requireFlag } from '../args.js';
import type { CliIo } from '../io.js';

/** The evaluating commands' shared flags, as parsed. */
export interface EvaluationFlags {
  readonly nodes?: string | undefined;
  readonly pod?: string | undefined;
  /** The pods already in the cluster (`kubectl get pods -A -o json`). */
  readonly pods?: string | undefined;
  /** The Namespaces and selecting objects (`kubectl get ns,svc,rc,rs,sts -A -o json`). */
  readonly objects?: string | undefined;
  readonly 'no-validate'?: boolean | undefined;
  readonly 'feature-gates'?: string | undefined;
  readonly rules?: string | undefined;
}

/** An engine over the nodes, and the one workload to place. */
export function loadEvaluationInputs(command: string, flags: EvaluationFlags, io: CliIo): { engine: Engine; workload: Workload } {
  const nodesPath = requireFlag(command, flags.nodes, '--nodes');
  const podPath = requireFlag(command, flags.pod, '--pod');
  checkStdinOnce(command, { '--nodes': nodesPath, '--pod': podPath, '--pods': flags.pods, '--objects': flags.objects, '--rules': flags.rules });
  const featureGates = parseFeatureGates(flags['feature-gates']);
  const options: InputOptions = { validate: !flags['no-validate'], featureGates };
  const nodes = nodesFromSources(readSources(nodesPath, io.readStdin), options);
  const workloads = workloadsFromSources(readSources(podPath, io.readStdin), options);
  const [workload] = workloads;
  if (workloads.length !== 1 || !workload) {
    throw new PlacementError('invalid', `${podPath}: expected exactly one workload, found ${workloads.length}`);
  }
  const pods = flags.pods === undefined ? {} : { pods: clusterPodsFromSources(readSources(flags.pods, io.readStdin)) };
  const objects = flags.objects === undefined ? {} : { objects: schedulingObjectsFromSources(readSources(flags.objects, io.readStdin)) };
  const policies = flags.rules === undefined ? [] : loadPolicies(flags.rules, io.readStdin);
  return { engine: createEngine({ nodes, featureGates, validate: options.validate, policies, ...pods, ...objects }), workload };
}
