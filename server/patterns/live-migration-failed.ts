/**
 * live-migration-failed: the cluster's Hyper-V resource reported a failed live migration —
 * 21111 "Live migration of '%1' failed.", 21145 (a vSwitch the VM uses is disconnected on the
 * destination), 21159 / 21502 (it does not exist there), 21125 (configuration setup failed on the
 * destination: vSwitch names differ). The finding names the cause and the vSwitch: the VM's vNICs
 * are read from inventory and their vSwitch names compared with the destination's (or, when the
 * events do not name the destination, with every other node of the cluster) — F25 requires
 * identical vSwitch names on every node.
 *
 * Grouping: the cause event and the 21111 of one attempt are logged together on the source node;
 * events within ±2 min on the same host are one attempt. 21125 carries no VM name and joins the
 * named failure nearest to it (an unattributable 21125 alone is not alerted — it has no subject).
 * The resource name `Virtual Machine <vm>` is mapped back to the VM. 21158 (hard dependency) and
 * 21501 (migration limit) enrich a failure's cause but do not fire on their own.
 *
 * Resolves 30 minutes after the newest failure of the VM (recheckAt), or as soon as a later
 * 20415/20417 shows the VM migrated fine. Scope 'fleet': the subject is the VM alone.
 */
import type { HostView } from '../engine/view.ts';
import type { LmFailureCause } from '../engine/classify.ts';
import type { Finding, Pattern } from './types.ts';
import { capEvidence, eventRef, psq, signalsOf, type SignalOf } from './kit.ts';
import { hostNamed, hostsListing, sameVm, vmFromResourceName, vmNics, vmSubject, type VmKey } from './vm-identity.ts';
import { vSwitchPath } from './vm-paths.ts';

export const FAILURE_ALERT_MS = 30 * 60_000;
const ATTEMPT_MS = 2 * 60_000;
const FIRING_IDS = new Set([21111, 21145, 21159, 21125, 21502]);

/** Most specific first: the cause a group of events is reported with. */
const CAUSE_ORDER: LmFailureCause[] = ['vswitch-missing-on-destination', 'vswitch-disconnected-on-destination', 'config-failed-on-destination', 'vswitch-hard-dependency', 'migration-limit', 'failed'];
const CAUSE_TEXT: Record<LmFailureCause, string> = {
  'vswitch-missing-on-destination': 'a virtual switch the VM uses does not exist on the destination node',
  'vswitch-disconnected-on-destination': 'a virtual switch the VM uses is disconnected on the destination node',
  'config-failed-on-destination': 'configuration setup failed on the destination node (virtual switch names differ between the nodes)',
  'vswitch-hard-dependency': 'the VM has a hard dependency on a virtual switch of the current node',
  'migration-limit': 'the node\'s limit of simultaneous migrations was reached',
  failed: 'the migration failed (no more specific cause was logged)',
};

interface Failure {
  host: HostView;
  sig: SignalOf<'lm-failed'>;
  vm: VmKey | null;
}

/** The failed attempts in the window, grouped per VM: the newest attempt of each VM. */
function attempts(ctx: Parameters<Pattern['evaluate']>[0]): { vm: VmKey; host: HostView; events: Failure[] }[] {
  const all: Failure[] = [];
  for (const h of ctx.fleet.hosts.values()) {
    for (const sig of signalsOf(h, 'lm-failed', ctx.clock - FAILURE_ALERT_MS - ATTEMPT_MS)) all.push({ host: h, sig, vm: vmFromResourceName(ctx.fleet, sig.signal.vm) });
  }
  const named = all.filter((f) => f.vm);
  // Nameless events (21125) join the nearest named failure on the same host.
  for (const f of all.filter((x) => !x.vm)) {
    const near = named.filter((n) => n.host === f.host && Math.abs(n.sig.time - f.sig.time) <= ATTEMPT_MS).sort((a, b) => Math.abs(a.sig.time - f.sig.time) - Math.abs(b.sig.time - f.sig.time) || a.sig.windowsEventId - b.sig.windowsEventId);
    if (near[0]) f.vm = near[0].vm;
  }
  const out: { vm: VmKey; host: HostView; events: Failure[] }[] = [];
  for (const f of all.filter((x) => x.vm).sort((a, b) => b.sig.time - a.sig.time || a.sig.windowsEventId - b.sig.windowsEventId)) {
    if (out.some((o) => sameVm(o.vm, f.vm!))) continue;
    if (f.sig.time < ctx.clock - FAILURE_ALERT_MS) continue;
    const events = all.filter((x) => x.vm && sameVm(f.vm!, x.vm) && x.host === f.host && Math.abs(x.sig.time - f.sig.time) <= ATTEMPT_MS).sort((a, b) => a.sig.time - b.sig.time);
    if (!events.some((x) => FIRING_IDS.has(x.sig.windowsEventId))) continue;
    out.push({ vm: f.vm!, host: f.host, events });
  }
  return out;
}

