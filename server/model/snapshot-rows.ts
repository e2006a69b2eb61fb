/**
 * How snapshots become keyed rows (for change-only storage) and back. Keys are stable across
 * snapshots so an unchanged row compares equal: an inventory row is `<part>|<identity>`, a
 * neighbor row `ip|iface`, a MAC-table row `mac|vlan|port`.
 */
import type { Inventory, InventoryPart } from './inventory.ts';
import { INVENTORY_PARTS } from './inventory.ts';
import type { MacTableEntry, NeighborEntry } from './observation.ts';

const SINGLE_PARTS = new Set<InventoryPart>(['macPool', 'os', 'hostIps', 'cluster']);

function identity(part: InventoryPart, item: Record<string, unknown>): string {
  switch (part) {
    case 'lbfoTeamMembers':
      return `${item.team}|${item.name}`;
    case 'vmNetworkAdapters':
      return `${item.isManagementOs ? 'host' : (item.vmId ?? item.vmName ?? '')}|${item.name}`;
    case 'vms':
      return String(item.id ?? item.name);
    default:
      return String(item.name ?? '');
  }
}

/** Inventory → rows plus the scopes (parts) it speaks for. Duplicated identities get `#n` suffixes. */
export function inventoryRows(inv: Inventory): { rows: Map<string, string>; scopes: string[] } {
  const rows = new Map<string, string>();
  const scopes: string[] = [];
  for (const part of INVENTORY_PARTS) {
    const value = inv[part];
    if (value === undefined) continue;
    scopes.push(part);
    if (SINGLE_PARTS.has(part)) {
      if (value !== null) rows.set(`${part}|`, JSON.stringify(value));
      continue;
    }
    for (const item of value as unknown as Record<string, unknown>[]) {
      const base = `${part}|${identity(part, item)}`;
      let key = base;
      for (let n = 2; rows.has(key); n++) key = `${base}#${n}`;
      rows.set(key, JSON.stringify(item));
    }
  }
  return { rows, scopes };
}

/** Rows (as stored) → Inventory. Parts with no rows are absent (unknown). */
export function inventoryFromRows(rows: { rowKey: string; value: unknown }[]): Inventory {
  const inv: Record<string, unknown> = {};
  for (const r of rows) {
    const part = r.rowKey.slice(0, r.rowKey.indexOf('|')) as InventoryPart;
    if (SINGLE_PARTS.has(part)) inv[part] = r.value;
    else ((inv[part] ??= []) as unknown[]).push(r.value);
  }
  return inv as Inventory;
}

export function neighborRows(entries: NeighborEntry[]): Map<string, string> {
  const rows = new Map<string, string>();
  for (const e of entries) {
    // ageSec changes on every poll and would make every snapshot a change: it is not stored.
    const { ageSec: _age, ...stable } = e;
    rows.set(`${e.ip}|${e.iface ?? ''}`, JSON.stringify(stable));
  }
  return rows;
}

export function macTableRows(entries: MacTableEntry[]): Map<string, string> {
  const rows = new Map<string, string>();
  for (const e of entries) rows.set(`${e.mac}|${e.vlan ?? ''}|${e.port}`, JSON.stringify(e));
  return rows;
}
