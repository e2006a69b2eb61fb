/**
 * The per-file summary `teamwatch import` prints: one row per file and a total. Plain text with
 * aligned columns so it reads in a terminal and survives being pasted into a ticket.
 */
import type { IngestReject } from '../../server/contract.ts';

export interface FileSummary {
  file: string;
  format: string;
  accepted: number;
  duplicates: number;
  late: number;
  rejected: IngestReject[];
  /** Set when the file (or some of its chunks) could not be posted: the failure sentence. */
  error: string | null;
  /** Number of bodies the file was posted as (1 unless it was split). */
  chunks: number;
}

const MAX_NOTE = 100;

/** `line 3: reason`, `events[2]: reason`, `inventory.vms: reason`. */
export function rejectLabel(r: IngestReject): string {
  const where = r.part ? (r.index !== undefined ? `${r.part}[${r.index}]` : r.part) : r.line !== undefined ? `line ${r.line}` : r.index !== undefined ? `#${r.index}` : '';
  return where ? `${where}: ${r.reason}` : r.reason;
}

function note(s: FileSummary): string {
  const parts: string[] = [];
  if (s.error) parts.push(`error: ${s.error}`);
  parts.push(...s.rejected.slice(0, 2).map(rejectLabel));
  if (s.rejected.length > 2) parts.push(`… ${s.rejected.length - 2} more`);
  const text = parts.join('; ');
  return text.length > MAX_NOTE ? `${text.slice(0, MAX_NOTE - 1)}…` : text;
}

export function renderSummary(rows: readonly FileSummary[]): string {
  const header = ['file', 'format', 'accepted', 'duplicates', 'rejected', 'first reject reasons'];
  const body = rows.map((s) => [
    s.chunks > 1 ? `${s.file} (${s.chunks} parts)` : s.file,
    s.format,
    String(s.accepted),
    String(s.duplicates),
    String(s.rejected.length),
    note(s),
  ]);
  const total = (k: 'accepted' | 'duplicates') => rows.reduce((n, s) => n + s[k], 0);
  const failed = rows.filter(isFailed).length;
  body.push([
    `total: ${rows.length} file${rows.length === 1 ? '' : 's'}`,
    '',
    String(total('accepted')),
    String(total('duplicates')),
    String(rows.reduce((n, s) => n + s.rejected.length, 0)),
    failed > 0 ? `${failed} failed entirely` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const numeric = [false, false, true, true, true, false];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return `${[line(header), rule, ...body.slice(0, -1).map(line), rule, line(body[body.length - 1])].join('\n')}\n`;
}

/**
 * A file failed entirely when nothing of it reached the store: it could not be posted at all, or
 * every record was rejected. Duplicates count as accepted (they were stored by an earlier import),
 * and an empty answer with no rejects is not a failure.
 */
export function isFailed(s: FileSummary): boolean {
  if (s.accepted + s.duplicates + s.late > 0) return false;
  return s.error !== null || s.rejected.length > 0;
}
