/**
 * Team tiles for host summaries: each team of a host's latest inventory with its member states,
 * as a Hyper-V admin thinks of them (LBFO from Get-NetLbfoTeam, SET from the vSwitch, vendor
 * teams from the adapter description).
 */
import type { TeamTileDto } from '../contract.ts';
import type { Inventory } from '../model/inventory.ts';

const VENDOR_TEAM = /BASP Virtual Adapter|Advanced Network Services Virtual Adapter|Network Teaming|Network Team\b|NIC Teaming Virtual|Team Virtual Adapter/i;

export function teamTiles(inv: Inventory | null): TeamTileDto[] {
  if (!inv) return [];
  const tiles: TeamTileDto[] = [];
  for (const t of inv.lbfoTeams ?? []) {
    const members = (inv.lbfoTeamMembers ?? []).filter((m) => m.team === t.name);
    const names = members.length ? members.map((m) => m.name) : t.members;
    tiles.push({
      name: t.name,
      kind: 'lbfo',
      status: t.status,
      members: names.map((n) => {
        const m = members.find((x) => x.name === n);
        const state = !m
          ? 'unknown'
          : m.operationalStatus === 'Failed'
            ? 'failed'
            : m.operationalStatus === 'Standby' || m.administrativeMode === 'Standby'
              ? 'standby'
              : m.operationalStatus === 'Active'
                ? 'active'
                : 'unknown';
        return { name: n, state };
      }),
    });
  }
  for (const s of inv.vmSwitches ?? []) {
    if (!s.embeddedTeamingEnabled) continue;
    const adapters = s.netAdapterDescriptions.map((d) => (inv.netAdapters ?? []).find((a) => a.description === d));
    const states = adapters.map((a) => (!a ? 'unknown' : a.status === 'Up' ? 'active' : 'failed') as TeamTileDto['members'][number]['state']);
    const up = states.filter((x) => x === 'active').length;
    tiles.push({
      name: s.name,
      kind: 'set',
      status: up === states.length ? 'Up' : up === 0 ? 'Down' : 'Degraded',
      members: s.netAdapterDescriptions.map((d, i) => ({ name: adapters[i]?.name ?? d, state: states[i] })),
    });
  }
  for (const a of inv.netAdapters ?? []) {
    if (!VENDOR_TEAM.test(a.description)) continue;
    tiles.push({ name: a.name, kind: 'vendor', status: a.status === 'Up' ? 'Up' : 'Down', members: [] });
  }
  return tiles;
}
