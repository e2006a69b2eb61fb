/**
 * JSON the way Windows PowerShell 5.1's ConvertTo-Json writes it: two spaces after the colon, the
 * contents of a nested object/array indented four columns past its opening bracket (which sits
 * where the value starts), and `'`, `<`, `>`, `&` escaped as \u0027, \u003c, \u003e, \u0026. It is
 * still plain JSON; parsers must simply not depend on PowerShell 7's layout.
 */

function str(s: string): string {
  return JSON.stringify(s).replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function render(value: unknown, col: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  const pad = ' '.repeat(col + 4);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    const items = value.map((v) => pad + render(v, col + 4));
    return `[\n${items.join(',\n')}\n${' '.repeat(col)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{ }';
  const lines = entries.map(([k, v]) => {
    const head = `${pad}${str(k)}:  `;
    return head + render(v, head.length);
  });
  return `{\n${lines.join(',\n')}\n${' '.repeat(col)}}`;
}

export function toPs51Json(value: unknown): string {
  return render(value, 0);
}
