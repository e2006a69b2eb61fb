/**
 * stale-team-mac: the Broadcom BASP story (docs/domain.md F3). A vendor team (BASP, Intel ANS,
 * HPE — never inbox LBFO or SET) backing a Hyper-V vSwitch learns each vSwitch port's MAC when
 * the port first appears behind it (VM first start, arrival by live migration) or when the team
 * is initialised (team adapter disabled/enabled). When a VM's vNIC MAC later changes — a restart
 * with a new dynamic MAC, typically after live-migrating to this host and restarting with a MAC
 * from this host's pool, or static → dynamic — the team keeps forwarding to the old MAC and the
 * VM is expected to be unreachable. The simulator models exactly this (VendorTeamState.learned).
 *
 * Rule, per running VM vNIC on a vSwitch bound to a vendor team on host H:
 * 1. The team's *learned* MAC is the MAC the VM had when it arrived on H. When H's history shows
 *    the arrival (an earlier inventory of H without the VM), that is the last MAC seen on the
 *    previous host — searched in every host's history, the VM identified by VMId, else name
 *    (vm-identity.ts) — provided that host still listed the VM after H's last report without it
 *    and no Hyper-V-Worker 18500 shows the VM restarted there in between; otherwise it is the
 *    first MAC seen on H (stale-team-mac-model.ts).
 * 2. Every team reset observed since then re-learns the MAC the vNIC had at that moment. A reset
 *    is the team adapter's Get-NetAdapter status other than Up in an inventory, or a
 *    Hyper-V-VmSwitch 22 / driver link event naming the team adapter.
 * 3. Fault: the current MAC differs from the learned MAC. It started when the new MAC appeared
 *    (the 18500 on H before the first inventory showing it, else that inventory).
 * It resolves on a team reset after the change, the MAC going back to the learned value, the VM
 * stopping, or the VM leaving H.
 *
 * The alert is held pending for HOLD_MS (2 min) from the change: the guest has to boot before it
 * could be reachable anyway, and a neighbor table taken in that time can refute the prediction.
 *
 * Confidence (observed.values): 'medium' from the prediction alone; 'high' with supporting
 * evidence — the VM's IP unresolved (Incomplete/Unreachable/Failed) in a neighbor table taken
 * since the change, absent from a table that had it before, or VMSMP 28 on H since the change.
 * A table taken since the change that shows the IP *Reachable* at the new MAC refutes the
 * prediction (the team evidently forwards it, e.g. a fixed driver) and the finding is dropped.
 *
 * Scope is 'fleet': the MAC history spans hosts and the confidence reads neighbor tables of other
 * observers, so an inventory of the VM's previous host or a neighbor table must re-evaluate it.
 */
import type { EvidenceRef } from '../contract.ts';
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { FleetView, HostView } from '../engine/view.ts';
import { macToHyperV } from '../model/mac.ts';
import type { VmNetworkAdapter } from '../model/inventory.ts';
import type { Finding, Pattern } from './types.ts';
import { capEvidence, eventRef, psq, signalsOf, teamsOf } from './kit.ts';
import { isRunning, nicKey, SightingIndex, vmNics, vmsIn, vmSubject, type VmKey } from './vm-identity.ts';
import { staleNic, type StaleNic } from './stale-team-mac-model.ts';

const UNRESOLVED = new Set(['incomplete', 'unreachable', 'failed']);

/** How long a finding is held pending before it fires (event time from the MAC change). */
export const HOLD_MS = 2 * 60_000;

interface Confidence {
  level: 'medium' | 'high';
  reasons: string[];
  evidence: EvidenceRef[];
  refutedBy: string | null;
}