function migratedSince(ctx: Parameters<Pattern['evaluate']>[0], vm: VmKey, after: number): boolean {
  for (const h of ctx.fleet.hosts.values()) {
    for (const s of signalsOf(h, 'lm-completed', after + 1)) if (s.signal.vm && sameVm(vm, { name: s.signal.vm, id: s.signal.vmId })) return true;
  }
  return false;
}

export const liveMigrationFailed: Pattern = {
  id: 'live-migration-failed',
  severity: 'warning',
  scope: 'fleet',
  subjectKeys: ['vm'],
  wakeOn: ['events', 'inventory'],
  wakeOnSignals: ['lm-failed', 'lm-completed'],
  forMs: 0,
  doc: {
    title: 'Live migration failed',
    meaning:
      'A live migration of the VM failed and it stayed on its source node. The usual network cause is a virtual switch the VM uses that is missing, named differently or disconnected on the destination node; until that is fixed the VM cannot move, so maintenance and failover of its node are blocked.',
    signals: [
      'Hyper-V-High-Availability 21111 "Live migration of \'%1\' failed."',
      '21145 (virtual switch disconnected on the destination node), 21159 / 21502 (virtual switch does not exist there), 21125 (configuration setup failed on the destination: network names differ)',
      'Get-VMNetworkAdapter: the VM\'s vSwitches on the source; Get-VMSwitch on the destination (or every cluster node) for the comparison; the destination vSwitch\'s physical path state',
    ],
    benign: ['A later successful migration of the same VM (20415/20417) resolves the alert at once; 21158 or 21501 alone does not fire'],
    remediation:
      'Give every cluster node identical vSwitch names (rename or create the missing one) and connect it to a working uplink, then "Refresh virtual machine configuration" in Failover Cluster Manager and retry the migration.',
    sources: ['MS-LM', 'BRAIN-HA'],
  },
  evaluate(ctx) {
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    for (const { vm: vm0, host: src, events } of attempts(ctx)) {
      const last = events[events.length - 1].sig.time;
      if (migratedSince(ctx, vm0, last)) continue;
      recheckAt = Math.min(recheckAt ?? Infinity, last + FAILURE_ALERT_MS);
      const cause = CAUSE_ORDER.find((c) => events.some((e) => e.sig.signal.cause === c)) ?? 'failed';
      const destName = events.map((e) => e.sig.signal.destination).find((d) => d) ?? null;
      const dst = hostNamed(ctx.fleet, destName);
      const where = src.inventory && vmNics(src.inventory, vm0).length ? src : hostsListing(ctx.fleet, vm0)[0];
      const nics = where?.inventory ? vmNics(where.inventory, vm0) : [];
      const vm: VmKey = { name: vm0.name, id: vm0.id ?? nics.find((n) => n.vmId)?.vmId ?? null };
      const vSwitches = [...new Set(nics.map((n) => n.switchName).filter((s): s is string => !!s))];
      const names = (h: HostView) => (h.inventory?.vmSwitches ?? []).map((s) => s.name);
      const missingOn = (h: HostView) => vSwitches.filter((s) => !names(h).includes(s));
      const caseOnly = (h: HostView) => missingOn(h).filter((s) => names(h).some((n) => n.toLowerCase() === s.toLowerCase()));
      let missing: string[] = [];
      let disconnected: string[] = [];
      const peers: Record<string, string[]> = {};
      if (dst?.inventory?.vmSwitches) {
        missing = missingOn(dst);
        disconnected = vSwitches.filter((s) => !missing.includes(s) && vSwitchPath(ctx, dst, s)?.down);
      } else if (src.cluster) {
        for (const h of ctx.fleet.hosts.values()) if (h !== src && h.cluster === src.cluster && h.inventory?.vmSwitches && missingOn(h).length) peers[h.name] = missingOn(h);
      }
      const detail = [
        missing.length ? `vSwitch ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist on ${dst!.name}${dst && caseOnly(dst).length ? ` (only with different letter case: ${caseOnly(dst).join(', ')})` : ''}` : '',
        disconnected.length ? `vSwitch ${disconnected.join(', ')} on ${dst!.name} has no working uplink` : '',
        Object.keys(peers).length ? `missing on ${Object.entries(peers).map(([h, s]) => `${h} (${s.join(', ')})`).join(', ')}` : '',
      ].filter(Boolean).join('; ');
      const route = `${src.name}${destName ? ` to ${dst?.name ?? destName}` : ''}`;
      const resource = `Virtual Machine ${vm.name}`;
      findings.push({
        subject: vmSubject(vm),
        since: events[0].sig.time,
        summary: `Live migration of ${vm.name} from ${route} failed: ${CAUSE_TEXT[cause]}${detail ? ` — ${detail}` : ''}`,
        expected: {
          summary: `${vm.name}'s vSwitches (${vSwitches.join(', ') || 'unknown'}) exist with identical names and a working uplink on every node it can move to, and the migration completes (20415)`,
          values: { vSwitches, missingOnDestination: [], disconnectedOnDestination: [] },
        },
        observed: {
          summary: `${events.map((e) => e.sig.windowsEventId).join(', ')} on ${src.name}: ${CAUSE_TEXT[cause]}${detail ? `; ${detail}` : ''}`,
          values: {
            cause,
            eventIds: events.map((e) => e.sig.windowsEventId),
            source: src.name,
            destination: dst?.name ?? destName,
            vSwitches,
            destinationVSwitches: dst?.inventory?.vmSwitches ? names(dst) : null,
            missingOnDestination: missing,
            disconnectedOnDestination: disconnected,
            missingOnClusterNodes: peers,
          },
        },
        evidence: capEvidence([...events.map((e) => eventRef(e.sig)), ...(where?.inventoryRef ? [where.inventoryRef] : []), ...(dst?.inventoryRef ? [dst.inventoryRef] : [])]),
        explanation: `${vm.name} stayed on ${src.name}. Live migration needs every vSwitch the VM is connected to to exist under the same name, with a working uplink, on the destination node; otherwise the destination cannot configure the VM's network and the cluster aborts the move. Until it is fixed the VM cannot be moved off ${src.name} for maintenance or failover.`,
        remediation: {
          text: 'Make the vSwitch names identical on all nodes (rename or create the missing one, connected to a working uplink), refresh the VM configuration in Failover Cluster Manager, and retry.',
          commands: [
            `Get-VMNetworkAdapter -ComputerName ${psq(src.name)} -VMName ${psq(vm.name)} | Format-Table VMName,Name,SwitchName`,
            `Get-VMSwitch -ComputerName ${[src.name, ...(dst ? [dst.name] : Object.keys(peers))].map(psq).join(',')} | Sort-Object Name | Format-Table ComputerName,Name,SwitchType,NetAdapterInterfaceDescription`,
            ...missing.map((s) => `New-VMSwitch -ComputerName ${psq(dst!.name)} -Name ${psq(s)} -NetAdapterName '<uplink adapter or team>' -AllowManagementOS $false   # or Rename-VMSwitch the existing one to ${psq(s)}`),
            ...(disconnected.length ? [`Invoke-Command -ComputerName ${psq(dst!.name)} { Get-NetAdapter | Format-Table Name,InterfaceDescription,Status,LinkSpeed }`] : []),
            `Update-ClusterVirtualMachineConfiguration -Name ${psq(resource)}`,
          ],
        },
      });
    }
    return { findings, recheckAt };
  },
};
