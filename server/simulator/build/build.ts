/**
 * Fleet spec → Fleet. Deterministic for a seed: adapter MACs (vendor OUI + seeded bytes), GUIDs,
 * record ids and collector phases all come from the PRNG. Hosts are built through the same
 * behaviour helpers the transitions use (vSwitch creation, host vNICs), with their emissions
 * discarded: the fleet starts as if it had been running for a long time.
 */
import { normalizeMac, type Mac } from '../../model/mac.ts';
import { Ctx } from '../behaviour/context.ts';
import { addHostVnic, createVSwitch, nextIfIndex } from '../behaviour/teams.ts';
import type { AdapterState, CableState, Fleet, HostState, LbfoTeamState, TeamState, VendorTeamState } from '../fleet.ts';
import { hostVnicAdapterName } from '../fleet.ts';
import { defaultMacPool } from '../macpool.ts';
import { parseDuration } from '../scenario/duration.ts';
import { Rng } from '../prng.ts';
import type { FleetSpec, HostSpec } from '../scenario/fleet-schema.ts';
import { NIC_MODELS, TEAM_NIC_DESCRIPTION, VENDOR_TEAM_DESCRIPTION, numberedDescription } from '../vendors.ts';
import { osNameFor, resolveShape } from './presets.ts';
import { buildVms } from './vms.ts';
import { buildMonitor, buildSwitches } from './network.ts';

export interface BuildOptions {
  seed: number;
  start: number;
  /** Collector interval for hosts that do not set their own. */
  bundleEveryMs?: number;
}

function randomMac(rng: Rng, oui: string): Mac {
  const b = () => rng.int(0, 255).toString(16).padStart(2, '0');
  return `${oui}:${b()}:${b()}:${b()}`;
}

function buildAdapters(rng: Rng, spec: HostSpec, shape: ReturnType<typeof resolveShape>): AdapterState[] {
  const out: AdapterState[] = [];
  const ordinals: Record<string, number> = {};
  const list = [...shape.adapters];
  if (spec.dedicatedMgmt) list.push({ vendor: 'intel', count: 1, speedBps: 1_000_000_000 });
  for (const a of list) {
    const model = NIC_MODELS[a.vendor];
    for (let i = 0; i < a.count; i++) {
      ordinals[a.vendor] = (ordinals[a.vendor] ?? 0) + 1;
      const n = out.length + 1;
      out.push({
        name: `Ethernet ${n}`,
        vendor: a.vendor,
        description: numberedDescription(model.description, ordinals[a.vendor]),
        mac: randomMac(rng, model.oui),
        speedBps: a.speedBps ?? model.speedBps,
        link: a.link ?? true,
        enabled: true,
        rdma: a.rdma ?? false,
        ifIndex: 2 + n * 2 + rng.int(0, 1),
        guid: rng.guid(),
      });
    }
  }
  return out;
}

