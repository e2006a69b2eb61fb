/**
 * sriov-on-team: a VM vNIC asks for SR-IOV (IovWeight > 0) on a vSwitch whose uplink is an LBFO
 * team or a vendor team. A virtual function bypasses the vSwitch and therefore the team: VF
 * traffic goes through one physical port and is not failed over (docs/domain.md F15). One alert per
 * VM, listing every such vNIC.
 *
 * Silent for SR-IOV on a vSwitch bound to a single physical NIC or to SET, for IovWeight 0, and
 * for host vNICs. The vSwitch's IovEnabled flag is reported but does not gate the alert: the
 * weight states the intent, and an LBFO-bound switch cannot offer SR-IOV anyway.
 */
import type { Inventory, VmNetworkAdapter } from '../model/inventory.ts';
import type { Predictor } from '../engine/predictor.ts';
import type { Finding, Pattern } from './types.ts';
import { hostTeamUnderSwitch, inventoryConditionSince, ps } from './team-conditions.ts';

interface IovNic {
  nic: VmNetworkAdapter;
  team: string;
  teamKind: 'lbfo' | 'vendor';
}

/** VM identity for grouping: the VM id when known, else the name. */
const vmKey = (n: VmNetworkAdapter) => (n.vmId ?? n.vmName ?? '').toLowerCase();

/** VM vNICs with IovWeight > 0 on a team-bound vSwitch, grouped by VM. */
function iovOnTeams(predictor: Predictor, inv: Inventory): Map<string, IovNic[]> {
  const teams = predictor.classifyTeams(inv);
  const out = new Map<string, IovNic[]>();
  for (const nic of inv.vmNetworkAdapters ?? []) {
    if (nic.isManagementOs || !nic.vmName || !nic.iovWeight || nic.iovWeight <= 0) continue;
    const team = hostTeamUnderSwitch(teams, nic.switchName);
    if (!team || team.kind === 'set') continue;
    const list = out.get(vmKey(nic)) ?? [];
    list.push({ nic, team: team.team, teamKind: team.kind });
    out.set(vmKey(nic), list);
  }
  return out;
}

export const sriovOnTeam: Pattern = {
  id: 'sriov-on-team',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'vm'],
  wakeOn: ['inventory'],
  forMs: 0,
  doc: {
    title: 'SR-IOV vNIC on a team-bound vSwitch',
    meaning:
      'A VM network adapter requests SR-IOV (IovWeight > 0) on a vSwitch whose uplink is an LBFO or vendor team. A virtual function bypasses the vSwitch and the team, so its traffic is not protected: when the physical port behind the VF fails, the VM loses that path. SR-IOV is listed as incompatible with host NIC teaming.',
    signals: ['Get-VMNetworkAdapter IovWeight > 0 on a VM adapter', 'Get-VMSwitch of that adapter bound to a team interface (Microsoft Network Adapter Multiplexor Driver or a vendor team adapter), with its IovEnabled flag'],
    benign: ['SR-IOV on a vSwitch bound to a single physical NIC', 'SR-IOV on a SET vSwitch', 'VM adapters with IovWeight 0, and host vNICs'],
    remediation:
      'For SR-IOV with redundancy, give the VM two SR-IOV vNICs on two external vSwitches, each on its own SR-IOV physical NIC, and team them in the guest — or rely on SET. Otherwise set IovWeight 0 on the adapter so it uses the (teamed) synthetic path.',
    sources: ['MS-NICT', 'MS-NICT-VM', 'AIDAN-SUPPORT'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    const inv = h?.inventory;
    if (!h || !inv?.vmNetworkAdapters) return { findings: [] };
    const findings: Finding[] = [];
    for (const [vk, nics] of iovOnTeams(ctx.fleet.predictor, inv)) {
      const first = nics[0].nic;
      const vm = first.vmName!;
      const since = inventoryConditionSince(h, (i) => iovOnTeams(ctx.fleet.predictor, i).has(vk));
      const switches = [...new Set(nics.map((n) => n.nic.switchName!))];
      const iovEnabled = Object.fromEntries(switches.map((s) => [s, inv.vmSwitches?.find((x) => x.name.toLowerCase() === s.toLowerCase())?.iovEnabled ?? null]));
      const what = nics.map((n) => `${n.nic.name} (IovWeight ${n.nic.iovWeight}) on ${n.nic.switchName} → ${n.teamKind === 'lbfo' ? 'LBFO' : 'vendor'} team ${n.team}`).join('; ');
      findings.push({
        subject: { host: h.name, vm, ...(first.vmId ? { vmId: first.vmId } : {}) },
        since,
        summary: `VM ${vm} on ${h.name} uses SR-IOV on a team-bound vSwitch (${switches.join(', ')})`,
        expected: {
          summary: 'SR-IOV only on vSwitches bound to a single physical NIC or to SET; vNICs on LBFO/vendor-team vSwitches with IovWeight 0',
          values: { iovWeight: 0 },
        },
        observed: {
          summary: what,
          values: {
            adapters: nics.map((n) => ({ name: n.nic.name, iovWeight: n.nic.iovWeight, switch: n.nic.switchName, team: n.team, teamKind: n.teamKind })),
            switchIovEnabled: iovEnabled,
          },
        },
        evidence: h.inventoryRef ? [h.inventoryRef] : [],
        explanation: `A virtual function is a slice of one physical port handed straight to the VM, bypassing the vSwitch and therefore the team under it. ${vm}'s VF traffic is not balanced or failed over by ${[...new Set(nics.map((n) => n.team))].join(', ')}: if that port or its switch fails, the VM loses the path even though the team survives.`,
        remediation: {
          text: 'Either turn SR-IOV off for these adapters (they then use the teamed synthetic path), or redesign for SR-IOV with redundancy: two SR-IOV vNICs on two external vSwitches bound to separate SR-IOV NICs, teamed in the guest, or a SET vSwitch.',
          commands: [
            ...nics.map((n) => `Set-VMNetworkAdapter -VMName ${ps(vm)} -Name ${ps(n.nic.name)} -IovWeight 0`),
            `Get-VMNetworkAdapter -VMName ${ps(vm)} | Format-Table Name,SwitchName,IovWeight,IovUsage,VirtualFunction`,
            ...switches.map((s) => `Get-VMSwitch -Name ${ps(s)} | Format-List Name,NetAdapterInterfaceDescription,IovEnabled,IovSupport,IovSupportReasons`),
          ],
        },
      });
    }
    return { findings };
  },
};
