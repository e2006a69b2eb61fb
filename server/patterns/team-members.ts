/**
 * The observed state of each member of a team, combining the latest inventory
 * (Get-NetLbfoTeamMember / Get-NetAdapter) with link events newer than it (16949/16950, NIC
 * driver link down/up), so a failure is seen as soon as the event arrives, before the next bundle.
 * Shared by team-degraded, team-down and guest-team-path-down.
 */
import type { EvidenceRef } from '../contract.ts';
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView } from '../engine/view.ts';
import { eventRef, sameDescription } from './kit.ts';

export type MemberState = 'active' | 'standby' | 'failed' | 'waiting';

export interface MemberObservation {
  name: string;
  state: MemberState;
  /** Event time this state started (as far as the window shows). */
  since: number;
  reason: string | null;
  evidence: EvidenceRef[];
}

function adapterNames(h: HostView, member: string): { name: string; description: string | null } {
  const a = h.inventory?.netAdapters?.find((x) => x.name.toLowerCase() === member.toLowerCase());
  const m = h.inventory?.lbfoTeamMembers?.find((x) => x.name.toLowerCase() === member.toLowerCase());
  return { name: member, description: a?.description ?? m?.description ?? null };
}

function isThisAdapter(h: HostView, member: string, reported: string | null): boolean {
  if (!reported) return false;
  const { description } = adapterNames(h, member);
  return reported.toLowerCase() === member.toLowerCase() || sameDescription(reported, description);
}

/** Since when the inventory history shows `member` continuously in its current state. */
function inventorySince(h: HostView, member: string, test: (status: string, reason: string) => boolean): number | null {
  let since: number | null = null;
  for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
    const inv = h.inventoryHistory[i].value;
    const m = inv.lbfoTeamMembers?.find((x) => x.name.toLowerCase() === member.toLowerCase());
    const a = inv.netAdapters?.find((x) => x.name.toLowerCase() === member.toLowerCase());
    const status = m?.operationalStatus ?? (a ? (a.status === 'Up' ? 'Active' : 'Failed') : null);
    const reason = m?.failureReason ?? (a && a.status !== 'Up' ? 'PhysicalMediaDisconnected' : 'NoFailure');
    if (status === null || !test(status, reason)) break;
    since = h.inventoryHistory[i].time;
  }
  return since;
}

export function observeMembers(h: HostView, team: ExpectedTeam): MemberObservation[] {
  const inv = h.inventory;
  if (!inv) return [];
  const invAt = h.inventoryAt ?? -Infinity;
  const out: MemberObservation[] = [];
  for (const member of team.members) {
    const m = inv.lbfoTeamMembers?.find((x) => x.name.toLowerCase() === member.toLowerCase());
    const a = inv.netAdapters?.find((x) => x.name.toLowerCase() === member.toLowerCase());
    let state: MemberState;
    let reason: string | null = null;
    if (m) {
      if (m.operationalStatus === 'Failed') {
        state = m.failureReason === 'WaitingForStableConnectivity' ? 'waiting' : 'failed';
        reason = m.failureReason;
      } else if (m.operationalStatus === 'Standby' || m.administrativeMode === 'Standby') state = 'standby';
      else state = 'active';
    } else if (a) {
      state = a.status === 'Up' ? 'active' : 'failed';
      reason = a.status === 'Up' ? null : a.status;
    } else {
      continue;
    }
    const evidence: EvidenceRef[] = h.inventoryRef ? [h.inventoryRef] : [];
    let since =
      inventorySince(h, member, (s, r) =>
        state === 'failed' ? s === 'Failed' && r !== 'WaitingForStableConnectivity' : state === 'waiting' ? s === 'Failed' && r === 'WaitingForStableConnectivity' : s !== 'Failed',
      ) ?? invAt;
    // Link events after the inventory override it: the newest one wins.
    for (const s of h.signals) {
      if (s.time <= invAt) continue;
      const sig = s.signal;
      const down = (sig.kind === 'lbfo-member-disconnected' && isThisAdapter(h, member, sig.member)) || (sig.kind === 'nic-link-down' && isThisAdapter(h, member, sig.adapter));
      const up = (sig.kind === 'lbfo-member-connected' && isThisAdapter(h, member, sig.member)) || (sig.kind === 'nic-link-up' && isThisAdapter(h, member, sig.adapter));
      if (down && state !== 'failed') {
        state = 'failed';
        reason = 'PhysicalMediaDisconnected';
        since = s.time;
        evidence.push(eventRef(s));
      } else if (down) {
        evidence.push(eventRef(s));
      } else if (up && state === 'failed') {
        // A link that came back goes through the connect timer before carrying traffic.
        state = 'waiting';
        reason = 'WaitingForStableConnectivity';
        since = s.time;
        evidence.push(eventRef(s));
      }
    }
    // Failure events shortly before the inventory explain when the failure started.
    if (state === 'failed') {
      for (const s of h.signals) {
        if (s.time > invAt || s.time < since - 10 * 60_000) continue;
        const sig = s.signal;
        if ((sig.kind === 'lbfo-member-disconnected' && isThisAdapter(h, member, sig.member)) || (sig.kind === 'nic-link-down' && isThisAdapter(h, member, sig.adapter))) {
          since = Math.min(since, s.time);
          evidence.unshift(eventRef(s));
        }
      }
    }
    out.push({ name: member, state, since, reason, evidence });
  }
  return out;
}
