/**
 * Periodic processes: things a faulty fleet keeps doing while a condition holds.
 * - `storm|host|vnic`: an SCVMM-cloned management vNIC makes the LBFO driver log 16945 again and
 *   again (bursts of 1–3 every 20–60 s) — the storm of docs/domain.md F2, unlike KB 2920261's one-off.
 * - `lacp|host|team|member`: a Lacp member whose switch port is outside the port-channel logs 16947
 *   LACP churn every 30–90 s.
 * - `vmsmp|host|port`: on VMSMP-era hosts (2008 R2) a port whose MAC is pinned elsewhere logs VMSMP
 *   28 every 1–3 min: a VM behind a vendor team with a stale MAC entry, or two ports of one vSwitch
 *   with the same MAC.
 * - `flap|switch|vlan|mac`: a MAC seen in several places flaps between them (behaviour/upstream.ts).
 * `ensureProcesses` runs after every transition: it starts the processes whose condition now holds
 * and forgets those whose condition ended; a tick re-checks its condition before acting.
 */
import { lbfoEvent, vmsmpPinned } from '../events.ts';
import type { Fleet, HostState } from '../fleet.ts';
import { activeLbfoMembers, isLegacyVmsmpHost, lbfoOfSwitch, vendorOfSwitch } from './common.ts';
import type { Ctx } from './context.ts';
import { flapTick } from './upstream.ts';

interface Pinned {
  host: HostState;
  portId: string;
  mac: string;
  pinnedTo: string;
}

function pinnedPorts(fleet: Fleet): Pinned[] {
  const out: Pinned[] = [];
  for (const host of fleet.hosts) {
    if (!isLegacyVmsmpHost(host)) continue;
    const ports: { portId: string; mac: string; sw: string }[] = host.hostVnics.map((v) => ({ portId: v.portId, mac: v.mac, sw: v.switch }));
    for (const vm of fleet.vms) {
      if (vm.host !== host.name || vm.state !== 'Running') continue;
      for (const n of vm.nics) {
        if (!n.mac || !n.switch) continue;
        ports.push({ portId: n.portId, mac: n.mac, sw: n.switch });
        const team = vendorOfSwitch(host, n.switch);
        if (team?.learnsOnlyAtInit && team.learned[n.portId] && team.learned[n.portId] !== n.mac) {
          out.push({ host, portId: n.portId, mac: n.mac, pinnedTo: team.guid });
        }
      }
    }
    for (let i = 0; i < ports.length; i++) {
      const first = ports.findIndex((p) => p.sw === ports[i].sw && p.mac === ports[i].mac);
      if (first < i) out.push({ host, portId: ports[i].portId, mac: ports[i].mac, pinnedTo: ports[first].portId });
    }
  }
  return out;
}

/** The keys of every process whose condition holds now, with what one tick does. */
function wanted(ctx: Ctx): Map<string, () => void> {
  const fleet = ctx.fleet;
  const out = new Map<string, () => void>();
  for (const host of fleet.hosts) {
    for (const v of host.hostVnics) {
      const team = lbfoOfSwitch(host, v.switch);
      if (!v.scvmmClone || !v.enabled || !team || team.nicState !== 'enabled') continue;
      if (activeLbfoMembers(host, team, ctx.t).length === 0) continue;
      out.set(`storm|${host.name}|${v.name}`, () => {
        const n = ctx.rng.chance(0.7) ? 1 : 2;
        for (let i = 0; i < n; i++) ctx.event(host, lbfoEvent(16945, team.nicDescription, team.nicGuid), i * ctx.rng.int(150, 1800));
      });
    }
    for (const team of host.teams) {
      if (team.kind !== 'lbfo' || team.mode !== 'Lacp') continue;
      for (const m of team.members) {
        const a = host.adapters.find((x) => x.name === m);
        if (!team.memberState[m]?.lacpIssue || !a?.link || !a.enabled) continue;
        out.set(`lacp|${host.name}|${team.name}|${m}`, () => ctx.event(host, lbfoEvent(16947, a.description, a.guid)));
      }
    }
  }
  for (const p of pinnedPorts(fleet)) {
    out.set(`vmsmp|${p.host.name}|${p.portId}`, () => ctx.event(p.host, vmsmpPinned(p.portId, p.mac, p.pinnedTo)));
  }
  return out;
}

const PERIOD: Record<string, [number, number]> = {
  storm: [20_000, 60_000],
  lacp: [30_000, 90_000],
  vmsmp: [60_000, 180_000],
  flap: [4_000, 20_000],
};

const FIRST: Record<string, [number, number]> = {
  storm: [15_000, 40_000],
  lacp: [5_000, 20_000],
  vmsmp: [1_000, 4_000],
  flap: [2_000, 8_000],
};

export function ensureProcesses(ctx: Ctx): void {
  const want = wanted(ctx);
  for (const k of want.keys()) {
    if (k in ctx.fleet.processes) continue;
    const [lo, hi] = FIRST[k.split('|')[0]];
    ctx.startProcess(k, ctx.rng.int(lo, hi));
  }
  for (const k of Object.keys(ctx.fleet.processes)) {
    if (!k.startsWith('flap|') && !want.has(k)) ctx.stopProcess(k);
  }
}

export function tick(ctx: Ctx, key: string, token: number): void {
  if (ctx.fleet.processes[key] !== token) return;
  const kind = key.split('|')[0];
  let alive: boolean;
  if (kind === 'flap') {
    alive = flapTick(ctx, key.slice('flap|'.length));
  } else {
    const run = wanted(ctx).get(key);
    if (run) run();
    alive = !!run;
  }
  if (!alive) {
    ctx.stopProcess(key);
    return;
  }
  const [lo, hi] = PERIOD[kind];
  ctx.startProcess(key, ctx.rng.int(lo, hi));
}
