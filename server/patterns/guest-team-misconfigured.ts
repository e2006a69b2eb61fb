/**
 * guest-team-misconfigured: a VM shows the intent to team inside the guest (AllowTeaming On on at
 * least one vNIC) but breaks the guest-teaming rules of docs/domain.md F14:
 * - a teamed vNIC's partner has AllowTeaming Off (exactly one vNIC On while the VM has others) —
 *   Hyper-V then drops frames the guest team sends with the other vNIC's MAC;
 * - more than two vNICs with AllowTeaming On (guest teams of more than two are unsupported);
 * - two teamed vNICs on the same vSwitch (no path redundancy);
 * - a teamed vNIC on an Internal or Private vSwitch (the team cannot reach the network).
 * With two or more vNICs On, the vNICs that are Off are taken to be outside the guest team (a
 * separate backup or storage NIC), not a broken pair. A VM with a single vNIC has no team to
 * misconfigure; a VM with AllowTeaming Off everywhere is the benign twin.
 *
 * Scope is 'fleet', not 'host': the subject is the VM alone, and while a VM live-migrates both
 * hosts' latest inventories may list it for a collection interval; two host scopes producing one
 * fingerprint would resolve each other's alert. The VM is judged on the host that reported it
 * most recently.
 */
import type { EvidenceRef } from '../contract.ts';
import type { Inventory, VmNetworkAdapter } from '../model/inventory.ts';
import type { HostView } from '../engine/view.ts';
import type { Finding, Pattern } from './types.ts';
import { capEvidence, psq } from './kit.ts';
import { teamingVms, vmNics, vmsIn, vmSubject, VmSet, type VmKey } from './vm-identity.ts';

export interface GuestTeamViolation {
  rule: 'partner-off' | 'more-than-two' | 'same-vswitch' | 'internal-or-private';
  detail: string;
  vnics: string[];
}

/** The guest-teaming rules this VM breaks in one inventory (empty when none or no guest team). */
export function guestTeamViolations(inv: Inventory, vm: VmKey): GuestTeamViolation[] {
  const nics = vmNics(inv, vm);
  const on = nics.filter((n) => n.allowTeaming === true);
  if (on.length === 0 || nics.length < 2) return [];
  const out: GuestTeamViolation[] = [];
  const label = (n: VmNetworkAdapter) => `${n.name} (${n.switchName ?? 'not connected'})`;
  if (on.length === 1) {
    const off = nics.filter((n) => n.allowTeaming !== true);
    out.push({ rule: 'partner-off', detail: `AllowTeaming is On for ${label(on[0])} but Off for ${off.map(label).join(', ')}`, vnics: nics.map((n) => n.name) });
  }
  if (on.length > 2) out.push({ rule: 'more-than-two', detail: `${on.length} vNICs have AllowTeaming On (${on.map(label).join(', ')}); a guest team may have two`, vnics: on.map((n) => n.name) });
  const teamed = on.length === 1 ? nics : on;
  const bySwitch = new Map<string, VmNetworkAdapter[]>();
  for (const n of teamed) {
    if (!n.switchName) continue;
    const k = n.switchName.toLowerCase();
    bySwitch.set(k, [...(bySwitch.get(k) ?? []), n]);
  }
  for (const group of bySwitch.values()) {
    if (group.length > 1) out.push({ rule: 'same-vswitch', detail: `${group.map((n) => n.name).join(' and ')} are both on vSwitch ${group[0].switchName}`, vnics: group.map((n) => n.name) });
  }
  for (const n of teamed) {
    const sw = inv.vmSwitches?.find((s) => s.name.toLowerCase() === n.switchName?.toLowerCase());
    if (sw && sw.switchType.toLowerCase() !== 'external') out.push({ rule: 'internal-or-private', detail: `${n.name} is on ${sw.switchType} vSwitch ${sw.name}`, vnics: [n.name] });
  }
  return out;
}

const signature = (v: GuestTeamViolation[]) => v.map((x) => `${x.rule}:${x.vnics.join('+')}`).sort().join('|');

/** Since when this host's inventories have shown the same violations, and the snapshots that show it. */
function violationSince(h: HostView, vm: VmKey, sig: string): { since: number; ref: EvidenceRef | null } {
  let since = h.inventoryAt ?? 0;
  let ref = h.inventoryRef;
  for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
    const e = h.inventoryHistory[i];
    if (signature(guestTeamViolations(e.value, vm)) !== sig) break;
    since = e.time;
    ref = e.ref;
  }
  return { since, ref };
}

