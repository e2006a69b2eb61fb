/**
 * The Windows events the simulated fleet logs, with the providers, ids, levels, channels, messages
 * and payload shapes of docs/domain.md §1. A builder returns an `EventSpec` (what happened); the
 * behaviour context stamps host, time, record id and process ids onto it.
 *
 * Payload names that are unverified in domain.md ([U]: MsLbfoSys, High-Availability, VMSMP, Tcpip,
 * driver events) are written as unnamed positional `<Data>` so consumers read them by position
 * (`param1`, `param2`, …), exactly as they must for real hosts.
 */
import { macToWindows, type Mac } from '../model/mac.ts';
import type { LinkEventDef } from './vendors.ts';

export interface EventSpec {
  provider: string;
  guid: string | null;
  eventId: number;
  qualifiers: number | null;
  version: number;
  level: number;
  task: number;
  opcode: number;
  keywords: string;
  channel: string;
  userSid: string | null;
  /** EventData values; `name` null for unnamed `<Data>`. */
  data: { name: string | null; value: string }[] | null;
  binary: string | null;
  userData: { element: string; xmlns: string; fields: [string, string][] } | null;
  message: string;
  /** Which process logs it: the kernel (4), VMMS, a VM worker, the cluster service. */
  process: 'system' | 'vmms' | 'worker' | 'clussvc';
}

export interface WinEvent extends EventSpec {
  host: string;
  computer: string;
  time: number;
  ticks: number;
  recordId: number;
  processId: number;
  threadId: number;
}

export const LEVEL_NAMES: Record<number, string> = { 0: 'Information', 1: 'Critical', 2: 'Error', 3: 'Warning', 4: 'Information', 5: 'Verbose' };

const CLASSIC = '0x80000000000000';
const ADMIN = '0x8000000000000000';
const VML_NS = 'http://www.microsoft.com/Windows/Virtualization/Events';

const base = (o: Partial<EventSpec> & Pick<EventSpec, 'provider' | 'eventId' | 'level' | 'channel' | 'message'>): EventSpec => ({
  guid: null,
  qualifiers: null,
  version: 0,
  task: 0,
  opcode: 0,
  keywords: o.qualifiers != null ? CLASSIC : ADMIN,
  userSid: null,
  data: null,
  binary: null,
  userData: null,
  process: 'system',
  ...o,
});

// ---- MsLbfoSys (docs/domain.md §1.1.1) --------------------------------------------------------

export const MSLBFO = { provider: 'Microsoft-Windows-MsLbfoSysEvtProvider', guid: '{387ED463-8B1B-42C9-9EF0-803FDFD5D94E}' };

const LBFO_TEXT: Record<number, { level: number; text: (d: string) => string }> = {
  16945: { level: 3, text: (d) => `MAC conflict: A port on the virtual switch has the same MAC as one of the underlying team members on Team Nic ${d}` },
  16946: { level: 3, text: (d) => `Use of Vlan detected on non-default Team Nic ${d}` },
  16947: { level: 3, text: (d) => `LACP Churn detected on Member Nic ${d}.` },
  16948: { level: 4, text: (d) => `Connection Timer Started for Member Nic ${d}. It will be in use shortly.` },
  16949: { level: 3, text: (d) => `Member Nic ${d} Disconnected.` },
  16950: { level: 4, text: (d) => `Member Nic ${d} Connected.` },
};

/** `%2` is the team NIC description (16945/16946) or the member description (16947–16950); `%1` an instance GUID. */
export function lbfoEvent(eventId: 16945 | 16946 | 16947 | 16948 | 16949 | 16950, description: string, instanceGuid: string): EventSpec {
  const def = LBFO_TEXT[eventId];
  return base({
    provider: MSLBFO.provider,
    guid: MSLBFO.guid,
    eventId,
    level: def.level,
    channel: 'System',
    message: def.text(description),
    data: [
      { name: null, value: `{${instanceGuid}}` },
      { name: null, value: description },
    ],
  });
}

// ---- NIC drivers (legacy, §1.4) ---------------------------------------------------------------

export function driverEvent(def: LinkEventDef, description: string, deviceIndex: number): EventSpec {
  return base({
    provider: def.provider,
    eventId: def.eventId,
    qualifiers: def.qualifiers,
    level: def.level,
    channel: 'System',
    message: def.message(description),
    data: [
      { name: null, value: `\\Device\\NDMP${deviceIndex}` },
      { name: null, value: description },
    ],
    binary: '0000040002003000000000001B0004A0000000000000000000000000000000000000000000000000',
  });
}

