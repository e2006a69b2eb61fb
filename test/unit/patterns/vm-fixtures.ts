/**
 * Inventory builders for the VM-level pattern specifications (stale-team-mac, post-migration-stale-
 * mac, guest-team-*, live-migration-*): a host with its adapters, teams (inbox LBFO, vendor BASP,
 * SET), vSwitches and VMs, written the way the collector normalises Get-NetAdapter /
 * Get-NetLbfoTeam / Get-VMSwitch / Get-VMNetworkAdapter / Get-VM. Every `build()` is a fresh deep
 * copy, so a later change to the builder never alters an inventory already posted.
 */
import type { Inventory, NetAdapter, VmNetworkAdapter } from '../../../server/model/inventory.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { event } from '../../helpers/engine.ts';

export const X710 = (n: number) => `Intel(R) Ethernet Controller X710 for 10GbE SFP+${n > 1 ? ` #${n}` : ''}`;
export const BCM = (n: number) => `Broadcom NetXtreme Gigabit Ethernet${n > 1 ? ` #${n}` : ''}`;
export const MUX = 'Microsoft Network Adapter Multiplexor Driver';
export const BASP = 'BASP Virtual Adapter';

export interface VmNicSpec {
  name?: string;
  switch: string | null;
  mac: string | null;
  dynamic?: boolean;
  allowTeaming?: boolean;
  ips?: string[];
}

export class HostInv {
  private inv: Required<Pick<Inventory, 'netAdapters' | 'lbfoTeams' | 'lbfoTeamMembers' | 'vmSwitches' | 'vmNetworkAdapters' | 'vms'>> & Inventory = {
    netAdapters: [],
    lbfoTeams: [],
    lbfoTeamMembers: [],
    vmSwitches: [],
    vmNetworkAdapters: [],
    vms: [],
  };

  constructor(readonly ip = '10.0.0.11') {
    this.inv.hostIps = [ip];
  }

  inCluster(name: string): this {
    this.inv.cluster = name;
    return this;
  }

  adapter(name: string, description: string, mac: string, status = 'Up'): this {
    this.inv.netAdapters.push({ name, description, ifIndex: this.inv.netAdapters.length + 2, status, mac, linkSpeedBps: status === 'Up' ? 10e9 : 0 });
    return this;
  }

  private vSwitch(name: string, descriptions: string[], type = 'External', set = false): this {
    this.inv.vmSwitches.push({ name, id: null, switchType: type, netAdapterDescriptions: descriptions, embeddedTeamingEnabled: set, allowManagementOS: true, iovEnabled: false });
    return this;
  }

  /** An inbox LBFO team (Switch Independent / Dynamic unless told) with a vSwitch bound to its tNIC. */
  lbfo(team: string, members: string[], vSwitch: string, teamMac: string, nth = 1): this {
    const desc = nth > 1 ? `${MUX} #${nth}` : MUX;
    this.inv.lbfoTeams.push({ name: team, members, teamNics: [team], teamingMode: 'SwitchIndependent', loadBalancingAlgorithm: 'Dynamic', status: 'Up' });
    for (const m of members) {
      const a = this.inv.netAdapters.find((x) => x.name === m)!;
      this.inv.lbfoTeamMembers.push({ name: m, description: a.description, team, administrativeMode: 'Active', operationalStatus: 'Active', transmitLinkSpeedBps: 10e9, receiveLinkSpeedBps: 10e9, failureReason: 'NoFailure' });
    }
    this.adapter(team, desc, teamMac);
    return this.vSwitch(vSwitch, [desc]);
  }

  /** A Broadcom BASP team: Windows shows only the team's virtual adapter. */
  basp(team: string, vSwitch: string, teamMac: string, status = 'Up'): this {
    this.adapter(team, BASP, teamMac, status);
    return this.vSwitch(vSwitch, [BASP]);
  }

