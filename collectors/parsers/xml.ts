/**
 * A small, safe XML reader for the XML our inputs use (Windows event XML, Juniper RPC replies).
 * Safe means: no DTD processing at all (a document with `<!DOCTYPE` or `<!ENTITY` is refused),
 * only the five predefined entities and numeric character references are decoded, any other
 * `&name;` is an error, and depth/node limits bound the work. It never fetches anything.
 *
 * It is a single forward scan with an explicit stack (no recursion, no regular expressions over
 * the input), so its cost is linear in the input length whatever the input contains. Literal
 * characters are not validated against XML's Char production (Windows writes stray control
 * characters into event data and we would rather keep the event); character references are.
 * Line endings in text are normalised to `\n` and whitespace in attribute values to spaces, as
 * XML 1.0 requires; characters produced by references (`&#13;&#10;`) are kept as written.
 */
export interface XmlElement {
  /** Local name without namespace prefix (`Event`, `Data`). */
  name: string;
  /** Name as written, with prefix if any. */
  qname: string;
  /** Attributes by name as written (`Name`, `xmlns`, `xmlns:auto-ns2`), values decoded. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content (entities decoded, CDATA included), not trimmed. */
  text: string;
  /**
   * Offsets of the element in the parsed text: `start` at its `<`, `end` just after its closing
   * `>`, so `text.slice(start, end)` is the element exactly as received. Always set by the reader.
   */
  start?: number;
  end?: number;
}

/**
 * Why the reader refused the input: `forbidden` for constructs refused on principle (DTDs,
 * entities other than the predefined five), `limit` when a depth/node limit was reached,
 * `malformed` for everything else.
 */
export type XmlErrorCode = 'malformed' | 'forbidden' | 'limit';

export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: XmlErrorCode = 'malformed',
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlLimits {
  maxDepth?: number;
  maxNodes?: number;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_NODES = 2_000_000;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQ = 0x3d;
const COLON = 0x3a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** Character classes for ASCII: bit 1 = may start a name, bit 2 = may continue a name. */
const NAME_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_CLASS[c] = 3;
  else if (/[0-9.-]/.test(ch)) NAME_CLASS[c] = 2;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function fail(message: string, offset: number, code: XmlErrorCode = 'malformed'): never {
  throw new XmlError(`${message} (at offset ${offset})`, offset, code);
}

/** Whether `c` (a code point) is allowed by XML 1.0's Char production. */
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)
  );
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Longest reference we accept between `&` and `;` (`#x` and 8 hex digits; names are at most 4). */
const MAX_REF = 10;

/**
 * Decodes references in `raw`, which starts at `offset` in the document (for error positions).
 * Only the five predefined entities and valid numeric references are accepted.
 */
function decodeRefs(raw: string, offset: number): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    out += raw.slice(from, amp);
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp - 1 > MAX_REF || semi === amp + 1) {
      fail("'&' is not followed by a valid reference; write it as &amp;", offset + amp);
    }
    const ref = raw.slice(amp + 1, semi);
    if (ref.charCodeAt(0) === 0x23) {
      const hex = ref.charCodeAt(1) === 0x78;
      const digits = ref.slice(hex ? 2 : 1);
      const valid = hex ? /^[0-9A-Fa-f]{1,8}$/.test(digits) : /^[0-9]{1,9}$/.test(digits);
      const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!valid || !isXmlChar(code)) fail(`character reference &${ref}; is not a valid XML character`, offset + amp);
      out += String.fromCodePoint(code);
    } else {
      const value = Object.prototype.hasOwnProperty.call(PREDEFINED, ref) ? PREDEFINED[ref] : undefined;
      if (value === undefined) {
        fail(`unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and numeric references are accepted)`, offset + amp, 'forbidden');
      }
      out += value;
    }
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

function decodeText(raw: string, offset: number): string {
  const normalized = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  // After CRLF normalisation a reported reference position can be early by the number of CRLF
  // pairs before it in this segment; exact enough to find the problem.
  return decodeRefs(normalized, offset);
}

function decodeAttr(raw: string, offset: number): string {
  let s = raw;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x09) {
      s = s.replace(/\r\n|[\r\n\t]/g, ' ');
      break;
    }
  }
  return decodeRefs(s, offset);
}