// ---- Hyper-V virtual switch (§1.2) ------------------------------------------------------------

export function vmSwitchMediaDisconnected(nicGuid: string, friendlyName: string): EventSpec {
  const nic = `/DEVICE/{${nicGuid}}`;
  return base({
    provider: 'Microsoft-Windows-Hyper-V-VmSwitch',
    guid: '{67DC0D66-3695-47C0-9642-33F76F7BD7AD}',
    eventId: 22,
    level: 3,
    task: 1004,
    keywords: '0x8000000000000000',
    channel: 'System',
    message: `Media disconnected on NIC ${nic} (Friendly Name: ${friendlyName}).`,
    data: [
      { name: 'NicNameLen', value: String(nic.length) },
      { name: 'NicName', value: nic },
      { name: 'NicFNameLen', value: String(friendlyName.length) },
      { name: 'NicFName', value: friendlyName },
    ],
  });
}

export function vmsmpPinned(portGuid: string, mac: Mac, pinnedPortGuid: string): EventSpec {
  const m = macToWindows(mac);
  return base({
    provider: 'VMSMP',
    eventId: 28,
    qualifiers: 32768,
    level: 3,
    channel: 'System',
    message: `Port '${portGuid}' was prevented from using MAC address '${m}' because it is pinned to port '${pinnedPortGuid}'.`,
    data: [
      { name: null, value: portGuid },
      { name: null, value: m },
      { name: null, value: pinnedPortGuid },
    ],
  });
}

// ---- Hyper-V VM lifecycle and live migration (§1.3) -------------------------------------------

