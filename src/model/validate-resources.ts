/**
 * API-server validation of the resource fields placement reads (pkg/apis/core/validation:
 * `validateResourceRequirements` with `validateContainerResourceName`, `ValidateResourceQuantityValue`,
 * `validateContainerPorts`, `AccumulateUniqueHostPorts`), with upstream's messages and paths.
 * Runs on the decoded pod, i.e. after defaulting, as the API server does.
 */
import type { FieldError } from '../errors.js';
import { formatQuantity } from './quantity-format.js';
import { compareQuantities, parseQuantity, quantityMilliValue, quantityValue, type Quantity } from './quantity.js';
import {
  hugePagesPrefix,
  isExtendedResourceName,
  isHugePageResourceName,
  isNativeResource,
  isOvercommitAllowed,
  isStandardContainerResourceName,
  resourceCPU,
  resourceMemory,
} from './resource-names.js';
import type { ContainerPort, ContainerResources, PodResources } from './resource-types.js';
import { checkLabelKey } from './validate-names.js';

/** `helper.IsStandardResourceName` (quota and compute names a ResourceList may use unprefixed). */
const standardResources: ReadonlySet<string> = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);

const protocols = ['SCTP', 'TCP', 'UDP'] as const;

/** `validateResourceName` then `validateContainerResourceName`. */
function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs: FieldError[] = checkLabelKey(name).map((detail) => ({ path, type: 'Invalid value', badValue: name, detail }));
  if (!name.includes('/')) {
    if (errs.length === 0 && !standardResources.has(name) && !isHugePageResourceName(name)) {
      errs.push({ path, type: 'Invalid value', badValue: name, detail: 'must be a standard resource type or fully qualified' });
    }
    if (!isStandardContainerResourceName(name)) errs.push({ path, type: 'Invalid value', badValue: name, detail: 'must be a standard resource for containers' });
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push({ path, type: 'Invalid value', badValue: name, detail: "doesn't follow extended resource name standard" });
  }
  return errs;
}

/** `ValidateResourceQuantityValue`: non-negative; extended resources in whole units. */
function validateQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push({ path, type: 'Invalid value', badValue: formatQuantity(q), detail: 'must be greater than or equal to 0' });
  // Upstream passes the Quantity itself; Go prints it raw, here it prints as its text.
  if (isExtendedResourceName(name) && quantityMilliValue(q) % 1000n !== 0n) {
    errs.push({ path, type: 'Invalid value', badValue: formatQuantity(q), detail: 'must be an integer' });
  }
  return errs;
}

/** `validateResourceQuantityHugePageValue`: a whole number of pages of the size the name states. */
function validateHugePageValue(name: string, q: Quantity, path: string): FieldError[] {
  const page = parseQuantity(name.slice(hugePagesPrefix.length));
  const pageSize = page.ok && page.quantity.nanos > 0n && page.quantity.nanos % 1_000_000_000n === 0n ? quantityValue(page.quantity) : 0n;
  if (pageSize > 0n && quantityValue(q) % pageSize === 0n) return [];
  return [{ path, type: 'Invalid value', badValue: formatQuantity(q), detail: `${formatQuantity(q)} is not positive integer multiple of ${name}` }];
}

function validateLimits(c: ContainerResources, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, q] of c.limits) {
    const at = `${path}.limits[${name}]`;
    errs.push(...validateContainerResourceName(name, at), ...validateQuantityValue(name, q, at));
    if (isHugePageResourceName(name)) errs.push(...validateHugePageValue(name, q, at));
  }
  return errs;
}

function validateRequests(c: ContainerResources, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const reqPath = `${path}.requests`;
  for (const [name, q] of c.requests) {
    const at = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, at), ...validateQuantityValue(name, q, at));
    const limit = c.limits.get(name);
    // Upstream reports the comparison at `requests`, without the resource key.
    if (limit !== undefined) {
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push({ path: reqPath, type: 'Invalid value', badValue: formatQuantity(q), detail: `must be equal to ${name} limit of ${formatQuantity(limit)}` });
      } else if (cmp > 0) {
        errs.push({ path: reqPath, type: 'Invalid value', badValue: formatQuantity(q), detail: `must be less than or equal to ${name} limit of ${formatQuantity(limit)}` });
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push({ path: `${path}.limits`, type: 'Required value', detail: 'Limit must be set for non overcommitable resources' });
    }
    if (isHugePageResourceName(name)) errs.push(...validateHugePageValue(name, q, at));
  }
  return errs;
}

/** `validateResourceRequirements` for one container (claims are not read). */
export function validateContainerResources(c: ContainerResources, path: string): FieldError[] {
  const errs = [...validateLimits(c, path), ...validateRequests(c, path)];
  const names = [...c.limits.keys(), ...c.requests.keys()];
  if (names.some(isHugePageResourceName) && !names.some((n) => n === resourceCPU || n === resourceMemory)) {
    errs.push({ path, type: 'Forbidden', detail: 'HugePages require cpu or memory' });
  }
  return errs;
}

/** `IsValidPortNum`. */
const badPort = (n: number): boolean => n < 1 || n > 65535;

/** `validateContainerPorts` (names are not checked). */
export function validateContainerPorts(ports: readonly ContainerPort[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((port, j) => {
    const at = `${path}[${j}]`;
    if (port.containerPort === 0) errs.push({ path: `${at}.containerPort`, type: 'Required value', detail: '' });
    else if (badPort(port.containerPort)) errs.push({ path: `${at}.containerPort`, type: 'Invalid value', badValue: port.containerPort, detail: 'must be between 1 and 65535, inclusive' });
    if (port.hostPort !== 0 && badPort(port.hostPort)) errs.push({ path: `${at}.hostPort`, type: 'Invalid value', badValue: port.hostPort, detail: 'must be between 1 and 65535, inclusive' });
    if (!(protocols as readonly string[]).includes(port.protocol)) {
      errs.push({ path: `${at}.protocol`, type: 'Unsupported value', badValue: port.protocol, detail: `supported values: ${protocols.map((p) => `"${p}"`).join(', ')}` });
    }
  });
  return errs;
}

/** `AccumulateUniqueHostPorts` over the regular containers: one host port per protocol and address. */
function validateUniqueHostPorts(containers: readonly ContainerResources[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => c.ports.forEach((port, j) => {
    if (port.hostPort === 0) return;
    const key = `${port.protocol}/${port.hostIP}/${port.hostPort}`;
    if (seen.has(key)) errs.push({ path: `${path}[${i}].ports[${j}].hostPort`, type: 'Duplicate value', badValue: key, detail: '' });
    seen.add(key);
  }));
  return errs;
}

/** Validates the resource and port fields of a pod spec found at `specPath` (e.g. `spec.`). */
export function validatePodResources(pod: PodResources, specPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [field, list] of [['initContainers', pod.initContainers], ['containers', pod.containers]] as const) {
    list.forEach((c, i) => {
      errs.push(...validateContainerPorts(c.ports, `${specPath}${field}[${i}].ports`));
      errs.push(...validateContainerResources(c, `${specPath}${field}[${i}].resources`));
    });
  }
  errs.push(...validateUniqueHostPorts(pod.containers, `${specPath}containers`));
  for (const [field, list] of [['overhead', pod.overhead], ['resources.requests', pod.podRequests], ['resources.limits', pod.podLimits]] as const) {
    for (const [name, q] of list ?? []) {
      if (q.nanos < 0n) errs.push({ path: `${specPath}${field}[${name}]`, type: 'Invalid value', badValue: formatQuantity(q), detail: 'must be greater than or equal to 0' });
    }
  }
  return errs;
}
