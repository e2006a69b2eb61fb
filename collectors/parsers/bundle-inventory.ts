/**
 * The `inventory` object of a host bundle → the normalized Inventory. Each list part is read record
 * by record: a bad record becomes one Reject (`part` = `inventory.<name>`, `index` = its position)
 * and the others are kept. A part of the wrong type (a string where a list belongs) becomes one
 * Reject for the whole part and the part stays unknown. A part that is absent or null stays unknown
 * (undefined); an empty list means "known to have none".
 */
import type {
  AdapterRdma,
  Inventory,
  LbfoTeam,
  LbfoTeamMember,
  MacPool,
  NetAdapter,
  Vm,
  VmNetworkAdapter,
  VmSwitch,
} from '../../server/model/inventory.ts';
import type { Reject } from './types.ts';
import {
  FAILURE_REASON,
  LOAD_BALANCING_ALGORITHM,
  MEMBER_ADMIN_MODE,
  MEMBER_OPER_STATUS,
  SWITCH_TYPE,
  TEAM_STATUS,
  TEAMING_MODE,
  VM_STATE,
  VM_NIC_STATUS,
  enumName,
} from './bundle-enums.ts';
import { RecordError, Row, isPlainObject, show, unwrapPsArray } from './bundle-values.ts';

/** Most records read from one part; the collector never sends more than a few thousand. */
export const MAX_RECORDS = 100_000;
/** Most rejects reported per part; beyond this one summary reject counts the rest. */
export const MAX_REJECTS_PER_PART = 100;

/** Collects rejects for one part, capping them so a hostile part cannot flood the response. */
export class PartRejects {
  private count = 0;
  constructor(
    private readonly out: Reject[],
    private readonly part: string,
  ) {}

  add(reason: string, index?: number): void {
    this.count++;
    if (this.count <= MAX_REJECTS_PER_PART) this.out.push(index === undefined ? { part: this.part, reason } : { part: this.part, index, reason });
  }

  /** Adds the summary reject for the ones left out; call once when the part is done. */
  finish(): void {
    const extra = this.count - MAX_REJECTS_PER_PART;
    if (extra > 0) this.out.push({ part: this.part, reason: `${extra} more records in this part were rejected (only the first ${MAX_REJECTS_PER_PART} are listed)` });
  }
}

/**
 * Reads a list part. PowerShell writes a one-element array as a bare object unless the collector
 * wrapped it with @(), so a single object is read as a list of one; a `{value, Count}` wrapper is
 * read as its array.
 */
export function readList<T>(input: unknown, part: string, rejects: Reject[], read: (row: Row) => T): T[] | undefined {
  const value = unwrapPsArray(input);
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : isPlainObject(value) ? [value] : null;
  if (items === null) {
    rejects.push({ part, reason: `${part} is ${show(value)}, expected a list of objects` });
    return undefined;
  }
  const out: T[] = [];
  const bad = new PartRejects(rejects, part);
  const n = Math.min(items.length, MAX_RECORDS);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (!isPlainObject(item)) {
      bad.add(`record is ${show(item)}, expected an object`, i);
      continue;
    }
    try {
      out.push(read(new Row(item)));
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      bad.add(err.message, i);
    }
  }
  bad.finish();
  if (items.length > MAX_RECORDS) rejects.push({ part, reason: `${part} has ${items.length} records; only the first ${MAX_RECORDS} were read` });
  return out;
}

export function readNetAdapter(r: Row): NetAdapter {
  // The exact bps counters win over the rounded LinkSpeed text when the collector sent them.
  const tx = r.speed('TransmitLinkSpeed');
  const rx = r.speed('ReceiveLinkSpeed');
  const exact = tx === null && rx === null ? null : Math.max(tx ?? 0, rx ?? 0);
  return {
    name: r.name(),
    description: r.text('InterfaceDescription') ?? '',
    ifIndex: r.int('ifIndex') ?? r.int('InterfaceIndex'),
    status: r.text('Status', 64) ?? 'Unknown',
    mac: r.mac('MacAddress'),
    linkSpeedBps: exact ?? r.speed('LinkSpeed') ?? r.speed('Speed'),
  };
}

export function readLbfoTeam(r: Row): LbfoTeam {
  return {
    name: r.name(),
    members: r.list('Members'),
    teamNics: r.list('TeamNics'),
    teamingMode: r.enumOf(TEAMING_MODE, 'TeamingMode'),
    loadBalancingAlgorithm: r.enumOf(LOAD_BALANCING_ALGORITHM, 'LoadBalancingAlgorithm'),
    status: r.enumOf(TEAM_STATUS, 'Status'),
  };
}

