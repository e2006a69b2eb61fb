/**
 * Table export. A table is described once by its columns; the same columns render the HTML table
 * and write the CSV, so the CSV rows are exactly the rows on screen.
 */

export interface Column<T> {
  header: string;
  value: (row: T) => string;
}

/**
 * One RFC 4180 field: quoted when it holds a quote, comma, CR/LF or edge whitespace, quotes
 * doubled. A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` followed by
 * something that is not a number) gets a leading `'` — data from hosts and switches is hostile.
 */
export function csvField(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v)) v = `'${v}`;
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(c.value(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toJson<T>(rows: T[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

/** Starts a client-side download of `text` (no server round trip). */
export function download(filename: string, text: string, type: string): void {
  // A BOM makes spreadsheet programs read the CSV as UTF-8.
  const blob = new Blob([type.startsWith('text/csv') ? '\uFEFF' + text : text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.dataset.native = '';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
