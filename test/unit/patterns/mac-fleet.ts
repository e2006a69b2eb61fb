/**
 * Inventory and event builders shared by the MAC pattern specifications: a Hyper-V host with one
 * LBFO team (two Intel members) under an External vSwitch, a management vNIC, VMs with vNICs and
 * a dynamic MAC pool. Every MAC is derived from small numbers so tests read as "VM 5 on host 1".
 */
import type { Inventory, LbfoTeamMember, VmNetworkAdapter } from '../../../server/model/inventory.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { EngineHarness, event } from '../../helpers/engine.ts';

export const TEAM_NIC = 'Microsoft Network Adapter Multiplexor Driver';
export const hex = (n: number) => n.toString(16).padStart(2, '0');
/** Physical adapter MAC `a` of host `h`. */
export const pmac = (h: number, a: number) => `00:1b:21:0a:${hex(h)}:${hex(a)}`;
/** Dynamic-pool MAC `n` of host `h` (pool 00:15:5d:<h>:00:00–ff). */
export const vmac = (h: number, n: number) => `00:15:5d:${hex(h)}:00:${hex(n)}`;

export interface VmSpec {
  name: string;
  mac: string | null;
  state?: string;
  ips?: string[];
  switchName?: string | null;
  dynamic?: boolean;
  id?: string;
}

export interface HostSpec {
  /** Host number: derives member MACs and the MAC pool. */
  n: number;
  members?: { name: string; status?: 'Active' | 'Failed' }[];
  algorithm?: string;
  mode?: string;
  vSwitch?: boolean;
  /** Host vNICs on the vSwitch: name → MAC (default: Management inheriting the team MAC). */
  hostVnics?: { name: string; mac: string; dynamic?: boolean }[];
  vms?: VmSpec[];
  pool?: { min: string; max: string } | null;
  hostIps?: string[];
}

export const vmId = (name: string) => `00000000-0000-0000-0000-${Buffer.from(name).toString('hex').padStart(12, '0').slice(-12)}`;

export function hyperVHost(spec: HostSpec): Inventory {
  const members = spec.members ?? [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }];
  const desc = (i: number) => `Intel(R) Ethernet Controller X710 #${i + 1}`;
  const teamMac = pmac(spec.n, 1);
  const rows: LbfoTeamMember[] = members.map((m, i) => ({
    name: m.name,
    description: desc(i),
    team: 'Team1',
    administrativeMode: 'Active',
    operationalStatus: m.status ?? 'Active',
    transmitLinkSpeedBps: 10e9,
    receiveLinkSpeedBps: 10e9,
    failureReason: m.status === 'Failed' ? 'PhysicalMediaDisconnected' : 'NoFailure',
  }));
  const hostVnics = spec.hostVnics ?? [{ name: 'Management', mac: teamMac }];
  const vnicRow = (over: Partial<VmNetworkAdapter> & Pick<VmNetworkAdapter, 'name'>): VmNetworkAdapter => ({
    isManagementOs: false,
    vmName: null,
    vmId: null,
    switchName: 'vSwitch',
    mac: null,
    dynamicMacAddressEnabled: true,
    connected: true,
    status: ['Ok'],
    ipAddresses: [],
    allowTeaming: false,
    macAddressSpoofing: false,
    iovWeight: 0,
    ...over,
  });
  const withSwitch = spec.vSwitch !== false;
  return {
    netAdapters: [
      ...members.map((m, i) => ({ name: m.name, description: desc(i), ifIndex: i + 2, status: m.status === 'Failed' ? 'Disconnected' : 'Up', mac: pmac(spec.n, i + 1), linkSpeedBps: 10e9 })),
      { name: 'Team1', description: TEAM_NIC, ifIndex: 10, status: 'Up', mac: teamMac, linkSpeedBps: 20e9 },
      ...(withSwitch ? hostVnics.map((v, i) => ({ name: `vEthernet (${v.name})`, description: i === 0 ? 'Hyper-V Virtual Ethernet Adapter' : `Hyper-V Virtual Ethernet Adapter #${i + 1}`, ifIndex: 20 + i, status: 'Up', mac: v.mac, linkSpeedBps: 10e9 })) : []),
    ],
    lbfoTeams: [{ name: 'Team1', members: members.map((m) => m.name), teamNics: ['Team1'], teamingMode: spec.mode ?? 'SwitchIndependent', loadBalancingAlgorithm: spec.algorithm ?? 'Dynamic', status: 'Up' }],
    lbfoTeamMembers: rows,
    vmSwitches: withSwitch ? [{ name: 'vSwitch', id: null, switchType: 'External', netAdapterDescriptions: [TEAM_NIC], embeddedTeamingEnabled: false, allowManagementOS: true, iovEnabled: false }] : [],
    vmNetworkAdapters: [
      ...(withSwitch ? hostVnics.map((v) => vnicRow({ name: v.name, isManagementOs: true, mac: v.mac, dynamicMacAddressEnabled: v.dynamic ?? true })) : []),
      ...(spec.vms ?? []).map((vm) =>
        vnicRow({
          name: 'Network Adapter',
          vmName: vm.name,
          vmId: vm.id ?? vmId(vm.name),
          mac: vm.mac,
          switchName: vm.switchName === undefined ? 'vSwitch' : vm.switchName,
          dynamicMacAddressEnabled: vm.dynamic ?? true,
          ipAddresses: (vm.state ?? 'Running') === 'Running' ? (vm.ips ?? []) : [],
        }),
      ),
    ],
    vms: (spec.vms ?? []).map((vm) => ({ name: vm.name, id: vm.id ?? vmId(vm.name), state: vm.state ?? 'Running' })),
    macPool: spec.pool === undefined ? { min: vmac(spec.n, 0), max: vmac(spec.n, 255) } : spec.pool,
    hostIps: spec.hostIps ?? [`10.0.0.${spec.n}`],
  };
}

