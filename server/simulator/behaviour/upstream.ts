/**
 * The upstream switches' forwarding tables. Where each MAC is sourced comes from the simulator's
 * own prediction (`expectedMacLocations` over each host's inventory view) plus the known-buggy
 * behaviours it models (a vendor team dropping frames of a MAC it did not learn). A switch learns a
 * MAC where frames arrive: on the access port or port-channel for a local source, on its ISL for a
 * source behind a peer switch. One place → the table converges after the learn delay; several
 * places at once (duplicate MAC, Static team across unstacked switches) → the entry flaps.
 */
import type { Mac } from '../../model/mac.ts';
import { macToCisco } from '../../model/mac.ts';
import type { Fleet, UpstreamSwitchState } from '../fleet.ts';
import { fleetToInventory } from '../inventory-view.ts';
import { expectedMacLocations } from '../predict/locations.ts';
import type { Ctx } from './context.ts';

export interface MacSource {
  host: string;
  mac: Mac;
  vlan: number;
  switch: string;
  port: string;
}

/** Every place frames with each MAC currently enter the switching fabric. */
export function macSources(fleet: Fleet, t: number): MacSource[] {
  const out: MacSource[] = [];
  const vmsByName = new Map(fleet.vms.map((v) => [v.name, v]));
  for (const host of fleet.hosts) {
    const inv = fleetToInventory(fleet, host, t);
    const vendorTeamMembers: Record<string, string[]> = {};
    for (const team of host.teams) if (team.kind === 'vendor') vendorTeamMembers[team.name] = team.members;
    const locs = expectedMacLocations(inv, { host: host.name, cabling: fleet.cabling, vendorTeamMembers });
    // Rewritten member frames keep the VLAN of the port they came from: management plus VM VLANs.
    const memberVlans = new Set<number>([host.mgmtVlan]);
    for (const vm of fleet.vms) if (vm.host === host.name && vm.state === 'Running') for (const n of vm.nics) if (n.switch) memberVlans.add(n.vlan);
    const sortedMemberVlans = [...memberVlans].sort((a, b) => a - b);
    for (const loc of locs) {
      let vlans: number[] = [host.mgmtVlan];
      if (loc.owner.kind === 'vm') {
        const owner = loc.owner;
        const nic = vmsByName.get(owner.vm)?.nics.find((n) => n.name === owner.nic && n.mac === loc.mac);
        if (!nic) continue;
        vlans = [nic.vlan];
        const team = host.teams.find((x) => x.name === loc.team);
        // The BASP bug: the team forwards only the MAC it learned for the port.
        if (team?.kind === 'vendor' && team.learnsOnlyAtInit && team.learned[nic.portId] !== nic.mac) continue;
      } else if (loc.owner.kind === 'host-vnic') {
        const name = loc.owner.name;
        vlans = [host.hostVnics.find((v) => v.name === name)?.vlan ?? host.mgmtVlan];
      } else if (loc.owner.kind === 'member') {
        vlans = sortedMemberVlans;
      }
      for (const vlan of vlans) for (const p of loc.ports) out.push({ host: host.name, mac: loc.mac, vlan, switch: p.switch, port: p.port });
    }
  }
  return out;
}

export interface Fabric {
  sources: MacSource[];
  /** Candidate ports per `switch|vlan|mac`. */
  cands: Map<string, string[]>;
}

/**
 * Sources and candidate ports depend on everything in the fleet except the switch tables, so they
 * are computed once per fleet state and shared by the transitions that only touch tables (learn,
 * age, process ticks; see apply.ts). The cache is keyed by the fleet object and never outlives it.
 */
const FABRIC = new WeakMap<Fleet, Fabric>();

export function fabricOf(fleet: Fleet, t: number): Fabric {
  let f = FABRIC.get(fleet);
  if (!f) {
    const sources = macSources(fleet, t);
    f = { sources, cands: candidatePorts(fleet, sources) };
    FABRIC.set(fleet, f);
  }
  return f;
}

/** Lets a table-only transition reuse the fabric of the fleet it started from. */
export function shareFabric(from: Fleet, to: Fleet): void {
  const f = FABRIC.get(from);
  if (f) FABRIC.set(to, f);
}

