/**
 * The fleet model: pure data describing one simulated Hyper-V estate and its upstream switches at
 * one instant. Transitions (behaviour/) take a fleet and return a new one; nothing here has
 * methods or hidden state, so a fleet can be cloned, compared and serialised freely.
 *
 * Names follow what Windows shows: adapters are `Ethernet N`, host vNICs appear in Get-NetAdapter
 * as `vEthernet (<name>)`, the LBFO team NIC carries the team's name.
 */
import type { Mac } from '../model/mac.ts';
import type { MacPool } from '../model/inventory.ts';
import type { NicVendor, VendorTeamKind } from './vendors.ts';

export type LbfoMode = 'Static' | 'SwitchIndependent' | 'Lacp';
export type LbfoAlgorithm = 'TransportPorts' | 'IPAddresses' | 'MacAddresses' | 'HyperVPort' | 'Dynamic';

export interface AdapterState {
  name: string;
  vendor: NicVendor;
  description: string;
  /** Permanent (burned-in) MAC with the vendor's OUI. */
  mac: Mac;
  /** Negotiated speed while the link is up. */
  speedBps: number;
  /** Physical link (cable, far-end port). */
  link: boolean;
  /** Administrative state (Disable-NetAdapter). */
  enabled: boolean;
  rdma: boolean;
  ifIndex: number;
  guid: string;
}

export interface LbfoMemberState {
  /** Until this time the member waits on the connect timer (FailureReason WaitingForStableConnectivity). */
  connectUntil: number | null;
  /** The switch side does not negotiate LACP with this member (port outside the port-channel). */
  lacpIssue: boolean;
}

export interface LbfoTeamState {
  kind: 'lbfo';
  name: string;
  /** Adapter names: physical `Ethernet N`, or `vEthernet (…)` for the unsupported team of host vNICs. */
  members: string[];
  mode: LbfoMode;
  algorithm: LbfoAlgorithm;
  standby: string | null;
  nicDescription: string;
  nicIfIndex: number;
  nicGuid: string;
  /** `absent` after every member was disabled (the Disable-NetAdapter * trap removes the tNIC). */
  nicState: 'enabled' | 'disabled' | 'absent';
  /**
   * The team MAC: the permanent MAC of the member that was primary at creation. It stays when that
   * member fails (the first surviving member takes over as primary, predict/teams.ts).
   */
  mac: Mac;
  memberState: Record<string, LbfoMemberState>;
  createdAt: number;
}

export interface VendorTeamState {
  kind: 'vendor';
  vendor: VendorTeamKind;
  name: string;
  members: string[];
  description: string;
  ifIndex: number;
  guid: string;
  mac: Mac;
  enabled: boolean;
  /**
   * The MAC the team driver learned for each vSwitch port (by port id) when the port first appeared
   * behind it or at the team's last initialisation. With `learnsOnlyAtInit` (the Broadcom BASP bug,
   * docs/domain.md F3) a port whose MAC later changes keeps its stale entry: frames for the new MAC
   * are not forwarded until the team is reset.
   */
  learned: Record<string, Mac>;
  learnsOnlyAtInit: boolean;
}

export type TeamState = LbfoTeamState | VendorTeamState;

export type Uplink =
  | { kind: 'adapter'; name: string }
  | { kind: 'team'; name: string }
  | { kind: 'set'; members: string[]; algorithm: 'HyperVPort' | 'Dynamic' };

export interface VSwitchState {
  name: string;
  id: string;
  type: 'External' | 'Internal' | 'Private';
  uplink: Uplink | null;
  allowManagementOS: boolean;
  iovEnabled: boolean;
  createdAt: number;
}

export interface HostVnicState {
  /** The vNIC name (`Management`); Get-NetAdapter shows `vEthernet (Management)`. */
  name: string;
  switch: string;
  mac: Mac;
  vlan: number;
  ips: string[];
  description: string;
  ifIndex: number;
  enabled: boolean;
  /** SCVMM logical-switch deployment copied the team MAC onto this vNIC (docs/domain.md F2). */
  scvmmClone: boolean;
  portId: string;
}

