/**
 * The objects of a request body decoded and validated a slice at a time (slices.ts): a batch of
 * 1,000 pods, or the thousands of Pods a DaemonSet question may carry, would otherwise be decoded in
 * one stretch. Blocks are decoded with the CLI's own functions; the field errors of every block are
 * collected and reported together, as when decoding at once.
 */
import { daemonSetsFromSources, podsFromSources } from '../api/daemonset-inputs.js';
import { checkWorkload, type InputOptions } from '../api/inputs.js';
import { isPlacementError, PlacementError, type FieldError } from '../errors.js';
import type { ControllerRevision, DaemonSet, PodObject } from '../model/daemonset-types.js';
import type { SourceObject } from '../model/parse-documents.js';
import type { Workload } from '../model/types.js';
import type { Deadline } from './deadline.js';
import { failOn } from './request-objects.js';
import { blocks, mapInSlices } from './slices.js';

/**
 * `decode` over blocks of `size` sources, in slices; a block that fails with field errors is
 * collected, and all of them are thrown together (with the first failure's code and message).
 */
async function decodeBlocks<T>(sources: readonly SourceObject[], size: number, decode: (block: SourceObject[]) => T, deadline: Deadline): Promise<T[]> {
  let failure: PlacementError | undefined;
  const errors: FieldError[] = [];
  const decoded = await mapInSlices(
    blocks(sources, size),
    (block) => {
      try {
        return [decode(block)];
      } catch (error) {
        if (!isPlacementError(error) || error.errors.length === 0) throw error;
        failure ??= error;
        errors.push(...error.errors);
        return [];
      }
    },
    deadline,
  );
  if (failure) throw new PlacementError(failure.code, failure.message, errors);
  return decoded.flat();
}

/** Workloads from sources, validated as the CLI validates them, one per unit of work; every problem at once. */
export async function workloadsInSlices(sources: readonly SourceObject[], options: InputOptions, deadline: Deadline): Promise<Workload[]> {
  const checked = await mapInSlices(sources, (source) => checkWorkload(source, options), deadline);
  failOn(
    checked.flatMap((c) => c.errors),
    'invalid workload',
  );
  return checked.flatMap((c) => (c.type === 'workload' ? [c.workload] : []));
}

/** DaemonSets from sources, validated, one per unit of work; every problem at once. */
export async function daemonSetsInSlices(sources: readonly SourceObject[], options: InputOptions, deadline: Deadline): Promise<DaemonSet[]> {
  return (await decodeBlocks(sources, 1, (block) => daemonSetsFromSources(block, options), deadline)).flat();
}

/** Pods and ControllerRevisions from sources, 256 to a unit of work, in their order; every problem at once. */
export async function podsInSlices(sources: readonly SourceObject[], deadline: Deadline): Promise<{ pods: PodObject[]; revisions: ControllerRevision[] }> {
  const parts = await decodeBlocks(sources, 256, podsFromSources, deadline);
  return { pods: parts.flatMap((p) => p.pods), revisions: parts.flatMap((p) => p.revisions) };
}
