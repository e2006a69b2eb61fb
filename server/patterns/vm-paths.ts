/**
 * The physical path under a vSwitch: is anything below it carrying traffic to the wire now?
 * Used by guest-team-path-down (a guest team's leg) and live-migration-failed (a vSwitch
 * "disconnected on the destination", 21145).
 *
 * The path is what the vSwitch is bound to (Get-VMSwitch NetAdapterInterfaceDescription[s]):
 * - an LBFO team interface or SET members: down when every member has failed (observeMembers:
 *   inventory plus link events newer than it; a member waiting on the connect timer counts as
 *   failed only after WAITING_GRACE_MS, as in team-degraded), or when the LBFO team interface is
 *   Disabled / the vSwitch logged Hyper-V-VmSwitch 22 for it with no member link back since;
 * - a vendor team adapter (BASP/ANS/HPE): Windows does not report its members, so its own
 *   Get-NetAdapter status (not Up) or a VmSwitch 22 naming it decides;
 * - a single physical adapter: its Get-NetAdapter status, overridden by newer driver link
 *   events or VmSwitch 22 naming it (newest wins).
 * Internal and Private switches have no physical path: the answer is null (not applicable), as
 * it is when the inventory does not show what the switch is bound to.
 */
import type { EvidenceRef } from '../contract.ts';
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView, SignalRecord } from '../engine/view.ts';
import type { NetAdapter } from '../model/inventory.ts';
import type { PatternContext } from './types.ts';
import { eventRef, sameDescription, teamsOf } from './kit.ts';
import { observeMembers } from './team-members.ts';
import { WAITING_GRACE_MS } from './team-degraded.ts';

export interface PathState {
  vSwitch: string;
  down: boolean;
  /** Event time the current state (down) started, as far as the data shows. */
  since: number;
  /** What the path is, in words: `team Team1 (LBFO)`, `adapter Ethernet 3`. */
  what: string;
  /** Why it is down, in words; empty when up. */
  how: string;
  adapters: string[];
  team: string | null;
  evidence: EvidenceRef[];
  /** When the verdict may change without new input (a member's connect-timer grace ending). */
  recheckAt?: number;
}

/** How far before an inventory a link-down event may date the failure it shows. */
const LOOKBACK_MS = 10 * 60_000;

const named = (a: NetAdapter, reported: string | null) => !!reported && (a.name.toLowerCase() === reported.toLowerCase() || sameDescription(a.description, reported));

/** Link state of one adapter: inventory status, then newer link / media events (newest wins). */
function adapterLink(h: HostView, a: NetAdapter): { up: boolean; since: number; evidence: EvidenceRef[] } {
  let up = a.status.toLowerCase() === 'up';
  let since = conditionSince(h, (inv) => (inv.netAdapters?.find((x) => x.name.toLowerCase() === a.name.toLowerCase())?.status.toLowerCase() === 'up') === up);
  const evidence: EvidenceRef[] = h.inventoryRef ? [h.inventoryRef] : [];
  const after = h.inventoryAt ?? -Infinity;
  if (!up) {
    // A link-down event shortly before the first inventory showing the adapter down dates the failure.
    const prevUp = [...h.inventoryHistory].reverse().find((e) => e.time < since)?.time ?? -Infinity;
    for (const s of h.signals) {
      if (s.time > since) break;
      const sig = s.signal;
      if (s.time > prevUp && s.time >= since - LOOKBACK_MS && ((sig.kind === 'nic-link-down' && named(a, sig.adapter)) || (sig.kind === 'vswitch-media-disconnected' && named(a, sig.friendlyName)))) {
        since = s.time;
        evidence.unshift(eventRef(s));
        break;
      }
    }
  }
  for (const s of h.signals) {
    if (s.time <= after) continue;
    const sig = s.signal;
    const down = (sig.kind === 'nic-link-down' && named(a, sig.adapter)) || (sig.kind === 'vswitch-media-disconnected' && named(a, sig.friendlyName));
    const back = sig.kind === 'nic-link-up' && named(a, sig.adapter);
    if (down || back) {
      if (up !== back) since = s.time;
      up = back;
      evidence.push(eventRef(s));
    }
  }
  return { up, since, evidence };
}

/** Event time of the oldest inventory in the unbroken run (ending at the latest) for which `holds` is true. */
function conditionSince(h: HostView, holds: (inv: NonNullable<HostView['inventory']>) => boolean): number {
  let since: number | null = null;
  for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
    if (!holds(h.inventoryHistory[i].value)) break;
    since = h.inventoryHistory[i].time;
  }
  return since ?? h.inventoryAt ?? 0;
}

