/**
 * long-migration-blackout: VMMS logged 20417 — a live migration completed, but the VM's blackout
 * (the final stop-copy-resume pause during which it is unreachable) was unexpectedly long, with
 * the seconds in the event. An event-type alert: it holds for 30 minutes after the newest 20417 of
 * the VM and then resolves by itself (recheckAt), so a VM that keeps migrating slowly stays one
 * alert. A 20415 — the normal completion, whatever blackout it reports — never fires: Hyper-V
 * decides what "unexpectedly long" is ([U]: its threshold is not documented), and so do we.
 *
 * Scope is 'fleet': the subject is the VM alone, and the VM's successive migrations are logged on
 * different source hosts; host scopes would fight over the one fingerprint.
 */
import type { Finding, Pattern } from './types.ts';
import { capEvidence, eventRef, psq, signalsOf, type SignalOf } from './kit.ts';
import { hostsListing, sameVm, vmFromResourceName, vmSubject, type VmKey } from './vm-identity.ts';
import type { HostView } from '../engine/view.ts';

/** How long the alert stays after the newest 20417 of the VM. */
export const BLACKOUT_ALERT_MS = 30 * 60_000;

interface Long {
  host: HostView;
  sig: SignalOf<'lm-completed'>;
  vm: VmKey;
}

export const longMigrationBlackout: Pattern = {
  id: 'long-migration-blackout',
  severity: 'warning',
  scope: 'fleet',
  subjectKeys: ['vm'],
  wakeOn: ['events', 'inventory'],
  wakeOnSignals: ['lm-completed'],
  forMs: 0,
  doc: {
    title: 'Live migration with an unexpectedly long blackout',
    meaning:
      'A live migration completed, but Hyper-V reports that the VM was paused (unreachable) for an unexpectedly long time during the final switch-over. Applications in the VM may have timed out or dropped sessions. Usually the live-migration network is slow, shared or congested, or the VM dirties memory faster than it can be copied.',
    signals: ['Hyper-V-VMMS 20417 "…completed the live migration of virtual machine … with an unexpectedly long blackout time of N seconds." (UserData Parameter0 VM, Parameter1 VMID, Parameter2 seconds)'],
    benign: ['Hyper-V-VMMS 20415: a migration that completed with a normal blackout'],
    remediation:
      'Check the live-migration network of both hosts (dedicated, fast, not saturated; its NICs/team healthy), the migration performance option (SMB/compression) and the number of simultaneous migrations; check what the VM was doing (memory-intensive workloads lengthen the final copy). The alert resolves 30 minutes after the last such event.',
    sources: ['MS-LM', 'RACKSPACE-LM'],
  },
  evaluate(ctx) {
    const from = ctx.clock - BLACKOUT_ALERT_MS;
    const groups: Long[][] = [];
    for (const h of ctx.fleet.hosts.values()) {
      for (const sig of signalsOf(h, 'lm-completed', from)) {
        if (!sig.signal.long || !sig.signal.vm) continue;
        const known = vmFromResourceName(ctx.fleet, sig.signal.vm)!;
        const vm: VmKey = { name: known.name, id: sig.signal.vmId ?? known.id };
        const g = groups.find((x) => sameVm(x[0].vm, vm));
        if (g) g.push({ host: h, sig, vm });
        else groups.push([{ host: h, sig, vm }]);
      }
    }
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    for (const g of groups) {
      g.sort((a, b) => a.sig.time - b.sig.time);
      const last = g[g.length - 1];
      const vm = g.find((x) => x.vm.id)?.vm ?? last.vm;
      recheckAt = Math.min(recheckAt ?? Infinity, last.sig.time + BLACKOUT_ALERT_MS);
      const seconds = last.sig.signal.blackoutSec;
      const now = hostsListing(ctx.fleet, vm).find((h) => (h.inventoryAt ?? 0) >= last.sig.time);
      const destination = now && now !== last.host ? now.name : null;
      const route = `${last.host.name}${destination ? ` to ${destination}` : ''}`;
      findings.push({
        subject: vmSubject(vm),
        since: g[0].sig.time,
        summary: `Live migration of ${vm.name} from ${route} had an unexpectedly long blackout${seconds !== null ? ` of ${seconds} s` : ''}`,
        expected: {
          summary: 'A blackout short enough for Hyper-V to log a normal completion (20415), typically well under a few seconds',
          values: { eventId: 20415 },
        },
        observed: {
          summary: `Hyper-V-VMMS 20417 on ${last.host.name}: blackout ${seconds !== null ? `${seconds} s` : 'of unknown length'}${g.length > 1 ? ` (${g.length} long-blackout migrations of this VM in the last 30 min)` : ''}`,
          values: {
            eventId: 20417,
            blackoutSec: seconds,
            source: last.host.name,
            destination,
            longMigrations: g.map((x) => ({ time: new Date(x.sig.time).toISOString(), source: x.host.name, blackoutSec: x.sig.signal.blackoutSec })),
          },
        },
        evidence: capEvidence(g.map((x) => eventRef(x.sig))),
        explanation: `${vm.name} was paused and unreachable for ${seconds !== null ? `${seconds} seconds` : 'an unexpectedly long time'} while the migration switched over. Sessions and cluster heartbeats inside the VM may have timed out. A slow or congested live-migration network, too many simultaneous migrations, or a VM that rewrites memory quickly makes the final copy take long.`,
        remediation: {
          text: 'Check the live-migration network and settings on both hosts, and how busy the VM was; this alert resolves 30 minutes after the last long blackout.',
          commands: [
            `Get-VMHost -ComputerName ${[last.host.name, ...(destination ? [destination] : [])].map(psq).join(',')} | Format-List Name,VirtualMachineMigrationEnabled,VirtualMachineMigrationPerformanceOption,MaximumVirtualMachineMigrations`,
            `Get-VMMigrationNetwork -ComputerName ${psq(last.host.name)}`,
            `Get-WinEvent -ComputerName ${psq(last.host.name)} -FilterHashtable @{LogName='Microsoft-Windows-Hyper-V-VMMS-Admin'; Id=20415,20417} -MaxEvents 20 | Format-Table TimeCreated,Id,Message -Wrap`,
          ],
        },
      });
    }
    return { findings, recheckAt };
  },
};
