/**
 * Host ports, as the scheduler tracks them: `schedutil.GetHostPorts` (which ports a pod binds) and
 * `framework.HostPortInfo` (the ports in use on a node, by host IP, protocol and port).
 */
import type { PodResources } from '../model/resource-types.js';

/** `DefaultBindAllHostIP`: an empty host IP binds every address. */
export const bindAllHostIP = '0.0.0.0';

/** A host port a pod binds, sanitized as `HostPortInfo` stores it (IP `0.0.0.0`, protocol `TCP` when empty). */
export interface HostPort {
  readonly hostIP: string;
  readonly protocol: string;
  readonly port: number;
}

/** The `protocol/port` key of a host port (`ProtocolPort`). */
export const protocolPortKey = (protocol: string, port: number): string => `${protocol}/${port}`;

/**
 * `GetHostPorts`: the host ports of the regular containers and of the restartable init containers
 * (which run as long as the pod), sidecars first; ports without a host port are left out.
 */
export function podHostPorts(pod: PodResources): HostPort[] {
  const out: HostPort[] = [];
  const take = (ports: PodResources['containers'][number]['ports']): void => {
    for (const p of ports) {
      if (p.hostPort > 0) out.push({ hostIP: p.hostIP || bindAllHostIP, protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  };
  for (const c of pod.initContainers) if (c.restartPolicy === 'Always') take(c.ports);
  for (const c of pod.containers) take(c.ports);
  return out;
}

/**
 * `HostPortInfo` with reference counts: two pods on a node may hold the same port (bound without
 * the scheduler), and removing one keeps the port in use. Upstream keeps a set there, so removing
 * either frees it; the count gives the answer a freshly built node would give.
 */
export class HostPortUsage {
  /** hostIP → `protocol/port` → pods holding it. */
  private readonly byIP = new Map<string, Map<string, number>>();
  /** `protocol/port` → pods holding it on any IP, so a `0.0.0.0` check is one lookup. */
  private readonly anyIP = new Map<string, number>();

  /** `HostPortInfo.Add`. */
  add(p: HostPort): void {
    const key = protocolPortKey(p.protocol, p.port);
    let ports = this.byIP.get(p.hostIP);
    if (!ports) this.byIP.set(p.hostIP, (ports = new Map()));
    ports.set(key, (ports.get(key) ?? 0) + 1);
    this.anyIP.set(key, (this.anyIP.get(key) ?? 0) + 1);
  }

  /** Adds every holder of `other` (copying a node's ports to change them without touching the original). */
  addAll(other: HostPortUsage): void {
    for (const [ip, ports] of other.byIP) {
      let mine = this.byIP.get(ip);
      if (!mine) this.byIP.set(ip, (mine = new Map()));
      for (const [key, n] of ports) mine.set(key, (mine.get(key) ?? 0) + n);
    }
    for (const [key, n] of other.anyIP) this.anyIP.set(key, (this.anyIP.get(key) ?? 0) + n);
  }

  /** `HostPortInfo.Remove` (of one holder). */
  remove(p: HostPort): void {
    const key = protocolPortKey(p.protocol, p.port);
    const ports = this.byIP.get(p.hostIP);
    const n = ports?.get(key);
    if (!ports || n === undefined) return;
    if (n > 1) ports.set(key, n - 1);
    else if (ports.delete(key) && ports.size === 0) this.byIP.delete(p.hostIP);
    const all = this.anyIP.get(key) ?? 0;
    if (all > 1) this.anyIP.set(key, all - 1);
    else this.anyIP.delete(key);
  }

  /** `HostPortInfo.CheckConflict`: `0.0.0.0` conflicts with the port on any IP; another IP with itself and `0.0.0.0`. */
  conflicts(p: HostPort): boolean {
    const key = protocolPortKey(p.protocol, p.port);
    if (p.hostIP === bindAllHostIP) return this.anyIP.has(key);
    return this.byIP.get(bindAllHostIP)?.has(key) === true || this.byIP.get(p.hostIP)?.has(key) === true;
  }

  /** The number of distinct (IP, protocol, port) entries in use (`HostPortInfo.Len`). */
  get size(): number {
    let n = 0;
    for (const ports of this.byIP.values()) n += ports.size;
    return n;
  }
}
