/**
 * Decodes the resource fields of a pod spec (containers' requests, limits, ports and images,
 * `overhead`, pod-level `resources`) and of a Node (`status.allocatable`, `status.images`).
 * A quantity that does not parse is what the API server's decoder rejects, so it is an error here
 * too, with apimachinery's text. The pod gets the defaults the API server gives a Pod on creation
 * (pkg/apis/core/v1/defaults.go): a missing request equals its limit, an empty port protocol is
 * `TCP`, and with `hostNetwork` every port binds its container port on the host.
 */
import { tooLong } from '../errors.js';
import { Decoder, own, type JsonObject } from './decode.js';
import { limits } from './limits.js';
import { parseQuantity, type Quantity } from './quantity.js';
import type { ContainerImage, ContainerPort, ContainerResources, PodResources, ResourceList } from './resource-types.js';

/**
 * A quantity from JSON: a string (trimmed, as `UnmarshalJSON` does), a number (its JSON text), or
 * `null` (a zero quantity that is present). Anything else fails as apimachinery's parser fails.
 * Text longer than `quantityBytes` is refused before parsing: the parser builds BigInts of its digits.
 */
export function decodeQuantity(d: Decoder, value: unknown, path: string): Quantity | undefined {
  if (value === null) return { nanos: 0n, format: 'DecimalExponent' };
  if (typeof value === 'string' && value.length > limits.quantityBytes.value) {
    d.errors.push(tooLong(path, limits.quantityBytes.value));
    return undefined;
  }
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  const parsed = parseQuantity(text ?? '');
  if (parsed.ok) return parsed.quantity;
  const badValue = typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
  d.errors.push({ path, type: 'Invalid value', badValue, detail: parsed.error });
  return undefined;
}

/** A `ResourceList` (`map[ResourceName]Quantity`); `undefined` when absent. Keys go into a `Map`. */
export function decodeResourceList(d: Decoder, value: unknown, path: string): Map<string, Quantity> | undefined {
  const object = d.object(value, path);
  if (!object) return undefined;
  const out = new Map<string, Quantity>();
  for (const [name, item] of Object.entries(object)) {
    const q = decodeQuantity(d, item, `${path}[${name}]`);
    if (q) out.set(name, q);
  }
  return out;
}

function decodePort(d: Decoder, object: JsonObject, path: string, hostNetwork: boolean): ContainerPort {
  const containerPort = d.int32(own(object, 'containerPort'), `${path}.containerPort`) ?? 0;
  const hostPort = d.int32(own(object, 'hostPort'), `${path}.hostPort`) ?? 0;
  return {
    name: d.string(own(object, 'name'), `${path}.name`),
    containerPort,
    // defaultHostNetworkPorts: a host-network pod binds each container port on the host.
    hostPort: hostNetwork && hostPort === 0 ? containerPort : hostPort,
    protocol: d.string(own(object, 'protocol'), `${path}.protocol`) || 'TCP',
    hostIP: d.string(own(object, 'hostIP'), `${path}.hostIP`),
  };
}

/** SetDefaults_Pod: a resource with a limit and no request requests its limit. */
function withDefaultedRequests(requests: ResourceList | undefined, limits: ResourceList | undefined): ResourceList {
  if (!limits || limits.size === 0) return requests ?? new Map();
  const out = new Map(requests ?? []);
  for (const [name, limit] of limits) if (!out.has(name)) out.set(name, limit);
  return out;
}

function decodeContainer(d: Decoder, object: JsonObject, path: string, hostNetwork: boolean): ContainerResources {
  const resources = d.object(own(object, 'resources'), `${path}.resources`) ?? {};
  const limits = decodeResourceList(d, own(resources, 'limits'), `${path}.resources.limits`);
  return {
    name: d.string(own(object, 'name'), `${path}.name`),
    image: d.string(own(object, 'image'), `${path}.image`),
    requests: withDefaultedRequests(decodeResourceList(d, own(resources, 'requests'), `${path}.resources.requests`), limits),
    limits: limits ?? new Map(),
    ports: d.list(own(object, 'ports'), `${path}.ports`, (o, p) => decodePort(d, o, p, hostNetwork)),
    restartPolicy: d.string(own(object, 'restartPolicy'), `${path}.restartPolicy`),
  };
}

/** Decodes the resource fields of a pod spec found at `path` (with the trailing dot, e.g. `spec.`). */
export function decodePodResources(d: Decoder, spec: JsonObject, path: string, hostNetwork: boolean): PodResources {
  const podLevel = d.object(own(spec, 'resources'), `${path}resources`);
  return {
    containers: d.list(own(spec, 'containers'), `${path}containers`, (o, p) => decodeContainer(d, o, p, hostNetwork)),
    initContainers: d.list(own(spec, 'initContainers'), `${path}initContainers`, (o, p) => decodeContainer(d, o, p, hostNetwork)),
    overhead: decodeResourceList(d, own(spec, 'overhead'), `${path}overhead`),
    podRequests: podLevel ? decodeResourceList(d, own(podLevel, 'requests'), `${path}resources.requests`) : undefined,
    podLimits: podLevel ? decodeResourceList(d, own(podLevel, 'limits'), `${path}resources.limits`) : undefined,
  };
}

/** Decodes a Node's `status.allocatable` (empty when absent) and `status.images`. */
export function decodeNodeResources(d: Decoder, status: JsonObject): { allocatable: ResourceList; images: ContainerImage[] } {
  return {
    allocatable: decodeResourceList(d, own(status, 'allocatable'), 'status.allocatable') ?? new Map(),
    images: d.list(own(status, 'images'), 'status.images', (o, p) => ({
      names: d.stringList(own(o, 'names'), `${p}.names`),
      sizeBytes: d.int64(own(o, 'sizeBytes'), `${p}.sizeBytes`) ?? 0,
    })),
  };
}