const LBFO = 'Microsoft-Windows-MsLbfoSysEvtProvider';

export const memberDisconnected = (host: string, time: number, i = 2) =>
  event(host, time, { provider: LBFO, eventId: 16949, level: 3, message: `Member Nic Intel(R) Ethernet Controller X710 #${i} Disconnected.`, params: ['', `Intel(R) Ethernet Controller X710 #${i}`] });

export const memberConnected = (host: string, time: number, i = 2) =>
  event(host, time, { provider: LBFO, eventId: 16950, level: 4, message: `Member Nic Intel(R) Ethernet Controller X710 #${i} Connected.`, params: ['', `Intel(R) Ethernet Controller X710 #${i}`] });

export const migrationCompleted = (host: string, time: number, vm: string) =>
  event(host, time, {
    provider: 'Microsoft-Windows-Hyper-V-VMMS',
    channel: 'Microsoft-Windows-Hyper-V-VMMS-Admin',
    eventId: 20415,
    data: { Parameter0: vm, Parameter1: vmId(vm), Parameter2: '0.5' },
    params: [vm, vmId(vm), '0.5'],
    userDataName: 'VmlEventLog',
  });

/** Deterministic shuffle (LCG) for out-of-order specifications. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Out-of-order delivery: observations are grouped into consecutive event-time buckets of
 * `bucketMs` and each bucket is delivered in shuffled order, one observation per post. Snapshots
 * (inventories, MAC and neighbor tables) keep their order among themselves — one collector sends
 * them in sequence, and the engine keeps only the newest — while events and switch log lines around
 * them arrive in any order.
 */
export function shuffleWithin(obs: readonly Observation[], bucketMs: number, seed: number): Observation[] {
  const sorted = [...obs].sort((a, b) => a.time - b.time);
  const out: Observation[] = [];
  let bucket: Observation[] = [];
  let start = sorted[0]?.time ?? 0;
  const flush = () => {
    const mixed = shuffled(bucket, seed++);
    const isSnapshot = (o: Observation) => o.kind === 'inventory' || o.kind === 'macTable' || o.kind === 'neighbors';
    const snapshots = bucket.filter(isSnapshot);
    let k = 0;
    out.push(...mixed.map((o) => (isSnapshot(o) ? snapshots[k++] : o)));
    bucket = [];
  };
  for (const o of sorted) {
    if (o.time - start >= bucketMs) {
      flush();
      start = o.time;
    }
    bucket.push(o);
  }
  flush();
  return out;
}

/**
 * Drives a harness like live mode: observations are posted one by one in the given order, and the
 * clock ticks every `stepMs` of event time in between and up to `until` — so an alert that holds
 * only for a while is seen, as the NOC would see it, and `everFired` catches transient ones.
 */
export function live(obs: readonly Observation[], until: number, stepMs = 30_000): EngineHarness {
  const e = new EngineHarness();
  const tickTo = (t: number) => {
    for (let c = (e.state.clock ?? t) + stepMs; c < t; c += stepMs) e.tick(c);
  };
  for (const o of obs) {
    tickTo(o.time);
    e.post(o);
  }
  tickTo(until);
  e.tick(until);
  return e;
}
