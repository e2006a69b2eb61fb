/**
 * The host bundle `teamwatch.bundle/1`: what the Windows collector posts every interval — the
 * host's inventory (cmdlet property names and value formats), its neighbor table (Get-NetNeighbor
 * projection) and the event XML logged since the previous bundle. MACs keep each cmdlet's own
 * notation (`00-15-5D-…` for Get-NetAdapter/Get-NetNeighbor, `00155D…` for Hyper-V cmdlets).
 *
 * `ps51: true` renders it the Windows PowerShell 5.1 way: enum properties as their numbers and the
 * 5.1 JSON layout (ps-json.ts); otherwise PowerShell 7 style: enum names, compact JSON.
 */
import type { Inventory } from '../../model/inventory.ts';
import { macToHyperV, macToWindows } from '../../model/mac.ts';
import type { NeighborState } from '../../model/observation.ts';
import type { WinEvent } from '../events.ts';
import { formatLinkSpeed } from '../vendors.ts';
import { renderEventXml } from './event-xml.ts';
import { toPs51Json } from './ps-json.ts';
import { systemTime } from './xml.ts';

export const BUNDLE_SCHEMA = 'teamwatch.bundle/1';

/** CIM / Hyper-V enum numbers (docs/domain.md §3.3, Hyper-V module enums). */
const NUM: Record<string, Record<string, number>> = {
  TeamingMode: { Static: 0, SwitchIndependent: 1, Lacp: 2 },
  LoadBalancingAlgorithm: { TransportPorts: 0, IPAddresses: 2, MacAddresses: 3, HyperVPort: 4, Dynamic: 5 },
  TeamStatus: { Up: 0, Down: 1, Degraded: 2 },
  AdministrativeMode: { Active: 0, Standby: 1 },
  OperationalStatus: { Active: 0, Standby: 1, Failed: 4096 },
  FailureReason: {
    NoFailure: 0,
    AdministrativeDecision: 1,
    PhysicalMediaDisconnected: 3,
    WaitingForStableConnectivity: 4,
    LacpNegotiationIssue: 5,
    NicNotPresent: 6,
    UnknownFailure: 7,
    VirtualSwitchLacksExternalConnectivity: 9,
  },
  SwitchType: { Private: 0, Internal: 1, External: 2 },
  VmState: { Running: 2, Off: 3 },
  OnOff: { On: 1, Off: 2 },
  NeighborState: { Unreachable: 0, Incomplete: 1, Probe: 2, Delay: 3, Stale: 4, Reachable: 5, Permanent: 6 },
};

export interface BundleNeighbor {
  ip: string;
  ifIndex: number;
  alias: string;
  mac: string | null;
  state: NeighborState;
}

export interface BundleInput {
  host: string;
  collectedAt: number;
  collector: { version: string; osName: string; osBuild: number };
  cluster: string | null;
  hostIps: string[];
  inventory: Inventory;
  neighbors: BundleNeighbor[];
  events: WinEvent[];
  ps51: boolean;
  renderedXml: boolean;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function renderBundle(b: BundleInput): string {
  const e = (table: string, value: string): string | number => (b.ps51 && value in NUM[table] ? NUM[table][value] : value);
  const onOff = (v: boolean | null) => e('OnOff', v ? 'On' : 'Off');
  const inv = b.inventory;
  const doc = {
    schema: BUNDLE_SCHEMA,
    host: b.host,
    collectedAt: systemTime(b.collectedAt, 0),
    collector: b.collector,
    cluster: b.cluster,
    hostIps: b.hostIps,
    inventory: {
      netAdapters: (inv.netAdapters ?? []).map((a) => ({
        Name: a.name,
        InterfaceDescription: a.description,
        ifIndex: a.ifIndex,
        Status: a.status,
        MacAddress: a.mac ? macToWindows(a.mac) : '',
        LinkSpeed: formatLinkSpeed(a.linkSpeedBps ?? 0),
      })),
      lbfoTeams: (inv.lbfoTeams ?? []).map((t) => ({
        Name: t.name,
        Members: t.members,
        TeamNics: t.teamNics,
        TeamingMode: e('TeamingMode', t.teamingMode),
        LoadBalancingAlgorithm: e('LoadBalancingAlgorithm', t.loadBalancingAlgorithm),
        Status: e('TeamStatus', t.status),
      })),
      lbfoTeamMembers: (inv.lbfoTeamMembers ?? []).map((m) => ({
        Name: m.name,
        InterfaceDescription: m.description,
        Team: m.team,
        AdministrativeMode: e('AdministrativeMode', m.administrativeMode),
        OperationalStatus: e('OperationalStatus', m.operationalStatus),
        TransmitLinkSpeed: m.transmitLinkSpeedBps,
        ReceiveLinkSpeed: m.receiveLinkSpeedBps,
        FailureReason: e('FailureReason', m.failureReason),
      })),
      vmSwitches: (inv.vmSwitches ?? []).map((s) => ({
        Name: s.name,
        Id: s.id,
        SwitchType: e('SwitchType', s.switchType),
        NetAdapterInterfaceDescription: s.netAdapterDescriptions[0] ?? null,
        NetAdapterInterfaceDescriptions: s.netAdapterDescriptions.length ? s.netAdapterDescriptions : null,
        EmbeddedTeamingEnabled: s.embeddedTeamingEnabled,
        AllowManagementOS: s.allowManagementOS,
        IovEnabled: s.iovEnabled,
      })),
      vmNetworkAdapters: (inv.vmNetworkAdapters ?? []).map((n) => ({
        Name: n.name,
        IsManagementOs: n.isManagementOs,
        VMName: n.vmName ?? '',
        VMId: n.vmId,
        SwitchName: n.switchName,
        MacAddress: n.mac ? macToHyperV(n.mac) : '000000000000',
        DynamicMacAddressEnabled: n.dynamicMacAddressEnabled,
        Connected: n.connected,
        Status: n.status,
        IPAddresses: n.ipAddresses,
        AllowTeaming: onOff(n.allowTeaming),
        MacAddressSpoofing: onOff(n.macAddressSpoofing),
        IovWeight: n.iovWeight,
      })),
      vms: (inv.vms ?? []).map((v) => ({ Name: v.name, Id: v.id, State: e('VmState', v.state) })),
      vmHost: inv.macPool ? { MacAddressMinimum: macToHyperV(inv.macPool.min), MacAddressMaximum: macToHyperV(inv.macPool.max) } : null,
      netAdapterRdma: (inv.netAdapterRdma ?? []).map((r) => ({ Name: r.name, Enabled: r.enabled })),
    },
    neighbors: b.neighbors.map((n) => ({
      IPAddress: n.ip,
      InterfaceIndex: n.ifIndex,
      InterfaceAlias: n.alias,
      LinkLayerAddress: n.mac ? macToWindows(n.mac) : '00-00-00-00-00-00',
      State: e('NeighborState', cap(n.state)),
      AddressFamily: b.ps51 ? 2 : 'IPv4',
    })),
    events: b.events.map((ev) => renderEventXml(ev, b.renderedXml)),
  };
  return b.ps51 ? toPs51Json(doc) : JSON.stringify(doc);
}
