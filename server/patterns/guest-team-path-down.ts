/**
 * guest-team-path-down: a running VM that teams inside the guest (AllowTeaming On) has a vNIC on
 * vSwitch X, and the physical path under X — its pNIC or host team — has lost link. The guest team
 * has lost a leg (or, with every leg down, the VM is offline), yet Hyper-V Manager still shows the
 * vNIC as `{Ok}` and Connected, so nobody looking at the VM sees it (docs/domain.md F14, BENARM).
 *
 * Rule: for each running VM with at least two vNICs, at least one of them AllowTeaming On (a guest
 * team), every vSwitch the VM has a vNIC on is checked with vSwitchPath (vm-paths.ts); a path that
 * is down makes a finding for (host, VM). Paths the VM has no vNIC on are never looked at, so the
 * benign twin — the VM's *other* path is down but the VM is not on it — stays silent. Resolves when
 * the path is back (inventory or link-up events), the VM stops, or it leaves the host.
 *
 * The team-down inhibition (server/engine/suppress.ts) silences this alert while the host team
 * under the vSwitch is down as a whole: that critical alert already names the cause.
 */
import type { Finding, Pattern } from './types.ts';
import { capEvidence, minutes, psq } from './kit.ts';
import { isRunning, vmNics, vmsIn, vmSubject } from './vm-identity.ts';
import { vSwitchPath, type PathState } from './vm-paths.ts';

