/**
 * Thresholded, held conditions over event times, shared by the MAC patterns: "≥ N signals within
 * W fires; the condition holds until H has passed without another signal". Computed from the
 * event times alone (never from how often evaluate ran), so replay and out-of-order input give the
 * same episodes.
 */

export interface Episode {
  /** First signal of the window that reached the threshold: when the condition began. */
  start: number;
  /** Signal that reached the threshold. */
  trigger: number;
  /** Newest signal that belongs to the episode. */
  last: number;
  /** last + hold: the condition holds while clock < end. */
  end: number;
  /** Indices (into the sorted times) of the signals that belong to the episode. */
  members: number[];
}

/**
 * Episodes over `times` (sorted ascending): a signal that comes within `holdMs` of the previous
 * episode signal extends it; otherwise a new episode starts once `threshold` signals fall within
 * `windowMs` (inclusive).
 */
export function episodes(times: readonly number[], threshold: number, windowMs: number, holdMs: number): Episode[] {
  const out: Episode[] = [];
  let cur: Episode | null = null;
  let pending: number[] = [];
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (cur && t <= cur.last + holdMs) {
      cur.last = t;
      cur.end = t + holdMs;
      cur.members.push(i);
      continue;
    }
    cur = null;
    pending.push(i);
    pending = pending.filter((k) => t - times[k] <= windowMs);
    if (pending.length >= threshold) {
      cur = { start: times[pending[0]], trigger: t, last: t, end: t + holdMs, members: [...pending] };
      out.push(cur);
      pending = [];
    }
  }
  return out;
}

/** The episode holding at `clock`, if any. */
export function activeEpisode(eps: readonly Episode[], clock: number): Episode | null {
  const e = eps[eps.length - 1];
  return e && e.trigger <= clock && clock < e.end ? e : null;
}
