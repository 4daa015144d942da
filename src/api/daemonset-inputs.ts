/** Source objects → DaemonSets (validated), their pods and ControllerRevisions, with file and field paths. */
import { PlacementError, type FieldError } from '../errors.js';
import { own } from '../model/decode.js';
import { decodeControllerRevision, decodeDaemonSet, decodePodObject } from '../model/decode-daemonset.js';
import type { ControllerRevision, DaemonSet, PodObject } from '../model/daemonset-types.js';
import type { SourceObject } from '../model/parse-documents.js';
import { validateDaemonSet } from '../model/validate-daemonset.js';
import { labelSelectorMatches } from '../semantics/label-selector.js';
import { distinct, located, type InputOptions } from './inputs.js';

/** Decodes a DaemonSet and, when validation is on, validates it as the API server's `ValidateDaemonSet` does. */
export function checkDaemonSet(source: SourceObject, options: InputOptions): { daemonset?: DaemonSet; errors: FieldError[] } {
  const { daemonset, errors } = decodeDaemonSet(source.object);
  if (!daemonset) return { errors: located(source, errors) };
  const invalid = options.validate ? validateDaemonSet(daemonset, options.featureGates, (labels) => labelSelectorMatches(daemonset.selector, labels)) : [];
  return { daemonset, errors: located(source, distinct(invalid)) };
}

/** DaemonSets from sources; throws a {@link PlacementError} listing every problem. */
export function daemonSetsFromSources(sources: readonly SourceObject[], options: InputOptions): DaemonSet[] {
  const out: DaemonSet[] = [];
  const errors: FieldError[] = [];
  for (const source of sources) {
    const checked = checkDaemonSet(source, options);
    errors.push(...checked.errors);
    if (checked.daemonset) out.push(checked.daemonset);
  }
  if (errors.length > 0) throw new PlacementError('invalid', 'invalid DaemonSet', errors);
  if (out.length === 0) throw new PlacementError('invalid', 'no DaemonSet found');
  return out;
}

/** Pods and ControllerRevisions from sources (`kubectl get pods,controllerrevisions -o json`). */
export function podsFromSources(sources: readonly SourceObject[]): { pods: PodObject[]; revisions: ControllerRevision[] } {
  const pods: PodObject[] = [];
  const revisions: ControllerRevision[] = [];
  const errors: FieldError[] = [];
  for (const source of sources) {
    const kind = own(source.object, 'kind');
    if (kind === 'Pod') {
      const { pod, errors: e } = decodePodObject(source.object);
      errors.push(...located(source, e));
      if (pod) pods.push(pod);
    } else if (kind === 'ControllerRevision') {
      const { revision, errors: e } = decodeControllerRevision(source.object);
      errors.push(...located(source, e));
      if (revision) revisions.push(revision);
    } else {
      errors.push(...located(source, [{ path: 'kind', type: 'Unsupported value', badValue: kind ?? '', detail: 'supported values: "Pod", "ControllerRevision"' }]));
    }
  }
  if (errors.length > 0) throw new PlacementError('invalid', 'invalid pods', errors);
  return { pods, revisions };
}

/** The newest ControllerRevision's hash for a DaemonSet (matched by owner UID, else owner name), or "". */
export function currentRevisionHash(ds: DaemonSet, revisions: readonly ControllerRevision[]): string {
  const mine = revisions.filter((r) => r.namespace === ds.workload.namespace && (ds.uid !== '' ? r.ownerUid === ds.uid : r.ownerName === ds.workload.name));
  let newest: ControllerRevision | undefined;
  for (const r of mine) if (!newest || r.revision > newest.revision) newest = r;
  return newest?.hash ?? '';
}