/** Sets `key` on a plain object even when it is `__proto__`, without touching the prototype. */
export function setOwn(obj: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

const DTD_KEYWORDS = ['DOCTYPE', 'ENTITY', 'ELEMENT', 'ATTLIST', 'NOTATION'];

/**
 * Parses a sequence of top-level elements (0..n), allowing an XML declaration, comments,
 * processing instructions and whitespace between them: `wevtutil qe /f:xml` prints `<Event>`s
 * with no root. Throws XmlError on malformed input, DTDs or unknown entities.
 */
export function parseXmlFragments(text: string, limits?: XmlLimits): XmlElement[] {
  const maxDepth = limits?.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxNodes = limits?.maxNodes ?? DEFAULT_MAX_NODES;
  const len = text.length;
  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let nodes = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  while (pos < len) {
    const lt = text.indexOf('<', pos);
    const stop = lt < 0 ? len : lt;
    if (stop > pos) {
      if (stack.length > 0) {
        stack[stack.length - 1].text += decodeText(text.slice(pos, stop), pos);
      } else {
        for (let i = pos; i < stop; i++) {
          if (!isSpace(text.charCodeAt(i))) fail('text outside any element', i);
        }
      }
    }
    if (lt < 0) break;
    pos = lt + 1;
    const c1 = text.charCodeAt(pos);

    if (c1 === SLASH) {
      // End tag.
      pos++;
      const nameStart = pos;
      while (pos < len) {
        const c = text.charCodeAt(pos);
        if (c === GT || isSpace(c)) break;
        pos++;
      }
      const qname = text.slice(nameStart, pos);
      while (pos < len && isSpace(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) !== GT) fail(`end tag </${qname.slice(0, 64)}> is not closed with '>'`, lt);
      pos++;
      const open = stack.pop();
      if (!open) fail(`end tag </${qname.slice(0, 64)}> has no matching start tag`, lt);
      if (open.qname !== qname) {
        fail(`end tag </${qname.slice(0, 64)}> does not match <${open.qname}> opened at offset ${open.start}`, lt);
      }
      open.end = pos;
      continue;
    }

    if (c1 === BANG) {
      if (text.startsWith('--', pos + 1)) {
        const close = text.indexOf('-->', pos + 3);
        if (close < 0) fail('comment is not closed with -->', lt);
        pos = close + 3;
        continue;
      }
      if (text.startsWith('[CDATA[', pos + 1)) {
        if (stack.length === 0) fail('CDATA section outside any element', lt);
        const close = text.indexOf(']]>', pos + 8);
        if (close < 0) fail('CDATA section is not closed with ]]>', lt);
        const raw = text.slice(pos + 8, close);
        stack[stack.length - 1].text += raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
        pos = close + 3;
        continue;
      }
      for (const kw of DTD_KEYWORDS) {
        if (text.startsWith(kw, pos + 1)) fail(`<!${kw} found: DTDs are not accepted (entity expansion protection)`, lt, 'forbidden');
      }
      fail('unexpected markup after <! (only comments and CDATA are accepted)', lt);
    }

    if (c1 === QUESTION) {
      const close = text.indexOf('?>', pos + 1);
      if (close < 0) fail('processing instruction is not closed with ?>', lt);
      pos = close + 2;
      continue;
    }

    // Start tag: name, attributes, then '>' or '/>'.
    const nameStart = pos;
    let colon = -1;
    {
      const c = text.charCodeAt(pos);
      const startsName = c < 128 ? (NAME_CLASS[c] & 1) !== 0 : c >= 128;
      if (!startsName) fail("'<' is not followed by an element name", lt);
    }
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c < 128) {
        if (!(NAME_CLASS[c] & 2)) break;
        if (c === COLON && colon < 0) colon = pos;
      }
      pos++;
    }
    const qname = text.slice(nameStart, pos);
    const el: XmlElement = {
      name: colon < 0 ? qname : text.slice(colon + 1, pos),
      qname,
      attrs: {},
      children: [],
      text: '',
      start: lt,
      end: -1,
    };
    if (++nodes > maxNodes) fail(`more than ${maxNodes} elements`, lt, 'limit');
    if (stack.length >= maxDepth) fail(`elements nested deeper than ${maxDepth} levels`, lt, 'limit');

    let selfClosing = false;
    for (;;) {
      const before = pos;
      while (pos < len && isSpace(text.charCodeAt(pos))) pos++;
      const c = text.charCodeAt(pos);
      if (c === GT) {
        pos++;
        break;
      }
      if (c === SLASH) {
        if (text.charCodeAt(pos + 1) !== GT) fail(`'/' in start tag <${qname}> is not followed by '>'`, pos);
        pos += 2;
        selfClosing = true;
        break;
      }
      if (pos >= len) fail(`start tag <${qname}> is not closed`, lt);
      if (pos === before) fail(`attributes of <${qname}> must be separated by whitespace`, pos);
      const attrStart = pos;
      if (!(c < 128 ? NAME_CLASS[c] & 1 : true)) fail(`unexpected character in start tag <${qname}>`, pos);
      while (pos < len) {
        const a = text.charCodeAt(pos);
        if (a < 128 && !(NAME_CLASS[a] & 2)) break;
        pos++;
      }
      const attrName = text.slice(attrStart, pos);
      while (pos < len && isSpace(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) !== EQ) fail(`attribute ${attrName.slice(0, 64)} of <${qname}> has no '=value'`, pos);
      pos++;
      while (pos < len && isSpace(text.charCodeAt(pos))) pos++;
      const quote = text.charCodeAt(pos);
      if (quote !== DQUOTE && quote !== SQUOTE) fail(`value of attribute ${attrName.slice(0, 64)} is not quoted`, pos);
      const close = text.indexOf(quote === DQUOTE ? '"' : "'", pos + 1);
      if (close < 0) fail(`value of attribute ${attrName.slice(0, 64)} is not closed`, pos);
      const raw = text.slice(pos + 1, close);
      const rawLt = raw.indexOf('<');
      if (rawLt >= 0) fail(`'<' inside the value of attribute ${attrName.slice(0, 64)}`, pos + 1 + rawLt);
      if (hasOwn(el.attrs, attrName)) fail(`duplicate attribute ${attrName.slice(0, 64)} on <${qname}>`, attrStart);
      setOwn(el.attrs, attrName, decodeAttr(raw, pos + 1));
      pos = close + 1;
    }

    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else roots.push(el);
    if (selfClosing) el.end = pos;
    else stack.push(el);
  }

  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    fail(`element <${open.qname}> opened at offset ${open.start} is not closed before the end of the input`, len);
  }
  return roots;
}

/** Parses exactly one root element. */
export function parseXmlDocument(text: string, limits?: XmlLimits): XmlElement {
  const roots = parseXmlFragments(text, limits);
  if (roots.length !== 1) throw new XmlError(`expected one root element, found ${roots.length}`, 0);
  return roots[0];
}

/** First child with local name `name`. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** All children with local name `name`. */
export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
