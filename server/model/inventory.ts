/**
 * Normalized host inventory: what one Hyper-V host reported about its adapters, teams, switches,
 * vNICs, VMs and MAC pool at one moment. Parsers turn the cmdlets' own property names and enum
 * values (numbers or strings) into these shapes; everything downstream reads only these.
 *
 * Enum-like fields keep the cmdlet's own name for the value (`SwitchIndependent`, `Failed`, …);
 * a value the parser does not know is kept verbatim rather than dropped.
 */
import type { Mac } from './mac.ts';

export type TeamingMode = 'Static' | 'SwitchIndependent' | 'Lacp' | (string & {});
export type LoadBalancingAlgorithm =
  | 'TransportPorts'
  | 'IPAddresses'
  | 'MacAddresses'
  | 'HyperVPort'
  | 'Dynamic'
  | (string & {});
export type TeamStatus = 'Up' | 'Down' | 'Degraded' | (string & {});
export type MemberAdminMode = 'Active' | 'Standby' | (string & {});
export type MemberOperStatus = 'Active' | 'Standby' | 'Failed' | (string & {});
export type FailureReason =
  | 'NoFailure'
  | 'AdministrativeDecision'
  | 'PhysicalMediaDisconnected'
  | 'WaitingForStableConnectivity'
  | 'LacpNegotiationIssue'
  | 'NicNotPresent'
  | 'UnknownFailure'
  | 'VirtualSwitchLacksExternalConnectivity'
  | (string & {});
export type SwitchType = 'External' | 'Internal' | 'Private' | (string & {});

/** Get-NetAdapter row. `status` is `Up`, `Disconnected`, `Disabled`, `Not Present`, … */
export interface NetAdapter {
  name: string;
  description: string;
  ifIndex: number | null;
  status: string;
  mac: Mac | null;
  linkSpeedBps: number | null;
}

/** Get-NetLbfoTeam row (inbox LBFO). */
export interface LbfoTeam {
  name: string;
  members: string[];
  teamNics: string[];
  teamingMode: TeamingMode;
  loadBalancingAlgorithm: LoadBalancingAlgorithm;
  status: TeamStatus;
}

/** Get-NetLbfoTeamMember row. Link speeds in bits per second. */
export interface LbfoTeamMember {
  name: string;
  description: string;
  team: string;
  administrativeMode: MemberAdminMode;
  operationalStatus: MemberOperStatus;
  transmitLinkSpeedBps: number | null;
  receiveLinkSpeedBps: number | null;
  failureReason: FailureReason;
}

/** Get-VMSwitch row. `netAdapterDescriptions` holds the single description or the SET list. */
export interface VmSwitch {
  name: string;
  id: string | null;
  switchType: SwitchType;
  netAdapterDescriptions: string[];
  embeddedTeamingEnabled: boolean;
  allowManagementOS: boolean;
  iovEnabled: boolean;
}

/** Get-VMNetworkAdapter -All row (host vNICs have isManagementOs true and no VM). */
export interface VmNetworkAdapter {
  name: string;
  isManagementOs: boolean;
  vmName: string | null;
  vmId: string | null;
  switchName: string | null;
  /** null while a dynamic-MAC adapter has never started (`000000000000`). */
  mac: Mac | null;
  dynamicMacAddressEnabled: boolean | null;
  connected: boolean | null;
  status: string[];
  ipAddresses: string[];
  allowTeaming: boolean | null;
  macAddressSpoofing: boolean | null;
  iovWeight: number | null;
}

/** Get-VM row. `state` is `Running`, `Off`, `Saved`, `Paused`, `Starting`, … */
export interface Vm {
  name: string;
  id: string | null;
  state: string;
}

/** Get-VMHost dynamic MAC pool. */
export interface MacPool {
  min: Mac;
  max: Mac;
}

/** Get-NetAdapterRdma row. */
export interface AdapterRdma {
  name: string;
  enabled: boolean;
}

export interface HostOs {
  name: string | null;
  /** Windows build number, e.g. 17763 or 20348. */
  build: number | null;
}

/**
 * One host's inventory. Every piece is optional in the bundle; a piece that was not sent is
 * `undefined` here (unknown), which is different from an empty list (known to have none).
 */
export interface Inventory {
  netAdapters?: NetAdapter[];
  lbfoTeams?: LbfoTeam[];
  lbfoTeamMembers?: LbfoTeamMember[];
  vmSwitches?: VmSwitch[];
  vmNetworkAdapters?: VmNetworkAdapter[];
  vms?: Vm[];
  macPool?: MacPool | null;
  netAdapterRdma?: AdapterRdma[];
  os?: HostOs;
  /** Primary IPv4 addresses of the host, when the collector sends them (used for pool derivation). */
  hostIps?: string[];
  /** Cluster name, when the host is a failover-cluster node. */
  cluster?: string | null;
}

export const INVENTORY_PARTS = [
  'netAdapters',
  'lbfoTeams',
  'lbfoTeamMembers',
  'vmSwitches',
  'vmNetworkAdapters',
  'vms',
  'macPool',
  'netAdapterRdma',
  'os',
  'hostIps',
  'cluster',
] as const satisfies readonly (keyof Inventory)[];
export type InventoryPart = (typeof INVENTORY_PARTS)[number];
