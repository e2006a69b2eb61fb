/**
 * rdma-on-team-member: RDMA is enabled (Get-NetAdapterRdma Enabled True) on a member of an inbox
 * LBFO team. RDMA bypasses the network stack, so it cannot work through an LBFO team: SMB Direct
 * traffic either falls back to TCP or runs on one member without failover (docs/domain.md F16).
 *
 * Silent for SET members (RDMA belongs on SET host vNICs — the supported design), standalone NICs,
 * members with RDMA disabled, and hosts whose inventory carries no netAdapterRdma part. Vendor
 * team members are not reported by Windows and are not evaluated.
 */
import type { Inventory } from '../model/inventory.ts';
import type { Finding, Pattern } from './types.ts';
import { teamsOf } from './kit.ts';
import { inventoryConditionSince, psList, sameName } from './team-conditions.ts';

function rdmaMembers(inv: Inventory, members: readonly string[]): string[] {
  return members.filter((m) => inv.netAdapterRdma?.some((r) => r.enabled && sameName(r.name, m)));
}

export const rdmaOnTeamMember: Pattern = {
  id: 'rdma-on-team-member',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory'],
  forMs: 0,
  doc: {
    title: 'RDMA enabled on an LBFO team member',
    meaning:
      'RDMA is enabled on a physical NIC that is a member of an inbox LBFO team. RDMA traffic bypasses the networking stack and therefore the team: SMB Direct either does not use RDMA at all or is not protected by the team. From Windows Server 2016 the supported way to combine teaming and RDMA is SET with RDMA on host vNICs.',
    signals: ['Get-NetAdapterRdma Enabled True on an adapter listed in Get-NetLbfoTeam Members'],
    benign: [
      'RDMA on members of a SET vSwitch (converged NIC design)',
      'RDMA on standalone NICs that are not in any team (e.g. dedicated storage NICs)',
      'RDMA-capable members with RDMA disabled',
    ],
    remediation:
      'Either disable RDMA on the team members, or move the NICs out of the LBFO team into a SET vSwitch and enable RDMA on host vNICs (Enable-NetAdapterRdma "vEthernet (…)").',
    sources: ['MS-SET', 'AIDAN-SUPPORT'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    const inv = h?.inventory;
    if (!h || !inv?.netAdapterRdma) return { findings: [] };
    const findings: Finding[] = [];
    for (const team of teamsOf(ctx, h)) {
      if (team.kind !== 'lbfo') continue;
      const rdma = rdmaMembers(inv, team.members);
      if (!rdma.length) continue;
      // Judged against each older inventory's own team (it may not have existed yet).
      const since = inventoryConditionSince(h, (i) => {
        const then = ctx.fleet.predictor.classifyTeams(i).find((t) => t.kind === 'lbfo' && sameName(t.team, team.team));
        return !!then && rdmaMembers(i, then.members).length > 0;
      });
      findings.push({
        subject: { host: h.name, team: team.team },
        since,
        summary: `RDMA enabled on ${rdma.join(', ')}, member(s) of LBFO team ${team.team} on ${h.name}`,
        expected: {
          summary: `RDMA disabled on every member of the LBFO team ${team.team} (RDMA only on SET host vNICs or standalone NICs)`,
          values: { rdmaEnabledMembers: [] },
        },
        observed: {
          summary: `Get-NetAdapterRdma shows RDMA enabled on ${rdma.join(', ')}`,
          values: { rdmaEnabledMembers: rdma, teamMembers: team.members },
        },
        evidence: h.inventoryRef ? [h.inventoryRef] : [],
        explanation: `RDMA (SMB Direct, RoCE/iWARP) moves data NIC-to-NIC without the host network stack, so an LBFO team cannot balance or fail it over. On ${team.team} it either never engages (SMB falls back to TCP) or runs over a single member with no protection; this configuration is not supported.`,
        remediation: {
          text: `Disable RDMA on the members of ${team.team}, or — to keep RDMA — replace the LBFO team with a SET vSwitch (Convert-LBFO2Set migrates a team and its vSwitch) and enable RDMA on SET host vNICs with Enable-NetAdapterRdma.`,
          commands: [
            `Disable-NetAdapterRdma -Name ${psList(rdma)}`,
            `Get-NetAdapterRdma | Format-Table Name,InterfaceDescription,Enabled`,
          ],
        },
      });
    }
    return { findings };
  },
};
