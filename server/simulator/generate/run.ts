/**
 * An incremental generation run: a fleet, a time queue of actions and collector ticks, and the
 * posts produced so far. `advanceTo(t)` processes everything due up to `t` and returns the new
 * posts in time order — the scenario generator runs it to the end in one go, the demo driver in
 * small steps against the wall clock.
 *
 * Collectors: each host posts a bundle every interval (its own phase), carrying the events logged
 * since its previous successful post; a host that is silent, or whose management path is down,
 * posts nothing and delivers the backlog when it can again. Each switch's MAC table and the
 * monitor's `arp -a` are collected on their own intervals; syslog lines are posted as they happen.
 */
import type { Action } from '../behaviour/actions.ts';
import { apply, boot } from '../behaviour/apply.ts';
import type { Emission } from '../emission.ts';
import type { WinEvent } from '../events.ts';
import type { Fleet, HostState } from '../fleet.ts';
import { fleetToInventory } from '../inventory-view.ts';
import type { LifecycleFact } from '../predict/facts.ts';
import { renderBundle } from '../render/bundle.ts';
import { renderCiscoIosMac } from '../render/cisco-ios-mac.ts';
import { renderCiscoNxosMac } from '../render/cisco-nxos-mac.ts';
import { renderSyslog } from '../render/syslog.ts';
import { renderWindowsArp } from '../render/windows-arp.ts';
import { collectorCanPost, hostNeighbors, monitorArp, reachability } from './observed.ts';
import { TimeQueue } from './queue.ts';
import type { Inventory } from '../../model/inventory.ts';

export interface Post {
  /** Event time (epoch ms) at which a collector would post this. */
  at: number;
  /** Parser id (collectors/parsers). */
  format: string;
  query: { host?: string; device?: string; at?: number };
  body: string;
}

export interface CollectPlan {
  bundleEveryMs: number;
  macTableEveryMs: number;
  arpEveryMs: number;
}

type Item =
  | { kind: 'action'; action: Action }
  | { kind: 'bundle'; host: string }
  | { kind: 'macTable'; switch: string }
  | { kind: 'arp' };

/** Ground truth recorded alongside the posts, for tests and the prediction checks. */
export interface TraceSink {
  events: WinEvent[];
  facts: LifecycleFact[];
  inventories: { host: string; t: number; inv: Inventory }[];
  emissions: Emission[];
}

export interface RunOptions {
  trace?: TraceSink | null;
  /**
   * Without it an action that cannot apply (unknown VM, VM already running a migration, …) throws:
   * a scenario with such a step is wrong. The demo passes a handler and carries on.
   */
  onActionError?: (err: Error, action: Action, at: number) => void;
}

export const MAX_BACKLOG = 5_000;

export class Run {
  private queue = new TimeQueue<Item>();
  private backlog = new Map<string, WinEvent[]>();
  private out: Post[] = [];
  private now: number;
  fleet: Fleet;

  private readonly trace: TraceSink | null;
  private readonly onActionError: RunOptions['onActionError'];

  constructor(
    fleet: Fleet,
    start: number,
    private readonly plan: CollectPlan,
    opts: RunOptions = {},
  ) {
    this.trace = opts.trace ?? null;
    this.onActionError = opts.onActionError;
    const b = boot(fleet, start);
    this.fleet = b.fleet;
    this.now = start;
    this.absorb(b.emitted);
    for (const h of this.fleet.hosts) this.queue.push(start + h.collector.offsetMs, { kind: 'bundle', host: h.name });
    this.fleet.switches.forEach((s, i) => this.queue.push(start + 5_000 + ((i * 7_919) % Math.max(1, plan.macTableEveryMs - 5_000)), { kind: 'macTable', switch: s.name }));
    if (this.fleet.monitor) this.queue.push(start + 20_000 % plan.arpEveryMs, { kind: 'arp' });
  }

  get time(): number {
    return this.now;
  }

  schedule(at: number, action: Action): void {
    this.queue.push(at, { kind: 'action', action });
  }

