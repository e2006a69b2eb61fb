/**
 * Terse builders of host inventories and team events for the team pattern specifications: one or
 * more LBFO teams (with their team interfaces and vSwitches), SET switches, standalone NICs, VM
 * vNICs. Shapes follow what the bundle parser produces (server/model/inventory.ts); descriptions
 * and event texts follow docs/domain.md §1 and §3.
 */
import type { Inventory, LbfoTeamMember, NetAdapter, VmNetworkAdapter, VmSwitch } from '../../../server/model/inventory.ts';
import type { Mac } from '../../../server/model/mac.ts';
import { event } from '../../helpers/engine.ts';

export const G = 1e9;
export const TEAM_NIC = 'Microsoft Network Adapter Multiplexor Driver';

export interface MemberSpec {
  name: string;
  oper?: 'Active' | 'Failed' | 'Standby';
  reason?: string;
  admin?: 'Active' | 'Standby';
  speed?: number;
  description?: string;
  /** Get-NetAdapter status of the member; derived from `oper` when omitted. */
  adapterStatus?: string;
}

export interface TeamSpec {
  name?: string;
  members: MemberSpec[];
  mode?: string;
  algorithm?: string;
  status?: string;
  /** Get-NetAdapter state of the team interface: a status, `absent` (no row, TeamNics empty) or `unlisted` (TeamNics names it, no row). */
  nic?: string;
  /** vSwitch bound to the team interface (null: none). */
  vSwitch?: string | null;
}

export const nicDescription = (name: string) => `Intel(R) Ethernet Controller X710 for 10GbE SFP+ #${name.replace(/\D/g, '') || '1'}`;
const mac = (n: number): Mac => `00:1b:21:00:${(n >> 8).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}` as Mac;
const ifIndexOf = (name: string) => Number(name.replace(/\D/g, '') || 1) + 1;

export function adapter(name: string, status = 'Up', speed = 10 * G, description = nicDescription(name)): NetAdapter {
  return { name, description, ifIndex: ifIndexOf(name), status, mac: mac(ifIndexOf(name)), linkSpeedBps: status === 'Up' ? speed : 0 };
}

function memberRow(team: string, m: MemberSpec): LbfoTeamMember {
  const oper = m.oper ?? (m.admin === 'Standby' ? 'Standby' : 'Active');
  const speed = oper === 'Failed' ? 0 : (m.speed ?? 10 * G);
  return {
    name: m.name,
    description: m.description ?? nicDescription(m.name),
    team,
    administrativeMode: m.admin ?? 'Active',
    operationalStatus: oper,
    transmitLinkSpeedBps: speed,
    receiveLinkSpeedBps: speed,
    failureReason: m.reason ?? (oper === 'Failed' ? 'PhysicalMediaDisconnected' : 'NoFailure'),
  };
}

function statusOf(members: LbfoTeamMember[]): string {
  const active = members.filter((m) => m.operationalStatus === 'Active').length;
  if (active === 0) return 'Down';
  return members.some((m) => m.operationalStatus === 'Failed') ? 'Degraded' : 'Up';
}

/** A host with the given LBFO teams; `extra` adds or overrides inventory parts. */
export function lbfoInventory(teams: TeamSpec[], extra: Partial<Inventory> = {}): Inventory {
  const inv: Required<Pick<Inventory, 'netAdapters' | 'lbfoTeams' | 'lbfoTeamMembers' | 'vmSwitches'>> = { netAdapters: [], lbfoTeams: [], lbfoTeamMembers: [], vmSwitches: [] };
  teams.forEach((t, i) => {
    const name = t.name ?? `Team${i + 1}`;
    const rows = t.members.map((m) => memberRow(name, m));
    inv.lbfoTeamMembers.push(...rows);
    for (const [j, m] of t.members.entries()) {
      const row = rows[j];
      const status = m.adapterStatus ?? (row.failureReason === 'AdministrativeDecision' ? 'Disabled' : row.operationalStatus === 'Failed' ? 'Disconnected' : 'Up');
      inv.netAdapters.push({ ...adapter(m.name, status, m.speed ?? 10 * G, row.description) });
    }
    const description = i === 0 ? TEAM_NIC : `${TEAM_NIC} #${i + 1}`;
    const status = t.status ?? statusOf(rows);
    const nic = t.nic ?? (status === 'Down' ? 'Disconnected' : 'Up');
    inv.lbfoTeams.push({ name, members: t.members.map((m) => m.name), teamNics: nic === 'absent' ? [] : [name], teamingMode: t.mode ?? 'SwitchIndependent', loadBalancingAlgorithm: t.algorithm ?? 'Dynamic', status });
    if (nic !== 'absent' && nic !== 'unlisted') {
      inv.netAdapters.push({ name, description, ifIndex: 100 + i, status: nic, mac: inv.netAdapters.find((a) => a.name === t.members[0]?.name)?.mac ?? null, linkSpeedBps: 20 * G });
    }
    const sw = t.vSwitch === undefined ? `vSwitch-${name}` : t.vSwitch;
    if (sw) inv.vmSwitches.push(vSwitch(sw, [description]));
  });
  return { ...inv, ...extra, netAdapters: [...inv.netAdapters, ...(extra.netAdapters ?? [])], vmSwitches: [...inv.vmSwitches, ...(extra.vmSwitches ?? [])] };
}