const key = (sw: string, vlan: number, mac: Mac) => `${sw}|${vlan}|${mac}`;

/** Candidate ports per `switch|vlan|mac`: where each switch sees frames of that MAC arrive. */
export function candidatePorts(fleet: Fleet, sources: MacSource[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  // Where a frame entering at switch S is seen: on S's port, and on the ISL of each peer of S.
  const seenBy = new Map<string, { sw: string; isl: boolean }[]>();
  for (const sw of fleet.switches) {
    seenBy.set(sw.name, [...(seenBy.get(sw.name) ?? []), { sw: sw.name, isl: false }]);
    for (const p of sw.peers) seenBy.set(p, [...(seenBy.get(p) ?? []), { sw: sw.name, isl: true }]);
  }
  const isl = new Map(fleet.switches.map((s) => [s.name, s.isl]));
  for (const src of sources) {
    for (const v of seenBy.get(src.switch) ?? []) {
      const port = v.isl ? isl.get(v.sw)! : src.port;
      const k = key(v.sw, src.vlan, src.mac);
      let set = out.get(k);
      if (!set) out.set(k, (set = new Set()));
      set.add(port);
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

function sw(fleet: Fleet, name: string): UpstreamSwitchState {
  return fleet.switches.find((s) => s.name === name)!;
}

/** Records a move and logs it the way the vendor does (NX-OS every move, IOS only when it flaps back and forth). */
export function noteMove(ctx: Ctx, s: UpstreamSwitchState, vlan: number, mac: Mac, from: string, to: string): void {
  const k = `${vlan}|${mac}`;
  const recent = (s.moves[k] ?? []).filter((x) => x > ctx.t - 300_000);
  recent.push(ctx.t);
  s.moves[k] = recent;
  if (s.vendor === 'cisco-nxos') {
    ctx.syslog(s.name, { severity: 4, mnemonic: 'L2FM-4-L2FM_MAC_MOVE2', text: `Mac ${macToCisco(mac)} in vlan ${vlan} has moved from ${from} to ${to}` });
  } else if (recent.filter((x) => x > ctx.t - 60_000).length >= 2) {
    ctx.syslog(s.name, {
      severity: 4,
      mnemonic: 'SW_MATM-4-MACFLAP_NOTIF',
      text: `Host ${macToCisco(mac)} in vlan ${vlan} is flapping between port ${from} and port ${to}`,
    });
  }
}

/**
 * Brings every table towards the current sources: schedules a learn for each MAC seen in one new
 * place, an aging timer for each MAC no longer sourced, and starts flapping for MACs seen in several
 * places. With `immediate` (fleet bootstrap) tables are filled at once, as if long converged.
 */
export function reconcileTables(ctx: Ctx, immediate = false): void {
  const fleet = ctx.fleet;
  for (const [mac, until] of Object.entries(fleet.noLearn)) if (until <= ctx.t) delete fleet.noLearn[mac];
  const { cands } = fabricOf(fleet, ctx.t);
  for (const [k, ports] of cands) {
    const [swName, vlanText, mac] = k.split('|');
    const vlan = Number(vlanText);
    const s = sw(fleet, swName);
    const entry = s.table[`${vlan}|${mac}`];
    if (ports.length > 1) {
      if (immediate && !entry) s.table[`${vlan}|${mac}`] = { mac, vlan, port: ports[0], learnedAt: ctx.t };
      const pk = `flap|${k}`;
      if (!(pk in fleet.processes)) ctx.startProcess(pk, ctx.rng.int(2_000, 8_000));
      continue;
    }
    const port = ports[0];
    if (entry?.port === port) {
      if (fleet.pendingLearns[k] === '') delete fleet.pendingLearns[k];
      continue;
    }
    if (immediate) {
      s.table[`${vlan}|${mac}`] = { mac, vlan, port, learnedAt: ctx.t - ctx.rng.int(0, 250_000) };
      continue;
    }
    if (fleet.pendingLearns[k] === port) continue;
    const hold = fleet.noLearn[mac] ?? 0;
    const at = entry && hold > ctx.t ? hold - ctx.t : fleet.settings.learnDelayMs + ctx.rng.int(0, 500);
    fleet.pendingLearns[k] = port;
    ctx.schedule(at, { action: '_learn', switch: swName, vlan, mac });
  }
  for (const s of fleet.switches) {
    for (const e of Object.values(s.table)) {
      const k = key(s.name, e.vlan, e.mac);
      if (cands.has(k) || fleet.pendingLearns[k] === '') continue;
      fleet.pendingLearns[k] = '';
      ctx.schedule(fleet.settings.agingMs, { action: '_age', switch: s.name, vlan: e.vlan, mac: e.mac });
    }
  }
}

function currentCandidates(ctx: Ctx, swName: string, vlan: number, mac: Mac): string[] {
  return fabricOf(ctx.fleet, ctx.t).cands.get(key(swName, vlan, mac)) ?? [];
}

export function learn(ctx: Ctx, a: { switch: string; vlan: number; mac: Mac }): void {
  const k = key(a.switch, a.vlan, a.mac);
  if (ctx.fleet.pendingLearns[k] === undefined || ctx.fleet.pendingLearns[k] === '') return;
  delete ctx.fleet.pendingLearns[k];
  const ports = currentCandidates(ctx, a.switch, a.vlan, a.mac);
  if (ports.length !== 1) return;
  const s = sw(ctx.fleet, a.switch);
  const entry = s.table[`${a.vlan}|${a.mac}`];
  if ((ctx.fleet.noLearn[a.mac] ?? 0) > ctx.t && entry) return;
  if (entry?.port === ports[0]) return;
  s.table[`${a.vlan}|${a.mac}`] = { mac: a.mac, vlan: a.vlan, port: ports[0], learnedAt: ctx.t };
  ctx.macTable(a.switch, a.vlan, a.mac, ports[0], entry?.port ?? null, entry ? 'move' : 'learn');
  if (entry) noteMove(ctx, s, a.vlan, a.mac, entry.port, ports[0]);
}

export function age(ctx: Ctx, a: { switch: string; vlan: number; mac: Mac }): void {
  const k = key(a.switch, a.vlan, a.mac);
  if (ctx.fleet.pendingLearns[k] !== '') return;
  delete ctx.fleet.pendingLearns[k];
  if (currentCandidates(ctx, a.switch, a.vlan, a.mac).length > 0) return;
  const s = sw(ctx.fleet, a.switch);
  const entry = s.table[`${a.vlan}|${a.mac}`];
  if (!entry) return;
  delete s.table[`${a.vlan}|${a.mac}`];
  ctx.macTable(a.switch, a.vlan, a.mac, null, entry.port, 'age');
}

/** One flap: the entry jumps to the next place the MAC is seen. Returns false when it no longer flaps. */
export function flapTick(ctx: Ctx, k: string): boolean {
  const [swName, vlanText, mac] = k.split('|');
  const vlan = Number(vlanText);
  const ports = currentCandidates(ctx, swName, vlan, mac);
  if (ports.length < 2) return false;
  const s = sw(ctx.fleet, swName);
  const entry = s.table[`${vlan}|${mac}`];
  const nextPort = entry ? ports[(ports.indexOf(entry.port) + 1) % ports.length] : ports[0];
  s.table[`${vlan}|${mac}`] = { mac, vlan, port: nextPort, learnedAt: ctx.t };
  ctx.macTable(swName, vlan, mac, nextPort, entry?.port ?? null, entry ? 'move' : 'learn');
  if (entry && entry.port !== nextPort) noteMove(ctx, s, vlan, mac, entry.port, nextPort);
  return true;
}

/** A switch port lost link: the switch drops the dynamic entries learned on it. */
export function flushPort(ctx: Ctx, swName: string, port: string): void {
  const s = ctx.fleet.switches.find((x) => x.name === swName);
  if (!s) return;
  for (const [k, e] of Object.entries(s.table)) {
    if (e.port !== port) continue;
    delete s.table[k];
    ctx.macTable(swName, e.vlan, e.mac, null, port, 'flush');
  }
}