export const guestTeamPathDown: Pattern = {
  id: 'guest-team-path-down',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'vm'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'Guest team lost a leg (physical path under its vSwitch is down)',
    meaning:
      'A VM teams its vNICs inside the guest (AllowTeaming On), and the physical adapter or host team under one of the vSwitches it uses has lost link. The guest team is running on its remaining leg — or not at all if every leg is down — while Hyper-V Manager still shows the vNIC as OK and connected, so the loss of redundancy is invisible from the VM\'s settings.',
    signals: [
      'Get-VMNetworkAdapter: the VM\'s vNICs, their vSwitch, AllowTeaming, Status and Connected',
      'Get-VM: the VM is Running (or Hyper-V-Worker 18500 after the inventory)',
      'Get-VMSwitch NetAdapterInterfaceDescription(s): what the vSwitch is bound to',
      'Get-NetAdapter status of that adapter or team interface; Get-NetLbfoTeamMember / SET member state',
      'NIC driver link-down/up events (Intel e1*express 27/31–36, Broadcom b57nd60a 4/5, QLogic evbda 2/3), MsLbfoSys 16949/16950, Hyper-V-VmSwitch 22 newer than the inventory',
    ],
    benign: [
      'The path that is down belongs to a vSwitch the VM has no vNIC on (e.g. the VM\'s other path is elsewhere): only vSwitches the VM actually uses are checked',
      'A VM with AllowTeaming Off on every vNIC, or with a single vNIC: no guest team, nothing to lose a leg of',
      'A VM that is off',
      'Internal and Private vSwitches: they have no physical path',
      'A host team member that is only waiting on the connect timer (WaitingForStableConnectivity under 2 minutes) after its link came back',
    ],
    remediation:
      'Restore the physical path under the vSwitch (cable, SFP, switch port, host team members). Until then the guest runs without redundancy; check inside the guest that its team failed over (Get-NetLbfoTeamMember in the guest).',
    sources: ['BENARM', 'MS-NICT-VM', 'VMNA-PROPS', 'VMSWITCH-22', 'WEVTKB-NIC', 'MSFT-LBFOTEAM'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    const inv = h?.inventory;
    if (!h || !inv) return { findings: [] };
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    for (const vm of vmsIn(inv)) {
      const nics = vmNics(inv, vm);
      if (nics.length < 2 || !nics.some((n) => n.allowTeaming === true) || !isRunning(h, vm)) continue;
      const paths = new Map<string, PathState>();
      for (const n of nics) {
        if (!n.switchName || paths.has(n.switchName.toLowerCase())) continue;
        const p = vSwitchPath(ctx, h, n.switchName);
        if (!p) continue;
        paths.set(n.switchName.toLowerCase(), p);
        if (p.recheckAt !== undefined) recheckAt = Math.min(recheckAt ?? Infinity, p.recheckAt);
      }
      const down = [...paths.values()].filter((p) => p.down);
      if (down.length === 0) continue;
      const up = [...paths.values()].filter((p) => !p.down);
      const onDown = nics.filter((n) => down.some((p) => p.vSwitch.toLowerCase() === n.switchName?.toLowerCase()));
      const since = Math.min(...down.map((p) => p.since));
      const allDown = up.length === 0;
      const legs = onDown.map((n) => `${n.name} on ${n.switchName}`).join(', ');
      findings.push({
        subject: { host: h.name, ...vmSubject(vm) },
        since,
        summary: allDown
          ? `Every leg of ${vm.name}'s guest team on ${h.name} is down: the path under ${down.map((p) => p.vSwitch).join(', ')} lost link`
          : `${vm.name}'s guest team on ${h.name} lost a leg: the path under vSwitch ${down.map((p) => p.vSwitch).join(', ')} lost link`,
        expected: {
          summary: `Every vSwitch ${vm.name} teams across has a working physical path`,
          values: { vSwitches: [...paths.values()].map((p) => p.vSwitch), pathsDown: [] },
        },
        observed: {
          summary: `${down.map((p) => `${p.what} under ${p.vSwitch}: ${p.how}`).join('; ')} for ${minutes(ctx.clock - since)}; Hyper-V still shows ${legs} as ${onDown.map((n) => `{${n.status.join(', ') || 'no status'}}`).join(', ')}, Connected ${onDown.map((n) => String(n.connected)).join(', ')}`,
          values: {
            pathsDown: down.map((p) => ({ vSwitch: p.vSwitch, path: p.what, adapters: p.adapters, team: p.team, reason: p.how })),
            pathsUp: up.map((p) => p.vSwitch),
            affectedVnics: onDown.map((n) => ({ name: n.name, vSwitch: n.switchName, status: n.status, connected: n.connected, allowTeaming: n.allowTeaming, mac: n.mac })),
            allLegsDown: allDown,
          },
        },
        evidence: capEvidence([...(h.inventoryRef ? [h.inventoryRef] : []), ...down.flatMap((p) => p.evidence)]),
        explanation: allDown
          ? `Every vSwitch ${vm.name} uses has lost its physical path, so the VM is cut off although its vNICs look healthy in Hyper-V Manager.`
          : `${vm.name} teams its vNICs inside the guest for redundancy. The physical path under ${down.map((p) => p.vSwitch).join(', ')} is down, so the guest team runs on ${up.map((p) => p.vSwitch).join(', ')} alone; the next failure there takes the VM offline. Hyper-V Manager keeps showing the vNIC as OK and connected, which is why this goes unnoticed.`,
        remediation: {
          text: 'Restore the physical path (cable, SFP, switch port, host team members). Confirm the guest team failed over inside the guest.',
          commands: [
            ...down.map((p) => `Get-VMSwitch -Name ${psq(p.vSwitch)} | Format-List Name,SwitchType,NetAdapterInterfaceDescription*`),
            ...down.flatMap((p) => (p.adapters.length ? [`Get-NetAdapter -Name ${p.adapters.map(psq).join(',')} | Format-Table Name,InterfaceDescription,Status,LinkSpeed`] : [])),
            ...down.flatMap((p) => (p.team && p.adapters.length === 0 ? [`Get-NetAdapter -Name ${psq(p.team)} | Format-Table Name,InterfaceDescription,Status`] : [])),
            `Get-VMNetworkAdapter -VMName ${psq(vm.name)} | Format-Table Name,SwitchName,AllowTeaming,Status,Connected`,
          ],
        },
      });
    }
    return { findings, recheckAt };
  },
};