/** The per-VM virtual account SID `S-1-5-83-1-a-b-c-d`: the VM GUID's 16 bytes as four little-endian uint32s. */
export function vmSid(vmId: string): string {
  const h = vmId.replace(/[{}-]/g, '');
  const bytes = [
    ...[6, 4, 2, 0].map((i) => h.slice(i, i + 2)),
    ...[2, 0].map((i) => h.slice(8 + i, 8 + i + 2)),
    ...[2, 0].map((i) => h.slice(12 + i, 12 + i + 2)),
    ...Array.from({ length: 8 }, (_, i) => h.slice(16 + 2 * i, 18 + 2 * i)),
  ].map((x) => parseInt(x, 16));
  const parts = [0, 4, 8, 12].map((o) => (bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0);
  return `S-1-5-83-1-${parts.join('-')}`;
}

const WORKER_TEXT: Record<number, (vm: string, id: string) => string> = {
  18500: (vm, id) => `'${vm}' started successfully. (Virtual machine ID ${id})`,
  18502: (vm, id) => `'${vm}' was turned off. (Virtual machine ID ${id})`,
  18504: (vm, id) => `'${vm}' was shut down using the Shutdown Integration Component. (Virtual machine ID ${id})`,
  18508: (vm, id) => `'${vm}' was shut down by the guest operating system. (Virtual machine ID ${id})`,
  18512: (vm, id) => `'${vm}' was reset using Hyper-V Manager. (Virtual machine ID ${id})`,
  18514: (vm, id) => `'${vm}' was reset by the guest operating system. (Virtual machine ID ${id})`,
};

export function workerEvent(eventId: 18500 | 18502 | 18504 | 18508 | 18512 | 18514, vm: string, vmId: string): EventSpec {
  const fields: [string, string][] = [
    ['VmName', vm],
    ['VmId', vmId],
  ];
  if (eventId === 18504) fields.push(['Force', 'False'], ['Reason', 'Shutdown requested by the administrator']);
  return base({
    provider: 'Microsoft-Windows-Hyper-V-Worker',
    guid: '{51DDFA29-D5C8-4803-BE4B-2ECB715570FE}',
    eventId,
    level: 4,
    channel: 'Microsoft-Windows-Hyper-V-Worker-Admin',
    userSid: vmSid(vmId),
    message: WORKER_TEXT[eventId](vm, vmId),
    userData: { element: 'VmlEventLog', xmlns: VML_NS, fields },
    process: 'worker',
  });
}

const VMMS = { provider: 'Microsoft-Windows-Hyper-V-VMMS', guid: '{6066F867-7CA1-4418-85FD-36E3F9C0600C}', channel: 'Microsoft-Windows-Hyper-V-VMMS-Admin' };

export function vmCreatedEvent(vm: string, vmId: string): EventSpec {
  return base({
    ...VMMS,
    eventId: 13002,
    level: 4,
    userSid: 'S-1-5-18',
    message: `A new virtual machine '${vm}' was created. (Virtual machine ID ${vmId})`,
    userData: { element: 'VmlEventLog', xmlns: VML_NS, fields: [['VmName', vm], ['VmId', vmId]] },
    process: 'vmms',
  });
}

export function vmDeletedEvent(vm: string, vmId: string): EventSpec {
  return base({
    ...VMMS,
    eventId: 13003,
    level: 4,
    userSid: 'S-1-5-18',
    message: `A virtual machine '${vm}' was deleted. (Virtual machine ID ${vmId})`,
    userData: { element: 'VmlEventLog', xmlns: VML_NS, fields: [['VmName', vm], ['VmId', vmId]] },
    process: 'vmms',
  });
}

/** 20415 (completed) or, when the blackout is unexpectedly long, 20417. Blackout in seconds. */
export function migrationCompletedEvent(vm: string, vmId: string, blackoutSec: number, long: boolean): EventSpec {
  const b = String(+blackoutSec.toFixed(1));
  return base({
    ...VMMS,
    eventId: long ? 20417 : 20415,
    level: long ? 3 : 4,
    userSid: 'S-1-5-18',
    message: long
      ? `The Virtual Machine Management service successfully completed the live migration of virtual machine "${vm}" with an unexpectedly long blackout time of ${b} seconds.`
      : `The Virtual Machine Management service successfully completed the live migration of virtual machine  '${vm}' with a blackout time of ${b} seconds (VMID ${vmId}).`,
    userData: { element: 'VmlEventLog', xmlns: VML_NS, fields: [['Parameter0', vm], ['Parameter1', vmId], ['Parameter2', b]] },
    process: 'vmms',
  });
}

// ---- Failover-cluster Hyper-V resource (§1.3) -------------------------------------------------

/** The cluster resource of a VM role is named `Virtual Machine <vm>` by default; `%1` carries it. */
export const vmResourceName = (vm: string) => `Virtual Machine ${vm}`;

const HA_TEXT: Record<number, { level: number; text: (a: string[]) => string }> = {
  21111: { level: 2, text: (a) => `Live migration of '${a[0]}' failed.` },
  21125: {
    level: 2,
    text: () => 'Configuration setup for live migration failed on the destination node. Make sure that name of the virtual network is the same on the source and destination nodes, and try the live migration again.',
  },
  21145: { level: 2, text: (a) => `'${a[0]}' failed to live migrate because a virtual switch used by the VM is disconnected on the destination node '${a[1]}'.` },
  21159: { level: 2, text: (a) => `'${a[0]}' failed to live migrate because a virtual switch used by the VM does not exist on the destination node '${a[1]}'.` },
  21300: { level: 4, text: (a) => `Started live migration on the source node (VM resource '${a[1]}', VMID ${a[0]}).` },
  21301: { level: 4, text: (a) => `Completed live migration on the source node, time ${a[1]} s (VM resource '${a[2]}', VMID ${a[0]}).` },
};

export function haEvent(eventId: 21111 | 21125 | 21145 | 21159 | 21300 | 21301, args: string[]): EventSpec {
  const def = HA_TEXT[eventId];
  return base({
    provider: 'Microsoft-Windows-Hyper-V-High-Availability',
    // The provider GUID is not recorded in docs/domain.md; none is invented here.
    eventId,
    level: def.level,
    channel: 'Microsoft-Windows-Hyper-V-High-Availability-Admin',
    userSid: 'S-1-5-18',
    message: def.text(args),
    data: args.map((value) => ({ name: null, value })),
    process: 'clussvc',
  });
}

// ---- Tcpip duplicate address (§1.4) -----------------------------------------------------------

export function tcpipConflict(eventId: 4198 | 4199, ip: string, peerMac: Mac): EventSpec {
  const m = macToWindows(peerMac);
  const tail = eventId === 4198 ? 'The local interface has been disabled.' : 'Network operations on this system may be disrupted as a result.';
  return base({
    provider: 'Tcpip',
    eventId,
    qualifiers: 49152,
    level: 2,
    channel: 'System',
    message: `The system detected an address conflict for IP address ${ip} with the system having network hardware address ${m}. ${tail}`,
    data: [
      { name: null, value: '' },
      { name: null, value: ip },
      { name: null, value: m },
    ],
  });
}
