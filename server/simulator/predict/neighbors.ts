/**
 * Which MACs may legitimately answer for one IP. A Switch Independent team with address hash or
 * Dynamic rewrites the source MAC of frames it sends on non-primary members, so peers that learn
 * from those frames see the host's (or VM's) IP behind several member MACs of ONE team; Microsoft
 * documents that such a team sources one IP from several MACs (docs/anchors.md §2). Anything
 * outside this set resolving to the IP is a candidate duplicate IP.
 */
import type { Inventory } from '../../model/inventory.ts';
import type { Mac } from '../../model/mac.ts';
import { classifyTeams, type ClassifyOptions } from './teams.ts';

function memberMacs(inv: Inventory, members: string[]): Mac[] {
  return members
    .map((m) => inv.netAdapters?.find((a) => a.name.toLowerCase() === m.toLowerCase())?.mac ?? null)
    .filter((m): m is Mac => !!m);
}

/**
 * MACs of this host that may answer for `ip`: for a VM IP, the vNIC's MAC plus the active member
 * MACs of a rewriting team under its vSwitch; for a host IP (hostIps), every host vNIC and team
 * interface MAC plus the active member MACs of rewriting teams and the MACs of standalone adapters.
 * Empty when the IP does not belong to this inventory.
 */
export function legitimateMacsForIp(inv: Inventory, ip: string, opts: ClassifyOptions = {}): Mac[] {
  const teams = classifyTeams(inv, opts);
  const out = new Set<Mac>();
  const rewritingTeamOf = (vSwitch: string | null) =>
    vSwitch ? teams.find((t) => t.rewritesSourceMac && t.vSwitches.some((s) => s.toLowerCase() === vSwitch.toLowerCase())) : undefined;

  for (const n of inv.vmNetworkAdapters ?? []) {
    if (n.isManagementOs || !n.mac || !n.ipAddresses.includes(ip)) continue;
    out.add(n.mac);
    const team = rewritingTeamOf(n.switchName);
    if (team) for (const m of memberMacs(inv, team.activeMembers)) out.add(m);
  }
  if ((inv.hostIps ?? []).includes(ip)) {
    for (const n of inv.vmNetworkAdapters ?? []) if (n.isManagementOs && n.mac) out.add(n.mac);
    for (const t of teams) {
      if (t.teamMac) out.add(t.teamMac);
      if (t.rewritesSourceMac) for (const m of memberMacs(inv, t.activeMembers)) out.add(m);
    }
    const memberNames = new Set(teams.flatMap((t) => t.members.map((m) => m.toLowerCase())));
    const bound = new Set((inv.vmSwitches ?? []).flatMap((s) => s.netAdapterDescriptions.map((d) => d.toLowerCase())));
    for (const a of inv.netAdapters ?? []) {
      if (!a.mac || memberNames.has(a.name.toLowerCase()) || bound.has(a.description.toLowerCase())) continue;
      if (a.description.toLowerCase().startsWith('hyper-v virtual ethernet adapter')) out.add(a.mac);
      else if (!teams.some((t) => t.teamNic?.name === a.name)) out.add(a.mac);
    }
  }
  return [...out].sort();
}
