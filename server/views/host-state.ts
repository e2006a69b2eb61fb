/**
 * Observed and expected state of one host side by side (GET /api/v1/hosts/:host/state): teams
 * with their members, vSwitches, vNICs with the member each should be affinitized to, and for
 * each MAC where the simulator expects it upstream next to where switches actually saw it.
 */
import type { HostStateDto } from '../contract.ts';
import type { EngineState } from '../engine/state.ts';
import type { Inventory } from '../model/inventory.ts';
import { hostKey } from '../model/observation.ts';
import { iso } from '../model/time.ts';

export function hostState(state: EngineState, host: string, inventory: Inventory | null, at: number | null): HostStateDto | null {
  const h = state.fleet.hosts.get(hostKey(host));
  const inv = inventory ?? h?.inventory ?? null;
  if (!inv) return null;
  const predictor = state.fleet.predictor;
  const teams = predictor.classifyTeams(inv);
  const affinity = new Map<string, string>();
  for (const t of teams) for (const [mac, m] of Object.entries(t.affinity)) affinity.set(mac, m);
  const adapters = inv.netAdapters ?? [];

  const dto: HostStateDto = {
    host: h?.name ?? host,
    at: at !== null ? iso(at) : h?.inventoryAt != null ? iso(h.inventoryAt) : null,
    teams: teams.map((t) => ({
      name: t.team,
      kind: t.kind,
      teamingMode: t.mode,
      loadBalancingAlgorithm: t.algorithm,
      vSwitches: t.vSwitches,
      observed: {
        status: inv.lbfoTeams?.find((x) => x.name === t.team)?.status ?? t.teamNic?.status ?? null,
        teamMac: t.teamNic?.mac ?? null,
        members: t.members.map((name) => {
          const m = inv.lbfoTeamMembers?.find((x) => x.name === name);
          const a = adapters.find((x) => x.name === name);
          return {
            name,
            state: m ? (m.operationalStatus === 'Failed' ? 'failed' : m.operationalStatus === 'Standby' ? 'standby' : 'active') : a?.status === 'Up' ? 'active' : 'failed',
            failureReason: m?.failureReason ?? null,
            mac: a?.mac ?? null,
            speedBps: m?.transmitLinkSpeedBps ?? a?.linkSpeedBps ?? null,
          };
        }),
      },
      expected: { status: t.expectedStatus, activeMembers: t.activeMembers, teamMac: t.teamMac, primaryMember: t.primaryMember },
    })),
    vSwitches: (inv.vmSwitches ?? []).map((s) => ({ name: s.name, type: s.switchType, boundTo: s.netAdapterDescriptions, allowManagementOS: s.allowManagementOS, embeddedTeaming: s.embeddedTeamingEnabled })),
    vNics: (inv.vmNetworkAdapters ?? []).map((v) => ({
      name: v.name,
      vm: v.vmName,
      isManagementOs: v.isManagementOs,
      switch: v.switchName,
      mac: v.mac,
      dynamicMac: v.dynamicMacAddressEnabled,
      ips: v.ipAddresses,
      allowTeaming: v.allowTeaming,
      status: v.status,
      expectedMember: v.mac ? (affinity.get(v.mac) ?? null) : null,
    })),
    macLocations: [],
  };

  const expected = predictor.expectedMacLocations(inv);
  for (const loc of expected) {
    const observed: HostStateDto['macLocations'][number]['observed'] = [];
    for (const sw of state.fleet.switches.values()) for (const l of sw.table.get(loc.mac) ?? []) observed.push({ device: sw.name, port: l.port, vlan: l.vlan });
    const owner = loc.owner.kind === 'vm' ? `VM ${loc.owner.vm} (${loc.owner.nic})` : loc.owner.kind === 'host-vnic' ? `host vNIC ${loc.owner.name}` : loc.owner.kind === 'member' ? `member ${loc.owner.member}` : `adapter ${loc.owner.name}`;
    dto.macLocations.push({
      mac: loc.mac,
      owner,
      expected: loc.ports.length ? loc.ports.map((p) => `${p.switch} ${p.port}`).join(', ') : loc.members.length ? `behind ${loc.members.join(' / ')}` : null,
      observed,
    });
  }
  return dto;
}