function buildTeam(rng: Rng, host: HostState, t: ReturnType<typeof resolveShape>['teams'][number], start: number): TeamState {
  const macOf = (m: string) =>
    host.adapters.find((a) => a.name === m)?.mac ?? host.hostVnics.find((v) => hostVnicAdapterName(v.name) === m)?.mac;
  const first = macOf(t.members[0]);
  if (!first) throw new Error(`Host '${host.name}': team '${t.name}' member '${t.members[0]}' does not exist`);
  if (t.kind === 'lbfo') {
    const ordinal = host.teams.filter((x) => x.kind === 'lbfo').length + 1;
    const team: LbfoTeamState = {
      kind: 'lbfo',
      name: t.name,
      members: [...t.members],
      mode: t.mode ?? 'SwitchIndependent',
      algorithm: t.algorithm ?? 'Dynamic',
      standby: t.standby ?? null,
      nicDescription: numberedDescription(TEAM_NIC_DESCRIPTION, ordinal),
      nicIfIndex: nextIfIndex(host) + rng.int(0, 3),
      nicGuid: rng.guid(),
      nicState: 'enabled',
      mac: first,
      memberState: Object.fromEntries(t.members.map((m) => [m, { connectUntil: null, lacpIssue: false }])),
      createdAt: start - 86_400_000,
    };
    return team;
  }
  const ordinal = host.teams.filter((x) => x.kind === 'vendor' && x.vendor === t.kind).length + 1;
  const base = VENDOR_TEAM_DESCRIPTION[t.kind];
  const team: VendorTeamState = {
    kind: 'vendor',
    vendor: t.kind,
    name: t.name,
    members: [...t.members],
    description: t.kind === 'hpe' ? `HPE Network Team #${ordinal}` : numberedDescription(base, ordinal),
    ifIndex: nextIfIndex(host) + rng.int(0, 3),
    guid: rng.guid(),
    mac: first,
    enabled: true,
    learned: {},
    learnsOnlyAtInit: t.learnsOnlyAtInit ?? t.kind === 'basp',
  };
  return team;
}

function buildHost(ctx: Ctx, spec: HostSpec, fleetSpec: FleetSpec, opts: BuildOptions, cabling: CableState[], portCounters: Record<string, number>): HostState {
  const rng = ctx.rng;
  const shape = resolveShape(spec);
  const pool = spec.macPool
    ? { min: normalizeMac(spec.macPool.min)!, max: normalizeMac(spec.macPool.max)! }
    : defaultMacPool(spec.installIp ?? spec.ip);
  if (!pool.min || !pool.max) throw new Error(`Host '${spec.name}': invalid macPool`);
  const octets = spec.ip.split('.');
  const interval = spec.collector?.every !== undefined ? parseDuration(spec.collector.every) : (opts.bundleEveryMs ?? 60_000);
  const host: HostState = {
    name: spec.name,
    domain: fleetSpec.domain,
    cluster: spec.cluster ?? null,
    osName: osNameFor(shape.build),
    build: shape.build,
    ip: spec.ip,
    installIp: spec.installIp ?? spec.ip,
    pool,
    poolCursor: 0,
    mgmt: { kind: 'adapter', name: 'Ethernet 1' },
    mgmtVlan: spec.mgmtVlan ?? 10,
    vmVlan: spec.vmVlan ?? 20,
    gatewayIp: `${octets[0]}.${octets[1]}.${octets[2]}.1`,
    adapters: [],
    teams: [],
    vSwitches: [],
    hostVnics: [],
    silent: false,
    collector: {
      version: '1.0.0',
      ps51: spec.collector?.ps51 ?? rng.chance(0.35),
      renderedXml: spec.collector?.renderedXml ?? rng.chance(0.5),
      intervalMs: interval,
      offsetMs: rng.int(0, Math.max(0, interval - 1_000)),
    },
    recordIds: { System: rng.int(20_000, 900_000) },
  };
  host.adapters = buildAdapters(rng, spec, shape);
  const physicalTeams = shape.teams.filter((t) => !t.members.some((m) => m.startsWith('vEthernet')));
  for (const t of physicalTeams) host.teams.push(buildTeam(rng, host, t, opts.start));
  if (spec.dedicatedMgmt) host.mgmt = { kind: 'adapter', name: host.adapters[host.adapters.length - 1].name };
  else if (host.teams.length) host.mgmt = { kind: 'team', name: host.teams[0].name };
  for (const v of shape.vSwitches) createVSwitch(ctx, host, { action: 'vswitch-create', host: host.name, ...v });
  const mgmtVnic = host.hostVnics.find((v) => v.name === host.mgmt.name);
  if (mgmtVnic && spec.scvmmClone) mgmtVnic.scvmmClone = true;
  for (const v of spec.hostVnics ?? []) addHostVnic(ctx, host, v.name, v.switch, null);
  for (const t of shape.teams.filter((x) => !physicalTeams.includes(x))) host.teams.push(buildTeam(rng, host, t, opts.start));
  cableHost(host, spec, shape, fleetSpec, cabling, portCounters);
  return host;
}


