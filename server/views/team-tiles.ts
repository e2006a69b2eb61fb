/**
 * Team tiles for host summaries: each team of a host's latest inventory with its member states,
 * as a Hyper-V admin thinks of them. The teams themselves come from the simulator's
 * classification (LBFO from Get-NetLbfoTeam, SET from the vSwitch, vendor teams from the adapter
 * description); the tile shows the status the host reported where it reports one.
 */
import type { TeamTileDto } from '../contract.ts';
import type { Inventory } from '../model/inventory.ts';
import { classifyTeams } from '../simulator/predict/teams.ts';

export function teamTiles(inv: Inventory | null): TeamTileDto[] {
  if (!inv) return [];
  return classifyTeams(inv).map((t) => {
    const state = (m: string): TeamTileDto['members'][number]['state'] =>
      t.failedMembers.includes(m) ? 'failed' : t.standbyMembers.includes(m) ? 'standby' : t.activeMembers.includes(m) ? 'active' : 'unknown';
    const reported = t.kind === 'lbfo' ? inv.lbfoTeams?.find((x) => x.name === t.team)?.status : t.kind === 'vendor' ? (t.teamNic?.status === 'Up' ? 'Up' : 'Down') : undefined;
    return { name: t.team, kind: t.kind, status: reported ?? t.expectedStatus, members: t.members.map((m) => ({ name: m, state: state(m) })) };
  });
}
