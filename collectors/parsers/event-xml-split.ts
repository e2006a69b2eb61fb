/**
 * Cheap looks at event XML text without parsing it: the sniffer, and the positions where
 * top-level `<Event>` elements start (for recovering single events from a broken body).
 */

const SNIFF_WINDOW = 4096;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Whether the character after a tag name ends the name (whitespace, `>` or `/`). */
function endsName(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return isSpace(c) || c === 0x3e || c === 0x2f;
}

/**
 * 0.95 when the text starts (after a BOM, whitespace, an XML declaration and comments) with an
 * `<Event>` or `<Events>` element; 0 otherwise. Looks at the first 4 KB only.
 */
export function sniffEventXml(text: string): number {
  const head = text.length > SNIFF_WINDOW ? text.slice(0, SNIFF_WINDOW) : text;
  let pos = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (pos < head.length && isSpace(head.charCodeAt(pos))) pos++;
    if (head.startsWith('<?', pos)) {
      const end = head.indexOf('?>', pos + 2);
      if (end < 0) return 0;
      pos = end + 2;
    } else if (head.startsWith('<!--', pos)) {
      const end = head.indexOf('-->', pos + 4);
      if (end < 0) return 0;
      pos = end + 3;
    } else {
      break;
    }
  }
  if (head.startsWith('<Events', pos) && endsName(head, pos + 7)) return 0.95;
  if (head.startsWith('<Event', pos) && endsName(head, pos + 6)) return 0.95;
  return 0;
}

/** Offsets of every `<Event` start tag (not `<Events`, `<EventID`, `<EventData`, …), in order. */
export function eventStarts(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('<Event'); i >= 0; i = text.indexOf('<Event', i + 6)) {
    if (endsName(text, i + 6)) out.push(i);
  }
  return out;
}
