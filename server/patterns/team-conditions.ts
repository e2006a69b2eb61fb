/**
 * Helpers shared by the configuration-type team patterns (rdma-on-team-member, sriov-on-team,
 * mixed-speed-team, unsupported-team-composition, lbfo-vswitch-deprecated, team-interface-disabled):
 * when did an inventory condition start, and which vSwitches sit on which kind of team. They read
 * only the view, so evaluation stays independent of arrival order.
 */
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView } from '../engine/view.ts';
import type { Inventory } from '../model/inventory.ts';

/** The unbroken run of inventories, ending at the latest, for which a condition holds. */
export interface ConditionRun {
  /** Event time of the oldest inventory in the run: since when the condition has been observed. */
  since: number;
  /** The inventory just before the run (the state the condition came from), when the history still has it. */
  before: Inventory | null;
  /** Event time of `before` (-Infinity when there is none). */
  beforeAt: number;
}

/**
 * Walks the inventory history back from the latest inventory while `holds` is true. Falls back to
 * the time of the latest inventory when the history does not show it (history is pruned to ~2 h).
 */
export function inventoryConditionRun(h: HostView, holds: (inv: Inventory) => boolean): ConditionRun {
  let since: number | null = null;
  let before: Inventory | null = null;
  let beforeAt = -Infinity;
  for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
    if (!holds(h.inventoryHistory[i].value)) {
      before = h.inventoryHistory[i].value;
      beforeAt = h.inventoryHistory[i].time;
      break;
    }
    since = h.inventoryHistory[i].time;
  }
  return { since: since ?? h.inventoryAt ?? 0, before, beforeAt };
}

/** Since when an inventory condition has been observed (see inventoryConditionRun). */
export function inventoryConditionSince(h: HostView, holds: (inv: Inventory) => boolean): number {
  return inventoryConditionRun(h, holds).since;
}

/** Same name, compared the way Windows does (adapter and team names are case-insensitive). */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** Quotes a name for a copyable PowerShell command (single quotes, embedded quotes doubled). */
export function ps(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A PowerShell list of quoted names: `'Ethernet 1','Ethernet 2'`. */
export function psList(names: readonly string[]): string {
  return names.map(ps).join(',');
}

/** The team (LBFO or vendor, never SET) whose team interface a vSwitch is bound to, or null. */
export function hostTeamUnderSwitch(teams: readonly ExpectedTeam[], vSwitch: string | null): ExpectedTeam | null {
  if (!vSwitch) return null;
  return teams.find((t) => t.kind !== 'set' && t.vSwitches.some((s) => sameName(s, vSwitch))) ?? null;
}