export function vSwitch(name: string, descriptions: string[], set = false, iovEnabled = false): VmSwitch {
  return { name, id: null, switchType: 'External', netAdapterDescriptions: descriptions, embeddedTeamingEnabled: set, allowManagementOS: true, iovEnabled };
}

/** A SET vSwitch over physical adapters `Ethernet N` (statuses/speeds per member). */
export function setSwitch(name: string, members: { name: string; status?: string; speed?: number }[]): Pick<Inventory, 'netAdapters' | 'vmSwitches'> {
  const adapters = members.map((m) => adapter(m.name, m.status ?? 'Up', m.speed ?? 10 * G));
  return { netAdapters: adapters, vmSwitches: [vSwitch(name, adapters.map((a) => a.description), true)] };
}

export function vmNic(vm: string, switchName: string, over: Partial<VmNetworkAdapter> = {}): VmNetworkAdapter {
  return {
    name: 'Network Adapter',
    isManagementOs: false,
    vmName: vm,
    vmId: `${vm.toLowerCase()}-0000-0000-0000-000000000001`,
    switchName,
    mac: '00:15:5d:01:02:03' as Mac,
    dynamicMacAddressEnabled: true,
    connected: true,
    status: ['Ok'],
    ipAddresses: [],
    allowTeaming: false,
    macAddressSpoofing: false,
    iovWeight: 0,
    ...over,
  };
}

// ---- events (docs/domain.md §1) ------------------------------------------------------------------

const LBFO = 'Microsoft-Windows-MsLbfoSysEvtProvider';

export const memberDisconnected = (host: string, t: number, description: string) =>
  event(host, t, { provider: LBFO, eventId: 16949, level: 3, message: `Member Nic ${description} Disconnected.`, params: ['', description] });

export const memberConnected = (host: string, t: number, description: string) =>
  event(host, t, { provider: LBFO, eventId: 16950, level: 4, message: `Member Nic ${description} Connected.`, params: ['', description] });

export const lacpChurn = (host: string, t: number, description: string) =>
  event(host, t, { provider: LBFO, eventId: 16947, level: 3, message: `LACP Churn detected on Member Nic ${description}.`, params: ['', description] });

export const intelLinkDown = (host: string, t: number, description: string) =>
  event(host, t, { provider: 'e1iexpress', eventId: 27, qualifiers: 40964, level: 3, message: `${description}\r\n\r\nNetwork link is disconnected.\r\n`, params: ['\\Device\\NDMP3', description] });

export const intelLinkUp = (host: string, t: number, description: string) =>
  event(host, t, { provider: 'e1iexpress', eventId: 31, qualifiers: 24580, level: 4, message: `${description}\r\n\r\nNetwork link has been established at 10Gbps full duplex.\r\n`, params: ['\\Device\\NDMP3', description] });

export const broadcomLinkDown = (host: string, t: number, description: string) =>
  event(host, t, { provider: 'b57nd60a', eventId: 4, qualifiers: 32773, level: 3, message: `${description}: The network link is down.  Check to make sure the network cable is properly connected.`, params: ['\\Device\\NDMP4', description] });

export const mediaDisconnected = (host: string, t: number, friendlyName: string) =>
  event(host, t, {
    provider: 'Microsoft-Windows-Hyper-V-VmSwitch',
    eventId: 22,
    level: 3,
    message: `Media disconnected on NIC /DEVICE/{48B96D3A-0222-4222-B5F8-98511DC8FFA0} (Friendly Name: ${friendlyName}).`,
    data: { NicName: '/DEVICE/{48B96D3A-0222-4222-B5F8-98511DC8FFA0}', NicFName: friendlyName },
  });