  set(vSwitch: string, members: string[]): this {
    const descs = members.map((m) => this.inv.netAdapters.find((x) => x.name === m)!.description);
    return this.vSwitch(vSwitch, descs, 'External', true);
  }

  /** A vSwitch bound to one physical adapter. */
  single(vSwitch: string, adapter: string): this {
    return this.vSwitch(vSwitch, [this.inv.netAdapters.find((x) => x.name === adapter)!.description]);
  }

  internal(vSwitch: string, type: 'Internal' | 'Private' = 'Internal'): this {
    return this.vSwitch(vSwitch, [], type);
  }

  hostVnic(name: string, vSwitch: string, mac: string): this {
    this.inv.vmNetworkAdapters.push({ name, isManagementOs: true, vmName: null, vmId: null, switchName: vSwitch, mac, dynamicMacAddressEnabled: false, connected: true, status: ['Ok'], ipAddresses: [], allowTeaming: false, macAddressSpoofing: false, iovWeight: 0 });
    return this.adapter(`vEthernet (${name})`, 'Hyper-V Virtual Ethernet Adapter', mac);
  }

  vm(name: string, id: string | null, state: 'Running' | 'Off', nics: VmNicSpec[]): this {
    this.inv.vms.push({ name, id, state });
    nics.forEach((n, i) => {
      this.inv.vmNetworkAdapters.push({
        name: n.name ?? (i === 0 ? 'Network Adapter' : `Network Adapter ${i + 1}`),
        isManagementOs: false,
        vmName: name,
        vmId: id,
        switchName: n.switch,
        mac: n.mac,
        dynamicMacAddressEnabled: n.dynamic ?? true,
        connected: n.switch !== null,
        status: state === 'Running' ? ['Ok'] : [],
        ipAddresses: state === 'Running' ? (n.ips ?? []) : [],
        allowTeaming: n.allowTeaming ?? false,
        macAddressSpoofing: false,
        iovWeight: 0,
      });
    });
    return this;
  }

  removeVm(name: string): this {
    this.inv.vms = this.inv.vms.filter((v) => v.name !== name);
    this.inv.vmNetworkAdapters = this.inv.vmNetworkAdapters.filter((n) => n.vmName !== name);
    return this;
  }

  setVmState(name: string, state: 'Running' | 'Off'): this {
    this.inv.vms.find((v) => v.name === name)!.state = state;
    for (const n of this.inv.vmNetworkAdapters) if (n.vmName === name) n.status = state === 'Running' ? ['Ok'] : [];
    return this;
  }

  setVnic(vm: string, nic: string, change: Partial<VmNetworkAdapter>): this {
    Object.assign(this.inv.vmNetworkAdapters.find((n) => n.vmName === vm && n.name === nic)!, change);
    return this;
  }

  /** Get-NetAdapter status (and LBFO member state when the adapter is a team member). */
  setAdapter(name: string, status: string): this {
    const a: NetAdapter = this.inv.netAdapters.find((x) => x.name === name)!;
    a.status = status;
    a.linkSpeedBps = status === 'Up' ? 10e9 : 0;
    const m = this.inv.lbfoTeamMembers.find((x) => x.name === name);
    if (m) {
      m.operationalStatus = status === 'Up' ? 'Active' : 'Failed';
      m.failureReason = status === 'Up' ? 'NoFailure' : status === 'Disabled' ? 'AdministrativeDecision' : 'PhysicalMediaDisconnected';
      const team = this.inv.lbfoTeams.find((t) => t.name === m.team)!;
      const rows = this.inv.lbfoTeamMembers.filter((x) => x.team === team.name);
      const active = rows.filter((x) => x.operationalStatus === 'Active').length;
      team.status = active === 0 ? 'Down' : active < rows.length ? 'Degraded' : 'Up';
    }
    return this;
  }

  clone(): HostInv {
    const c = new HostInv(this.ip);
    c.inv = structuredClone(this.inv);
    return c;
  }