  /** Processes everything due at or before `t`; returns the posts produced, in time order. */
  advanceTo(t: number): Post[] {
    this.out = [];
    for (;;) {
      const at = this.queue.peekAt();
      if (at === null || at > t) break;
      const { item } = this.queue.pop()!;
      this.now = at;
      this.process(at, item);
    }
    this.now = Math.max(this.now, t);
    return this.out.sort((a, b) => a.at - b.at);
  }

  private process(at: number, item: Item): void {
    if (item.kind === 'action') {
      let r;
      try {
        r = apply(this.fleet, item.action, at);
      } catch (err) {
        if (!this.onActionError) throw err;
        this.onActionError(err as Error, item.action, at);
        return;
      }
      this.fleet = r.fleet;
      this.absorb(r.emitted);
    } else if (item.kind === 'bundle') {
      const host = this.fleet.hosts.find((h) => h.name === item.host);
      if (!host) return;
      this.collectBundle(host, at);
      this.queue.push(at + host.collector.intervalMs, item);
    } else if (item.kind === 'macTable') {
      this.collectMacTable(item.switch, at);
      this.queue.push(at + this.plan.macTableEveryMs, item);
    } else {
      this.collectArp(at);
      this.queue.push(at + this.plan.arpEveryMs, item);
    }
  }

  private absorb(emitted: Emission[]): void {
    for (const e of emitted) {
      this.trace?.emissions.push(e);
      if (e.kind === 'event') {
        const list = this.backlog.get(e.event.host) ?? [];
        list.push(e.event);
        if (list.length > MAX_BACKLOG) list.splice(0, list.length - MAX_BACKLOG);
        this.backlog.set(e.event.host, list);
        this.trace?.events.push(e.event);
      } else if (e.kind === 'schedule') {
        this.queue.push(e.at, { kind: 'action', action: e.action });
      } else if (e.kind === 'syslog') {
        this.out.push({ at: e.at, format: 'syslog', query: { device: e.switch, at: e.at }, body: renderSyslog(e.switch, e.at, e.message) });
      } else if (e.kind === 'fact') {
        this.trace?.facts.push(e.fact);
      }
    }
  }

  private collectBundle(host: HostState, at: number): void {
    const reach = reachability(this.fleet, at);
    if (host.silent || !collectorCanPost(this.fleet, host, reach)) return;
    const pending = this.backlog.get(host.name) ?? [];
    const due = pending.filter((e) => e.time <= at).sort((a, b) => a.time - b.time || a.ticks - b.ticks || a.recordId - b.recordId);
    this.backlog.set(host.name, pending.filter((e) => e.time > at));
    const inv = fleetToInventory(this.fleet, host, at);
    this.trace?.inventories.push({ host: host.name, t: at, inv });
    const body = renderBundle({
      host: host.name,
      collectedAt: at,
      collector: { version: host.collector.version, osName: host.osName, osBuild: host.build },
      cluster: host.cluster,
      hostIps: [host.ip],
      inventory: inv,
      neighbors: hostNeighbors(this.fleet, host, at, reach),
      events: due,
      ps51: host.collector.ps51,
      renderedXml: host.collector.renderedXml,
    });
    this.out.push({ at, format: 'bundle', query: { host: host.name }, body });
  }

  private collectMacTable(name: string, at: number): void {
    const sw = this.fleet.switches.find((s) => s.name === name);
    if (!sw) return;
    const rows = Object.values(sw.table).map((e) => ({ vlan: e.vlan, mac: e.mac, port: e.port, ageSec: Math.max(0, Math.floor((at - e.learnedAt) / 1000)) % 240 }));
    const body = sw.vendor === 'cisco-nxos' ? renderCiscoNxosMac(rows, sw.svis) : renderCiscoIosMac(rows);
    this.out.push({ at, format: sw.vendor === 'cisco-nxos' ? 'cisco-nxos-mac' : 'cisco-ios-mac', query: { device: sw.name, at }, body });
  }

  private collectArp(at: number): void {
    if (!this.fleet.monitor) return;
    const body = renderWindowsArp(monitorArp(this.fleet, at, reachability(this.fleet, at)));
    this.out.push({ at, format: 'windows-arp', query: { host: this.fleet.monitor.name, at }, body });
  }
}
