/**
 * Neighbor states as the sources spell them, mapped to NeighborState. Unknown words map to
 * `unknown` (never a reject): state words are localised or vary by version, and the entry is still
 * worth keeping.
 */
import type { NeighborState } from '../../server/model/observation.ts';

/** Windows NL_NEIGHBOR_STATE / MSFT_NetNeighbor.State (docs/domain.md §3.2); 7 is undocumented. */
const NL_BY_NUMBER: readonly NeighborState[] = ['unreachable', 'incomplete', 'probe', 'delay', 'stale', 'reachable', 'permanent'];

/** Linux NUD states (`ip neigh`) and the Windows NUD names (Get-NetNeighbor, netsh). */
const NUD_NAMES: ReadonlyMap<string, NeighborState> = new Map<string, NeighborState>([
  ['reachable', 'reachable'],
  ['stale', 'stale'],
  ['delay', 'delay'],
  ['probe', 'probe'],
  ['incomplete', 'incomplete'],
  ['unreachable', 'unreachable'],
  ['permanent', 'permanent'],
  ['failed', 'failed'],
  ['noarp', 'noarp'],
  ['none', 'none'],
]);

/**
 * netsh `Type` words in other Windows languages. [U] Collected from localised screenshots, not
 * from a verified resource table; anything missing simply reads as `unknown`.
 */
const NETSH_LOCALISED: ReadonlyMap<string, NeighborState> = new Map<string, NeighborState>([
  ['erreichbar', 'reachable'],
  ['veraltet', 'stale'],
  ['nicht erreichbar', 'unreachable'],
  ['unvollständig', 'incomplete'],
  ['accessible', 'reachable'],
  ['obsolète', 'stale'],
  ['inaccessible', 'unreachable'],
  ['incomplet', 'incomplete'],
  ['accesible', 'reachable'],
  ['obsoleto', 'stale'],
  ['no accesible', 'unreachable'],
  ['permanente', 'permanent'],
  ['alcançável', 'reachable'],
  ['inacessível', 'unreachable'],
]);

/** A NUD state by name (any case), or null when the word is not one. */
export function nudState(word: string): NeighborState | null {
  return NUD_NAMES.get(word.trim().toLowerCase()) ?? null;
}

/** MSFT_NetNeighbor.State as a number (0–6) or name; null when it is neither. */
export function netNeighborState(value: number | string): NeighborState | null {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > 255) return null;
    return NL_BY_NUMBER[value] ?? 'unknown';
  }
  const s = value.trim();
  if (/^\d{1,3}$/.test(s)) return netNeighborState(Number(s));
  return nudState(s) ?? (s === '' ? null : 'unknown');
}

/** A netsh `Type` cell (English or localised), `unknown` when unrecognised. */
export function netshState(cell: string): NeighborState {
  const s = cell.trim().toLowerCase();
  return nudState(s) ?? NETSH_LOCALISED.get(s) ?? 'unknown';
}

/**
 * The `Type` word of Windows `arp -a`, which is localised (`dynamisch`, `dynamique`, `dinâmico`,
 * `статический`, `動的`). Matched by stem so unlisted Latin-script languages still work, with one
 * wildcard letter because cmd.exe writes its OEM code page and `dinâmico` often arrives as
 * `din�mico`. `invalid` is what `arp -a` prints for unresolved entries.
 */
export function windowsArpType(word: string): NeighborState {
  const w = word.trim().toLowerCase();
  if (/^(?:dyn|d.n)/.test(w) || w.startsWith('динамич') || w === '動的' || w === '动态' || w === '動態' || w === '동적') return 'dynamic';
  if (/^(?:st.t|est.t|sta[łl])/.test(w) || w.startsWith('статич') || w === '静的' || w === '静态' || w === '靜態' || w === '정적') {
    return 'static';
  }
  if (/^(?:invalid|ungültig|non valide|no válido|inválido|non valido|ongeldig)/.test(w)) return 'incomplete';
  return 'unknown';
}
