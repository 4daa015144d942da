/**
 * The pod's volumes that kube-scheduler's volume plugins check and placement does not model, by
 * volume source (pkg/scheduler/framework/plugins: volumebinding, volumezone, volumerestrictions,
 * nodevolumelimits):
 * - `persistentVolumeClaim`: VolumeBinding (the PV's node affinity, binding, WaitForFirstConsumer
 *   provisioning), VolumeZone (the PV's zone labels), VolumeRestrictions (a ReadWriteOncePod claim in
 *   use elsewhere), NodeVolumeLimits (the CSI driver's attach limit on the node);
 * - `ephemeral`: a claim created for the pod, checked like one (VolumeRestrictions only looks at
 *   `persistentVolumeClaim` volumes);
 * - `csi` (inline ephemeral CSI): NodeVolumeLimits;
 * - `gcePersistentDisk`, `awsElasticBlockStore`: VolumeRestrictions (`isVolumeConflict`, the same
 *   disk used by a pod on the node) and NodeVolumeLimits (CSI migration counts them);
 * - `rbd`, `iscsi`: VolumeRestrictions.
 * A StatefulSet's `spec.volumeClaimTemplates` become one claim per pod, which the controller adds to
 * the pod as `persistentVolumeClaim` volumes: checked as those.
 * Every other source (configMap, secret, emptyDir, hostPath, projected, ...) places no constraint.
 */
import { isObject, own } from '../model/decode.js';
import type { Workload } from '../model/types.js';
import type { NotEvaluated } from './not-evaluated.js';

/** Per volume source: what the scheduler checks, and a few words for summaries. */
const checkedSources: ReadonlyMap<string, { readonly what: string; readonly summary: string }> = new Map([
  ['persistentVolumeClaim', { what: 'volume node affinity and binding, zone, ReadWriteOncePod and attach limits (VolumeBinding, VolumeZone, VolumeRestrictions, NodeVolumeLimits)', summary: 'PVC volume binding' }],
  ['ephemeral', { what: 'a claim created for the pod: volume node affinity and binding, zone and attach limits (VolumeBinding, VolumeZone, NodeVolumeLimits)', summary: 'ephemeral volume binding' }],
  ['csi', { what: "the CSI driver's attach limit on the node (NodeVolumeLimits)", summary: 'CSI volume limits' }],
  ['gcePersistentDisk', { what: 'the same disk in use by a pod on the node, and attach limits (VolumeRestrictions, NodeVolumeLimits)', summary: 'disk conflicts' }],
  ['awsElasticBlockStore', { what: 'the same volume in use by a pod on the node, and attach limits (VolumeRestrictions, NodeVolumeLimits)', summary: 'disk conflicts' }],
  ['rbd', { what: 'the same RBD image in use by a pod on the node (VolumeRestrictions)', summary: 'disk conflicts' }],
  ['iscsi', { what: 'the same iSCSI target in use by a pod on the node (VolumeRestrictions)', summary: 'disk conflicts' }],
]);

/** A StatefulSet's `spec.volumeClaimTemplates`: each becomes a claim of every pod. */
export function claimTemplateEntries(workload: Workload): NotEvaluated[] {
  if (workload.kind !== 'StatefulSet') return [];
  const spec = own(workload.raw, 'spec');
  const templates = isObject(spec) ? own(spec, 'volumeClaimTemplates') : undefined;
  if (!Array.isArray(templates)) return [];
  const checked = checkedSources.get('persistentVolumeClaim')!;
  return templates.map((_, i) => ({ field: `spec.volumeClaimTemplates[${i}]`, what: `a claim per pod: ${checked.what}`, summary: checked.summary }));
}

/** The entries of `volumes` (the raw list) whose source a volume plugin checks; anything malformed is skipped (validation reports it). */
export function volumeEntries(volumes: unknown, specPath: string): NotEvaluated[] {
  if (!Array.isArray(volumes)) return [];
  const out: NotEvaluated[] = [];
  volumes.forEach((volume: unknown, i) => {
    if (!isObject(volume)) return;
    for (const [source, checked] of checkedSources) {
      const value = own(volume, source);
      if (value !== undefined && value !== null) out.push({ field: `${specPath}volumes[${i}].${source}`, ...checked });
    }
  });
  return out;
}