/** Newest VmSwitch 22 after the inventory naming `description`, unless a member link came back after it. */
function media22(h: HostView, description: string, team: ExpectedTeam | null): SignalRecord | null {
  let found: SignalRecord | null = null;
  for (const s of h.signals) {
    if (s.time <= (h.inventoryAt ?? -Infinity)) continue;
    if (s.signal.kind === 'vswitch-media-disconnected' && sameDescription(s.signal.friendlyName, description)) found = s;
    else if (found && team && (s.signal.kind === 'nic-link-up' || s.signal.kind === 'lbfo-member-connected')) found = null;
  }
  return found;
}

function teamPath(ctx: PatternContext, h: HostView, vSwitch: string, team: ExpectedTeam): PathState {
  const kind = team.kind === 'lbfo' ? 'LBFO' : team.kind === 'set' ? 'SET' : `vendor ${team.vendor ?? ''}`.trim();
  const base = { vSwitch, what: `team ${team.team} (${kind})`, team: team.team, adapters: [...team.members] };
  const nic = team.teamNic;
  // A team interface that is not Up (vendor teams: the only state Windows shows; LBFO: disabled).
  if (nic && (team.kind === 'vendor' || nic.status.toLowerCase() === 'disabled') && nic.status.toLowerCase() !== 'up') {
    const since = conditionSince(h, (inv) => (inv.netAdapters?.find((a) => a.name.toLowerCase() === nic.name.toLowerCase())?.status.toLowerCase() ?? 'up') !== 'up');
    return { ...base, down: true, since, how: `team interface ${nic.name} is ${nic.status}`, evidence: h.inventoryRef ? [h.inventoryRef] : [] };
  }
  const e22 = nic ? media22(h, nic.description, team) : null;
  if (e22) return { ...base, down: true, since: e22.time, how: `Hyper-V-VmSwitch 22: media disconnected on ${nic!.description}`, evidence: [eventRef(e22)] };
  if (team.kind === 'vendor' || team.members.length === 0) return { ...base, down: false, since: h.inventoryAt ?? 0, how: '', evidence: [] };

  let recheckAt: number | undefined;
  const members = observeMembers(h, team);
  const failed: { name: string; since: number; evidence: EvidenceRef[] }[] = [];
  for (const m of members) {
    const a = h.inventory?.netAdapters?.find((x) => x.name.toLowerCase() === m.name.toLowerCase());
    // SET members are bound to the vSwitch itself, so it logs 22 per member.
    const m22 = team.kind === 'set' && a ? media22(h, a.description, null) : null;
    const back22 = m22 && a ? h.signals.some((s) => s.time > m22.time && s.signal.kind === 'nic-link-up' && named(a, s.signal.adapter)) : true;
    if (m.state === 'failed') failed.push(m);
    else if (m.state === 'waiting' && ctx.clock - m.since >= WAITING_GRACE_MS) failed.push({ ...m, since: m.since + WAITING_GRACE_MS });
    else if (m22 && !back22) failed.push({ name: m.name, since: m22.time, evidence: [eventRef(m22)] });
    else if (m.state === 'waiting') recheckAt = Math.min(recheckAt ?? Infinity, m.since + WAITING_GRACE_MS);
  }
  if (members.length > 0 && failed.length === members.length) {
    return {
      ...base,
      down: true,
      since: Math.max(...failed.map((f) => f.since)),
      how: `every member failed (${failed.map((f) => f.name).join(', ')})`,
      evidence: failed.flatMap((f) => f.evidence),
    };
  }
  return { ...base, down: false, since: h.inventoryAt ?? 0, how: '', evidence: [], recheckAt };
}

/** The path under `vSwitch` on host `h`, or null when not applicable / not known. */
export function vSwitchPath(ctx: PatternContext, h: HostView, vSwitch: string): PathState | null {
  const inv = h.inventory;
  const sw = inv?.vmSwitches?.find((s) => s.name.toLowerCase() === vSwitch.toLowerCase());
  if (!inv || !sw || sw.switchType.toLowerCase() !== 'external') return null;
  const team = teamsOf(ctx, h).find((t) => t.vSwitches.some((s) => s.toLowerCase() === sw.name.toLowerCase()));
  if (team) return teamPath(ctx, h, sw.name, team);
  const adapters = (inv.netAdapters ?? []).filter((a) => sw.netAdapterDescriptions.some((d) => sameDescription(d, a.description)));
  if (adapters.length === 0) return null;
  const links = adapters.map((a) => ({ a, ...adapterLink(h, a) }));
  const base = { vSwitch: sw.name, what: `adapter ${adapters.map((a) => a.name).join(', ')}`, team: null, adapters: adapters.map((a) => a.name) };
  if (links.every((l) => !l.up)) {
    return { ...base, down: true, since: Math.max(...links.map((l) => l.since)), how: links.map((l) => `${l.a.name} lost link`).join(', '), evidence: links.flatMap((l) => l.evidence) };
  }
  return { ...base, down: false, since: h.inventoryAt ?? 0, how: '', evidence: [] };
}