function cableHost(host: HostState, spec: HostSpec, shape: ReturnType<typeof resolveShape>, fleetSpec: FleetSpec, cabling: CableState[], counters: Record<string, number>): void {
  const switches = spec.switches ?? fleetSpec.switches.slice(0, 2).map((s) => s.name);
  const vendorOf = (name: string) => fleetSpec.switches.find((s) => s.name === name)?.vendor;
  if (!switches.every((s) => vendorOf(s))) throw new Error(`Host '${host.name}': unknown switch in ${switches.join(', ')}`);
  const portName = (sw: string, speed: number) => {
    counters[sw] = (counters[sw] ?? 0) + 1;
    const n = counters[sw];
    return vendorOf(sw) === 'cisco-nxos' ? `Eth1/${n}` : speed >= 10_000_000_000 ? `Te1/0/${n}` : `Gi1/0/${n}`;
  };
  for (const [i, a] of host.adapters.entries()) {
    const explicit = spec.cabling?.find((c) => c.adapter === a.name);
    if (explicit) {
      cabling.push({ host: host.name, adapter: a.name, switch: explicit.switch, port: explicit.port, portChannel: explicit.portChannel ?? null });
      continue;
    }
    const team = shape.teams.find((t) => t.members.includes(a.name));
    const dependent = team && team.kind === 'lbfo' && (team.mode === 'Static' || team.mode === 'Lacp') && !team.spanSwitches;
    const sw = dependent ? switches[0] : switches[i % switches.length];
    let pc: string | null = null;
    if (dependent) {
      const key = `pc|${sw}|${host.name}|${team!.name}`;
      if (!(key in counters)) counters[key] = (counters[`pcs|${sw}`] = (counters[`pcs|${sw}`] ?? 10) + 1);
      pc = `Po${counters[key]}`;
    }
    cabling.push({ host: host.name, adapter: a.name, switch: sw, port: portName(sw, a.speedBps), portChannel: pc });
  }
}

export function buildFleet(spec: FleetSpec, opts: BuildOptions): Fleet {
  const fleet: Fleet = {
    hosts: [],
    vms: [],
    switches: [],
    cabling: [],
    monitor: null,
    settings: { learnDelayMs: spec.learnDelayMs, agingMs: spec.agingSec * 1000, domain: spec.domain },
    rng: new Rng(opts.seed).int(0, 2 ** 32 - 1),
    processes: {},
    pendingLearns: {},
    noLearn: {},
    migrations: [],
  };
  const ctx = new Ctx(fleet, opts.start);
  const counters: Record<string, number> = {};
  for (const h of spec.hosts) {
    if (fleet.hosts.some((x) => x.name.toLowerCase() === h.name.toLowerCase())) throw new Error(`Duplicate host '${h.name}'`);
    fleet.hosts.push(buildHost(ctx, h, spec, opts, fleet.cabling, counters));
  }
  buildVms(ctx, spec);
  for (const host of fleet.hosts) {
    for (const team of host.teams) {
      if (team.kind !== 'vendor') continue;
      for (const sw of host.vSwitches.filter((s) => s.uplink?.kind === 'team' && s.uplink.name === team.name)) {
        for (const v of host.hostVnics) if (v.switch === sw.name) team.learned[v.portId] = v.mac;
        for (const vm of fleet.vms) if (vm.host === host.name) for (const n of vm.nics) if (n.switch === sw.name && n.mac) team.learned[n.portId] = n.mac;
      }
    }
  }
  fleet.switches = buildSwitches(ctx, spec);
  fleet.monitor = spec.monitor === false ? null : buildMonitor(fleet, spec.monitor.name);
  fleet.rng = ctx.rng.state;
  return fleet;
}

