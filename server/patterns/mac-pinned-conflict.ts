/**
 * mac-pinned-conflict: two ports of one host's virtual switches claim the same MAC (docs/domain.md
 * F4). Seen either way:
 * - VMSMP 28 "Port '…' was prevented from using MAC address '…' because it is pinned to port '…'"
 *   (any Hyper-V-VmSwitch event with that text counts too);
 * - the latest inventory lists two vNICs connected to the host's vSwitches with one MAC — VM vNICs
 *   and host (management OS) vNICs alike, whatever the VM's state (an Off VM's vNIC keeps its
 *   address and collides when it starts). Null/zero and group MACs are ignored. A VM's identity
 *   (VMId, else name) and the vNIC name tell two rows of one vNIC from two vNICs.
 * The alert holds while the inventory shows the duplicate or a VMSMP 28 for that MAC is less than
 * 10 min old; it resolves when both are gone. No benign look-alike is known (domain.md F4).
 */
import type { HostView } from '../engine/view.ts';
import type { VmNetworkAdapter } from '../model/inventory.ts';
import type { Mac } from '../model/mac.ts';
import { isNonHostMac, macToHyperV, macToWindows } from '../model/mac.ts';
import { allocateDynamicMac } from '../simulator/macpool.ts';
import type { Finding, Pattern, PatternContext } from './types.ts';
import { capEvidence, eventRef, signalsOf, type SignalOf, psq } from './kit.ts';
import { activeEpisode, episodes } from './mac-episodes.ts';
import { fleetMacOwners } from './mac-owners.ts';

export const PINNED_QUIET_MS = 10 * 60_000;

const identity = (n: VmNetworkAdapter) => `${n.isManagementOs ? 'host' : (n.vmId ?? n.vmName ?? '').toLowerCase()}|${n.name.toLowerCase()}`;

/** MAC → the distinct vSwitch-connected vNICs carrying it, when more than one does. */
function duplicatesIn(rows: readonly VmNetworkAdapter[] | undefined): Map<Mac, VmNetworkAdapter[]> {
  const byMac = new Map<Mac, Map<string, VmNetworkAdapter>>();
  for (const n of rows ?? []) {
    if (!n.mac || !n.switchName || isNonHostMac(n.mac)) continue;
    const m = byMac.get(n.mac) ?? new Map<string, VmNetworkAdapter>();
    if (!m.has(identity(n))) m.set(identity(n), n);
    byMac.set(n.mac, m);
  }
  const out = new Map<Mac, VmNetworkAdapter[]>();
  for (const [mac, m] of byMac) if (m.size > 1) out.set(mac, [...m.values()]);
  return out;
}

/** Since when the inventory history shows the duplicate continuously. */
function duplicateSince(h: HostView, mac: Mac): number {
  let since = h.inventoryAt ?? 0;
  for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
    if (!duplicatesIn(h.inventoryHistory[i].value.vmNetworkAdapters).has(mac)) break;
    since = h.inventoryHistory[i].time;
  }
  return since;
}

const label = (n: VmNetworkAdapter) => (n.isManagementOs ? `host vNIC ${n.name}` : `VM ${n.vmName} vNIC ${n.name}`);

function remediation(ctx: PatternContext, h: HostView, mac: Mac, holders: VmNetworkAdapter[]) {
  const used = new Set<Mac>(fleetMacOwners(ctx).keys());
  const pool = h.inventory?.macPool ?? null;
  const free = () => {
    const m = pool ? allocateDynamicMac(pool, used) : null;
    if (m) used.add(m);
    return m;
  };
  // Keep the host vNIC (re-addressing it cuts management), then a running VM; change the others.
  const running = new Set((h.inventory?.vms ?? []).filter((v) => v.state === 'Running').map((v) => (v.id ?? v.name).toLowerCase()));
  const rank = (n: VmNetworkAdapter) => (n.isManagementOs ? 0 : running.has((n.vmId ?? n.vmName ?? '').toLowerCase()) ? 1 : 2);
  const ordered = [...holders].sort((a, b) => rank(a) - rank(b) || (a.vmName ?? '').localeCompare(b.vmName ?? '') || a.name.localeCompare(b.name));
  const commands: string[] = [];
  for (const n of ordered.slice(1)) {
    const m = free();
    if (n.isManagementOs) {
      if (m) commands.push(`Set-VMNetworkAdapter -ComputerName ${psq(h.name)} -ManagementOS -Name ${psq(n.name)} -StaticMacAddress ${macToHyperV(m)}`);
      continue;
    }
    const vm = `-ComputerName ${psq(h.name)} -VMName ${psq(n.vmName)} -Name ${psq(n.name)}`;
    commands.push(`Stop-VM -ComputerName ${psq(h.name)} -Name ${psq(n.vmName)}`);
    if (m) commands.push(`Set-VMNetworkAdapter ${vm} -StaticMacAddress ${macToHyperV(m)}`);
    commands.push(`# or let Hyper-V pick one: Set-VMNetworkAdapter ${vm} -DynamicMacAddress`, `Start-VM -ComputerName ${psq(h.name)} -Name ${psq(n.vmName)}`);
  }
  if (!holders.length) {
    commands.push(`Get-VMNetworkAdapter -ComputerName ${psq(h.name)} -All | Where-Object MacAddress -eq ${psq(macToHyperV(mac))} | Format-Table VMName,Name,SwitchName,MacAddress,DynamicMacAddressEnabled`);
  }
  return {
    text: holders.length
      ? `Give every port but ${label(ordered[0])} a MAC of its own (a VM must be off to change it), then start it again.`
      : `Find the port that holds ${macToWindows(mac)}; if no vNIC does, a third-party team (e.g. Broadcom BASP) is pinning it: reset or remove the vendor team.`,
    commands,
  };
}