export const guestTeamMisconfigured: Pattern = {
  id: 'guest-team-misconfigured',
  severity: 'warning',
  scope: 'fleet',
  subjectKeys: ['vm'],
  wakeOn: ['inventory'],
  forMs: 0,
  doc: {
    title: 'Guest (in-VM) team misconfigured',
    meaning:
      'A VM is set up to team its network adapters inside the guest (AllowTeaming On), but the configuration breaks the rules for guest teaming: the partner vNIC does not allow teaming, the team has more than two vNICs, both vNICs are on the same vSwitch, or a vNIC is on an Internal/Private vSwitch. The guest team then drops traffic, cannot fail over, or gives no redundancy at all.',
    signals: ['Get-VMNetworkAdapter: VMName, Name, SwitchName, AllowTeaming', 'Get-VMSwitch: SwitchType of each vNIC\'s vSwitch'],
    benign: [
      'A VM with AllowTeaming Off on every vNIC (no guest team)',
      'A VM with a single vNIC, whatever its AllowTeaming setting (there is nothing to team)',
      'A VM with two vNICs On, each on its own External vSwitch, plus further vNICs Off (those are outside the guest team)',
    ],
    remediation:
      'Give the guest team exactly two vNICs, each on its own External vSwitch, both with AllowTeaming On (Set-VMNetworkAdapter -AllowTeaming On, Connect-VMNetworkAdapter -SwitchName); team them in the guest as Switch Independent + Address Hash.',
    sources: ['MS-NICT-VM', 'MS-NICT', 'AZURECENTRIC', 'VMNA-PROPS'],
  },
  evaluate(ctx) {
    const findings: Finding[] = [];
    const seen = new VmSet();
    // Newest reporter first: a VM listed by two hosts (mid-migration) is judged where it was seen last.
    const hosts = [...ctx.fleet.hosts.values()].filter((h) => h.inventory).sort((a, b) => (b.inventoryAt ?? 0) - (a.inventoryAt ?? 0) || a.key.localeCompare(b.key));
    for (const h of hosts) {
      const inv = h.inventory!;
      for (const vm of vmsIn(inv)) {
        if (seen.has(vm)) continue;
        seen.add(vm);
        if (!teamingVms(inv).has(vm)) continue;
        const violations = guestTeamViolations(inv, vm);
        if (violations.length === 0) continue;
        const { since, ref } = violationSince(h, vm, signature(violations));
        const nics = vmNics(inv, vm);
        const external = (inv.vmSwitches ?? []).filter((s) => s.switchType.toLowerCase() === 'external').map((s) => s.name);
        findings.push({
          subject: vmSubject(vm),
          since,
          summary: `Guest team of ${vm.name} on ${h.name} is misconfigured: ${violations.map((v) => v.detail).join('; ')}`,
          expected: {
            summary: 'Exactly two vNICs with AllowTeaming On, each on its own External vSwitch',
            values: { teamedVnics: 2, allowTeaming: 'On', distinctExternalSwitches: true },
          },
          observed: {
            summary: violations.map((v) => v.detail).join('; '),
            values: {
              host: h.name,
              rules: violations.map((v) => v.rule),
              vnics: nics.map((n) => ({ name: n.name, vSwitch: n.switchName, allowTeaming: n.allowTeaming, switchType: inv.vmSwitches?.find((s) => s.name.toLowerCase() === n.switchName?.toLowerCase())?.switchType ?? null })),
            },
          },
          evidence: capEvidence(ref ? [ref] : []),
          explanation:
            'Guest teaming only works when both vNICs allow teaming (otherwise Hyper-V drops frames the guest team sends with the partner\'s MAC and does not report link loss to the guest) and each vNIC reaches the network through a different External vSwitch (otherwise there is no redundancy, or no network at all). Teams of more than two vNICs are unsupported in a guest.',
          remediation: {
            text: 'With the guest team in mind, allow teaming on both of its vNICs and put each on its own External vSwitch; remove extra vNICs from the team.',
            commands: [
              `Get-VMNetworkAdapter -VMName ${psq(vm.name)} | Format-Table Name,SwitchName,AllowTeaming,MacAddress`,
              ...nics.filter((n) => n.allowTeaming !== true && violations.some((v) => v.rule === 'partner-off')).map((n) => `Set-VMNetworkAdapter -VMName ${psq(vm.name)} -Name ${psq(n.name)} -AllowTeaming On`),
              ...violations
                .filter((v) => v.rule === 'same-vswitch' || v.rule === 'internal-or-private')
                .map((v) => `Connect-VMNetworkAdapter -VMName ${psq(vm.name)} -Name ${psq(v.vnics[v.vnics.length - 1])} -SwitchName ${psq(external.find((s) => !nics.some((n) => n.switchName?.toLowerCase() === s.toLowerCase())) ?? '<another External vSwitch>')}`),
              'Get-VMSwitch | Format-Table Name,SwitchType,NetAdapterInterfaceDescription',
            ],
          },
        });
      }
    }
    return { findings };
  },
};