export function readLbfoTeamMember(r: Row): LbfoTeamMember {
  return {
    name: r.name(),
    description: r.text('InterfaceDescription') ?? '',
    team: r.name('Team'),
    administrativeMode: r.enumOf(MEMBER_ADMIN_MODE, 'AdministrativeMode'),
    operationalStatus: r.enumOf(MEMBER_OPER_STATUS, 'OperationalStatus', 'OperationalMode'),
    transmitLinkSpeedBps: r.speed('TransmitLinkSpeed'),
    receiveLinkSpeedBps: r.speed('ReceiveLinkSpeed'),
    failureReason: r.enumOf(FAILURE_REASON, 'FailureReason'),
  };
}

export function readVmSwitch(r: Row): VmSwitch {
  // SET switches list every member in NetAdapterInterfaceDescriptions; the singular field then
  // holds only the first, so the list wins when it is not empty.
  const many = r.list('NetAdapterInterfaceDescriptions');
  const one = r.text('NetAdapterInterfaceDescription');
  return {
    name: r.name(),
    id: r.text('Id', 64),
    switchType: r.enumOf(SWITCH_TYPE, 'SwitchType'),
    netAdapterDescriptions: many.length > 0 ? many : one ? [one] : [],
    embeddedTeamingEnabled: r.bool('EmbeddedTeamingEnabled') ?? false,
    allowManagementOS: r.bool('AllowManagementOS') ?? false,
    iovEnabled: r.bool('IovEnabled') ?? false,
  };
}

export function readVmNetworkAdapter(r: Row): VmNetworkAdapter {
  const vmName = r.text('VMName');
  const status = r.has('Status') ? r.list('Status').map((s) => enumName(VM_NIC_STATUS, s) ?? s) : [];
  return {
    name: r.name(),
    // Host vNICs have no VM; when IsManagementOs is missing the absence of a VM decides.
    isManagementOs: r.bool('IsManagementOs') ?? vmName === null,
    vmName,
    vmId: r.text('VMId', 64),
    switchName: r.text('SwitchName', 256),
    mac: r.mac('MacAddress'),
    dynamicMacAddressEnabled: r.bool('DynamicMacAddressEnabled'),
    connected: r.bool('Connected'),
    status,
    ipAddresses: r.list('IPAddresses'),
    allowTeaming: r.onOff('AllowTeaming'),
    macAddressSpoofing: r.onOff('MacAddressSpoofing'),
    iovWeight: r.int('IovWeight'),
  };
}

export function readVm(r: Row): Vm {
  return { name: r.name(), id: r.text('Id', 64) ?? r.text('VMId', 64), state: r.enumOf(VM_STATE, 'State') };
}

export function readRdma(r: Row): AdapterRdma {
  const enabled = r.bool('Enabled');
  if (enabled === null) throw new RecordError(`Enabled is ${show(r.get('Enabled'))}, expected true or false`);
  return { name: r.name(), enabled };
}

/** Get-VMHost's pool: both ends must be MACs; a host without the fields has no known pool (null). */
export function readMacPool(value: unknown, rejects: Reject[]): MacPool | null | undefined {
  const part = 'inventory.vmHost';
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isPlainObject(value)) {
    rejects.push({ part, reason: `${part} is ${show(value)}, expected an object` });
    return undefined;
  }
  try {
    const r = new Row(value);
    const min = r.mac('MacAddressMinimum');
    const max = r.mac('MacAddressMaximum');
    if (min === null || max === null) return null;
    return { min, max };
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    rejects.push({ part, reason: err.message });
    return undefined;
  }
}

/** Reads every inventory part that is present; parts absent from the bundle stay absent. */
export function readInventory(value: unknown, rejects: Reject[]): Inventory {
  const inv: Inventory = {};
  if (value === undefined || value === null) return inv;
  if (!isPlainObject(value)) {
    rejects.push({ part: 'inventory', reason: `inventory is ${show(value)}, expected an object` });
    return inv;
  }
  const list = <T>(key: string, read: (r: Row) => T): T[] | undefined => readList(value[key], `inventory.${key}`, rejects, read);
  const parts = {
    netAdapters: list('netAdapters', readNetAdapter),
    lbfoTeams: list('lbfoTeams', readLbfoTeam),
    lbfoTeamMembers: list('lbfoTeamMembers', readLbfoTeamMember),
    vmSwitches: list('vmSwitches', readVmSwitch),
    vmNetworkAdapters: list('vmNetworkAdapters', readVmNetworkAdapter),
    vms: list('vms', readVm),
    macPool: readMacPool(value.vmHost, rejects),
    netAdapterRdma: list('netAdapterRdma', readRdma),
  };
  for (const [key, part] of Object.entries(parts)) if (part !== undefined) (inv as Record<string, unknown>)[key] = part;
  return inv;
}