export interface HostState {
  name: string;
  domain: string;
  cluster: string | null;
  osName: string;
  build: number;
  /** Management IPv4, the address peers and the monitor use. */
  ip: string;
  /** The IP present when the Hyper-V role was installed; the default MAC pool derives from it. */
  installIp: string;
  pool: MacPool;
  /** Offset into `pool` where the next dynamic MAC search starts (macpool.ts nextDynamicMac). */
  poolCursor: number;
  /** How management traffic leaves the host: a host vNIC, a dedicated adapter, or the team NIC. */
  mgmt: { kind: 'vnic' | 'adapter' | 'team'; name: string };
  mgmtVlan: number;
  /** Default VLAN of VM vNICs created on this host. */
  vmVlan: number;
  gatewayIp: string;
  adapters: AdapterState[];
  teams: TeamState[];
  vSwitches: VSwitchState[];
  hostVnics: HostVnicState[];
  /** The collector is stopped (host-silence). */
  silent: boolean;
  collector: { version: string; ps51: boolean; renderedXml: boolean; intervalMs: number; offsetMs: number };
  /** Next EventRecordID per channel. */
  recordIds: Record<string, number>;
}

export interface VmNicState {
  name: string;
  switch: string | null;
  /** null for a dynamic-MAC adapter that never started (Hyper-V shows 000000000000). */
  mac: Mac | null;
  dynamic: boolean;
  ips: string[];
  vlan: number;
  allowTeaming: boolean;
  iovWeight: number;
  portId: string;
}

export interface VmState {
  name: string;
  id: string;
  host: string;
  state: 'Running' | 'Off';
  nics: VmNicState[];
}

export interface MacEntryState {
  mac: Mac;
  vlan: number;
  port: string;
  learnedAt: number;
}

export interface UpstreamSwitchState {
  name: string;
  vendor: 'cisco-ios' | 'cisco-nxos';
  /** Port towards the peer switch; MACs learned behind the peer appear here. */
  isl: string;
  /** Switches reachable over the ISL (same L2 domain). */
  peers: string[];
  /** SVI (gateway) per VLAN. */
  svis: { vlan: number; ip: string; mac: Mac }[];
  /** Learned entries keyed `vlan|mac`. */
  table: Record<string, MacEntryState>;
  /** Recent move times per `vlan|mac`, for the vendor's move/flap notifications. */
  moves: Record<string, number[]>;
}

export interface CableState {
  host: string;
  adapter: string;
  switch: string;
  port: string;
  /** Port-channel the switch port belongs to (switch-dependent teams). */
  portChannel: string | null;
}

/** A Windows management server whose `arp -a` the scenario collects (it pings every host and VM). */
export interface MonitorState {
  name: string;
  interfaces: { ip: string; vlan: number; ifIndex: number }[];
}

export interface FleetSettings {
  /** Delay between a frame from a new place and the switch's table showing it. */
  learnDelayMs: number;
  agingMs: number;
  domain: string;
}

export interface Fleet {
  hosts: HostState[];
  vms: VmState[];
  switches: UpstreamSwitchState[];
  cabling: CableState[];
  monitor: MonitorState | null;
  settings: FleetSettings;
  /** mulberry32 state (prng.ts); every random draw advances it. */
  rng: number;
  /**
   * Running periodic processes (16945 storms, flapping, LACP churn, …) by key, holding the token
   * their next tick must carry; a tick whose token no longer matches is stale and does nothing.
   */
  processes: Record<string, number>;
  /** Pending switch learns by `switch|vlan|mac`, so one move is scheduled once. */
  pendingLearns: Record<string, string>;
  /** MACs the switches will not learn at a new place until the given time (post-migration stale MAC). */
  noLearn: Record<Mac, number>;
  /** Completed live migrations, newest last (bounded). */
  migrations: { vm: string; from: string; to: string; at: number }[];
}

export function findHost(fleet: Fleet, name: string): HostState {
  const h = fleet.hosts.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!h) throw new Error(`Unknown host '${name}'`);
  return h;
}

export function findVm(fleet: Fleet, name: string): VmState {
  const v = fleet.vms.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!v) throw new Error(`Unknown VM '${name}'`);
  return v;
}

export function findSwitch(fleet: Fleet, name: string): UpstreamSwitchState {
  const s = fleet.switches.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!s) throw new Error(`Unknown switch '${name}'`);
  return s;
}

export function findAdapter(host: HostState, name: string): AdapterState | undefined {
  return host.adapters.find((a) => a.name.toLowerCase() === name.toLowerCase());
}

export function findTeam(host: HostState, name: string): TeamState | undefined {
  return host.teams.find((t) => t.name.toLowerCase() === name.toLowerCase());
}

export function findVSwitch(host: HostState, name: string): VSwitchState | undefined {
  return host.vSwitches.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/** Get-NetAdapter name of a host vNIC. */
export function hostVnicAdapterName(vnicName: string): string {
  return `vEthernet (${vnicName})`;
}