  build(): Inventory {
    return structuredClone(this.inv);
  }
}

/** Builder mutations return `this`; `variant` applies them to a copy, leaving the base intact. */
export function variant(base: HostInv, change: (h: HostInv) => unknown): Inventory {
  const c = base.clone();
  change(c);
  return c.build();
}

const VMMS = 'Microsoft-Windows-Hyper-V-VMMS';
const HA = 'Microsoft-Windows-Hyper-V-High-Availability';

/** VMMS 20415 / 20417 as the source host logs it (UserData Parameter0..2). */
export const lmCompleted = (host: string, time: number, vm: string, vmId: string, blackoutSec: number, long = false) =>
  event(host, time, {
    provider: VMMS,
    channel: 'Microsoft-Windows-Hyper-V-VMMS-Admin',
    eventId: long ? 20417 : 20415,
    level: long ? 3 : 4,
    data: { Parameter0: vm, Parameter1: vmId, Parameter2: String(blackoutSec) },
    params: [vm, vmId, String(blackoutSec)],
    userDataName: 'VmlEventLog',
    message: long
      ? `The Virtual Machine Management service successfully completed the live migration of virtual machine "${vm}" with an unexpectedly long blackout time of ${blackoutSec} seconds.`
      : `The Virtual Machine Management service successfully completed the live migration of virtual machine  '${vm}' with a blackout time of ${blackoutSec} seconds (VMID ${vmId}).`,
  });

/** Hyper-V-High-Availability failure events with unnamed positional data, as the cluster logs them. */
export function haFailure(host: string, time: number, eventId: 21111 | 21125 | 21145 | 21159 | 21502, vm: string, destination?: string) {
  const res = `Virtual Machine ${vm}`;
  const text: Record<number, string> = {
    21111: `Live migration of '${res}' failed.`,
    21125: 'Configuration setup for live migration failed on the destination node. Make sure that name of the virtual network is the same on the source and destination nodes, and try the live migration again.',
    21145: `'${res}' failed to live migrate because a virtual switch used by the VM is disconnected on the destination node '${destination}'.`,
    21159: `'${res}' failed to live migrate because a virtual switch used by the VM does not exist on the destination node '${destination}'.`,
    // docs/domain.md §1.3 gives 21502 only as "%3"; MS-LM's wording names no destination node.
    21502: `Live migration of '${res}' failed. The virtual switch used by the VM doesn't exist on the destination node.`,
  };
  const params = eventId === 21125 ? [] : destination ? [res, destination] : [res];
  return event(host, time, {
    provider: HA,
    channel: 'Microsoft-Windows-Hyper-V-High-Availability-Admin',
    eventId,
    level: 2,
    message: text[eventId],
    params,
    data: Object.fromEntries(params.map((p, i) => [`param${i + 1}`, p])),
  });
}

/** Deterministic shuffle (mulberry32) for out-of-order arrival specs. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The same observations, shuffled, but keeping each host's / switch's / observer's snapshots in
 * time order: the pipeline flags an older snapshot than the one held as late and judges it only
 * in replay, so snapshot order per source is not something live arrival can change.
 */
export function shuffledKeepingSnapshotOrder(obs: readonly Observation[], seed: number): Observation[] {
  const source = (o: Observation) => (o.kind === 'inventory' ? `inv:${o.host}` : o.kind === 'macTable' ? `mac:${o.device}` : o.kind === 'neighbors' ? `nb:${o.observer}` : null);
  const order = shuffled(obs, seed);
  const queues = new Map<string, Observation[]>();
  for (const o of [...obs].sort((a, b) => a.time - b.time)) {
    const k = source(o);
    if (k) queues.set(k, [...(queues.get(k) ?? []), o]);
  }
  return order.map((o) => {
    const k = source(o);
    return k ? queues.get(k)!.shift()! : o;
  });
}