function confidenceOf(fleet: FleetView, h: HostView, s: StaleNic): Confidence {
  const reasons: string[] = [];
  const evidence: EvidenceRef[] = [];
  let refutedBy: string | null = null;
  for (const nv of [...fleet.neighbors.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    if (nv.at < s.changeAt) continue;
    for (const ip of s.ips) {
      const entry = nv.entries.find((e) => e.ip === ip);
      if (!entry) {
        if (nv.history.some((x) => x.time < s.changeAt && x.value.some((e) => e.ip === ip && e.mac))) {
          reasons.push(`${ip} is gone from ${nv.name}'s neighbor table`);
          evidence.push(nv.ref);
        }
      } else if (!entry.mac || UNRESOLVED.has(entry.state)) {
        reasons.push(`${ip} is unresolved (${entry.state}) in ${nv.name}'s neighbor table`);
        evidence.push(nv.ref);
      } else if (entry.mac === s.current && entry.state === 'reachable') {
        refutedBy = `${nv.name} reaches ${ip} at ${s.current}`;
      }
    }
  }
  for (const p of signalsOf(h, 'mac-pinned', s.changeAt - 60_000)) {
    reasons.push(`VMSMP 28 on ${h.name}: a port was prevented from using MAC ${p.signal.mac ?? '(unknown)'}`);
    evidence.push(eventRef(p));
  }
  return { level: reasons.length ? 'high' : 'medium', reasons, evidence, refutedBy };
}

export const staleTeamMac: Pattern = {
  id: 'stale-team-mac',
  severity: 'critical',
  scope: 'fleet',
  subjectKeys: ['host', 'vm'],
  wakeOn: ['inventory', 'events', 'neighbors'],
  // Pending for 2 min from the change (the VM start): the guest needs that long to boot before it
  // could be reachable at all, and neighbor tables taken meanwhile can confirm or refute.
  forMs: HOLD_MS,
  doc: {
    title: 'Vendor team forwards to a VM\'s stale MAC',
    meaning:
      'A VM\'s network adapter got a new MAC address (a restart with a new dynamic MAC — typically after live-migrating to this host — or a switch from static to dynamic) on a host whose vSwitch sits on a vendor NIC team (Broadcom BASP, Intel ANS, HPE). Such teams learn a VM\'s MAC only when the VM first appears or the team is initialised, so the team keeps forwarding to the old MAC and the VM is cut off until the team is reset.',
    signals: [
      'Get-VMNetworkAdapter MacAddress across inventory snapshots of every host (VM identified by VMId, else name), DynamicMacAddressEnabled',
      'Hyper-V-Worker 18500 (VM started) before the new MAC appears',
      'Get-NetAdapter: the vSwitch bound to a vendor team adapter (BASP Virtual Adapter, Intel ANS, HPE Network Team); its status going non-Up (team reset)',
      'Hyper-V-VmSwitch 22 on the team adapter (team disabled)',
      'Confidence: the VM\'s IP Incomplete/Unreachable or missing in neighbor tables since the change; VMSMP 28 on the host',
    ],
    benign: [
      'The same MAC change on a host whose vSwitch is on an inbox LBFO team or SET (they learn MACs from every frame)',
      'A VM with a static MAC on a vendor team (its MAC does not change on restart)',
      'A VM that keeps its dynamic MAC across live migration (no change; the team learns it on arrival)',
      'A MAC change followed by a team reset (disable/enable), or a VM that is off',
      'A neighbor table taken after the change showing the VM\'s IP Reachable at its new MAC (the team evidently forwards it)',
    ],
    remediation:
      'Reset the vendor team (disable and enable its adapter) to make it learn the new MAC; give the VM a static MAC so it cannot change again; update the vendor teaming driver; preferably replace third-party teaming with SET or inbox LBFO — Microsoft does not support third-party teaming with Hyper-V (KB968703).',
    sources: ['CONFUSED', 'KB968703', 'GBANIN', 'MSFT-NEIGH', 'VMNA-PROPS'],
  },
  evaluate(ctx) {
    const findings: Finding[] = [];
    // Candidates first (running VMs' vNICs with a MAC on a vendor-team vSwitch); other hosts'
    // histories are indexed (once, for just those VMs) only when a candidate's arrival needs them.
    const candidates: { h: HostView; vm: VmKey; nics: VmNetworkAdapter[]; on: { n: VmNetworkAdapter; team: ExpectedTeam }[] }[] = [];
    for (const h of [...ctx.fleet.hosts.values()].sort((a, b) => a.key.localeCompare(b.key))) {
      const inv = h.inventory;
      if (!inv) continue;
      const vendor = teamsOf(ctx, h).filter((t) => t.kind === 'vendor' && t.teamNic && t.vSwitches.length);
      if (vendor.length === 0) continue;
      for (const vm of vmsIn(inv)) {
        const nics = vmNics(inv, vm);
        const on: { n: VmNetworkAdapter; team: ExpectedTeam }[] = [];
        for (const n of nics) {
          const team = n.mac ? vendor.find((t) => t.vSwitches.some((s) => s.toLowerCase() === n.switchName?.toLowerCase())) : undefined;
          if (team) on.push({ n, team });
        }
        if (on.length && isRunning(h, vm)) candidates.push({ h, vm, nics, on });
      }
    }
    let index: SightingIndex | null = null;
    const sightings = () => (index ??= new SightingIndex(ctx.fleet, candidates.map((c) => c.vm)));
    for (const { h, vm, nics, on } of candidates) {
      const stale: StaleNic[] = [];
      for (const { n, team } of on) {
        const s = staleNic(sightings, h, vm, nicKey(nics, n), n, team);
        if (s) stale.push(s);
      }
      if (stale.length === 0) continue;
      const conf = stale.map((s) => confidenceOf(ctx.fleet, h, s));
      if (conf.some((c) => c.refutedBy)) continue;
      const reasons = [...new Set(conf.flatMap((c) => c.reasons))];
      const level = reasons.length ? 'high' : 'medium';
      const since = Math.min(...stale.map((s) => s.changeAt));
      const teams = [...new Set(stale.map((s) => s.team.team))];
      const label = (s: StaleNic) => `${s.nic.name}: ${s.learned} → ${s.current}`;
      const id = vm.id ?? nics.find((n) => n.vmId)?.vmId ?? null;
      findings.push({
        subject: { host: h.name, ...vmSubject({ name: vm.name, id }) },
        since,
        summary: `${vm.name} on ${h.name} is expected to be unreachable: its MAC changed (${stale.map(label).join(', ')}) behind vendor team ${teams.join(', ')}, which has not been reset since`,
        expected: {
          summary: `Team ${teams.join(', ')} forwards frames for ${vm.name}'s current MAC ${stale.map((s) => s.current).join(', ')}`,
          values: { teamForwardsTo: stale.map((s) => s.current), vmReachable: true },
        },
        observed: {
          summary: `${stale.map((s) => `${s.nic.name} changed from ${s.previous} to ${s.current}${s.previous !== s.learned ? ` (team learned ${s.learned})` : ''}`).join('; ')}; no reset of ${teams.join(', ')} since. Confidence ${level}${reasons.length ? `: ${reasons.join('; ')}` : ' (prediction only, no neighbor or VMSMP evidence yet)'}`,
          values: {
            vnics: stale.map((s) => ({ name: s.nic.name, vSwitch: s.nic.switchName, previousMac: s.previous, teamLearnedMac: s.learned, currentMac: s.current, dynamicMac: s.nic.dynamicMacAddressEnabled, ips: s.ips, changedAt: new Date(s.changeAt).toISOString() })),
            teams: stale.map((s) => ({ team: s.team.team, vendor: s.team.vendor, description: s.team.teamNic?.description ?? null })),
            teamResetSinceChange: false,
            confidence: level,
            confidenceReasons: reasons,
          },
        },
        evidence: capEvidence([...stale.flatMap((s) => s.evidence), ...conf.flatMap((c) => c.evidence)]),
        explanation: `Vendor teams such as ${stale[0].team.teamNic?.description ?? 'BASP'} learn a VM's MAC only when the VM first appears behind them or when the team is initialised. ${vm.name}'s MAC changed after that, so the team keeps forwarding its traffic to the old MAC and drops frames for the new one: the VM has no network although it runs normally. It stays cut off until the team is reset.`,
        remediation: {
          text: 'Reset the vendor team (brief outage for every VM on it) so it learns the new MAC; then pin the VM\'s MAC (static, set while the VM is off) so it cannot change again; update the vendor teaming driver, or better move the vSwitch to SET / inbox LBFO — Microsoft does not support third-party teaming with Hyper-V (KB968703).',
          commands: [
            `Get-VMNetworkAdapter -VMName ${psq(vm.name)} | Format-Table Name,SwitchName,MacAddress,DynamicMacAddressEnabled,Status`,
            ...teams.map((t) => `Disable-NetAdapter -Name ${psq(t)} -Confirm:$false; Enable-NetAdapter -Name ${psq(t)}`),
            `Stop-VM -Name ${psq(vm.name)}; ${stale.map((s) => `Set-VMNetworkAdapter -VMName ${psq(vm.name)} -Name ${psq(s.nic.name)} -StaticMacAddress ${macToHyperV(s.current)}`).join('; ')}; Start-VM -Name ${psq(vm.name)}`,
          ],
        },
      });
    }
    return { findings };
  },
};