export const macPinnedConflict: Pattern = {
  id: 'mac-pinned-conflict',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'mac'],
  wakeOn: ['inventory', 'events'],
  wakeOnSignals: ['mac-pinned'],
  forMs: 0,
  doc: {
    title: 'Duplicate MAC inside one host (MAC pinned to another port)',
    meaning:
      "Two ports of the same host's virtual switches claim one MAC address. The vSwitch pins the MAC to the port that had it first and refuses it to the other, so that VM (or host vNIC) is intermittently or permanently offline — typically after a live migration or when a static MAC was copied.",
    signals: [
      "VMSMP 28 (System log): Port '<GUID>' was prevented from using MAC address '<MAC>' because it is pinned to port '<GUID>'",
      'Get-VMNetworkAdapter -All: two vNICs connected to vSwitches of one host with the same MacAddress (VM or host vNIC, any VM state)',
      'Holds while the duplicate is in the inventory or a VMSMP 28 is less than 10 min old',
    ],
    benign: ['None known (domain.md F4); a one-off during a migration cut-over is unverified and not exempted'],
    remediation: 'Give each vNIC a unique MAC (Set-VMNetworkAdapter -StaticMacAddress <free MAC> or -DynamicMacAddress, with the VM off); remove or fix third-party teaming that pins MACs.',
    sources: ['KB968703', 'GBANIN', 'VMNA-PROPS'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    if (!h) return { findings: [] };
    const pinned = new Map<Mac, SignalOf<'mac-pinned'>[]>();
    for (const s of signalsOf(h, 'mac-pinned')) if (s.signal.mac) pinned.set(s.signal.mac, [...(pinned.get(s.signal.mac) ?? []), s]);
    const dups = duplicatesIn(h.inventory?.vmNetworkAdapters);
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    for (const mac of [...new Set([...dups.keys(), ...pinned.keys()])].sort()) {
      const events = pinned.get(mac) ?? [];
      const ep = activeEpisode(episodes(events.map((s) => s.time), 1, 0, PINNED_QUIET_MS), ctx.clock);
      const holders = dups.get(mac) ?? (h.inventory?.vmNetworkAdapters ?? []).filter((n) => n.mac === mac && n.switchName);
      if (!dups.has(mac) && !ep) continue;
      if (ep && (recheckAt === undefined || ep.end < recheckAt)) recheckAt = ep.end;
      const inEpisode = ep ? ep.members.map((i) => events[i]) : [];
      const since = Math.min(dups.has(mac) ? duplicateSince(h, mac) : Infinity, ep ? ep.start : Infinity);
      const ports = [...new Set(inEpisode.flatMap((s) => [s.signal.port, s.signal.pinnedTo]).filter((p): p is string => !!p))];
      const who = holders.length ? holders.map(label).join(' and ') : 'an unidentified port';
      findings.push({
        subject: { host: h.name, mac },
        since,
        summary: `MAC ${macToWindows(mac)} is claimed by two ports on ${h.name}: ${who}`,
        expected: { summary: 'Every port on a host\'s virtual switches has a MAC of its own', values: { portsPerMac: 1 } },
        observed: {
          summary: `${dups.has(mac) ? `the inventory lists ${holders.length} vNICs with ${macToWindows(mac)}` : `${who} holds ${macToWindows(mac)}`}${inEpisode.length ? `; ${inEpisode.length} VMSMP 28 pinning warning(s), the last at ${new Date(ep!.last).toISOString()}` : ''}`,
          values: {
            holders: holders.map((n) => ({ port: n.name, vm: n.vmName, isManagementOs: n.isManagementOs, vSwitch: n.switchName, dynamicMac: n.dynamicMacAddressEnabled })),
            pinnedWarnings: inEpisode.length,
            switchPorts: ports,
          },
        },
        evidence: capEvidence([...(dups.has(mac) && h.inventoryRef ? [h.inventoryRef] : []), ...inEpisode.map((s) => eventRef(s))]),
        explanation: `A Hyper-V switch forwards each MAC to one port only. When a second port uses ${macToWindows(mac)}, the switch keeps it pinned to the first and drops the other's traffic, so one of ${who} is cut off — often only after a restart or live migration decides which one wins. Duplicate static MACs, copied VMs and third-party teaming are the usual causes.`,
        remediation: remediation(ctx, h, mac, holders),
      });
    }
    return { findings, recheckAt };
  },
};
