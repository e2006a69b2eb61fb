import { describe, expect, it } from 'vitest';
import { child, children, parseXmlDocument, parseXmlFragments, XmlError } from '../../../collectors/parsers/xml.ts';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol9;</lolz>`;

describe('parseXmlFragments: what it accepts', () => {
  it('reads compact single-quoted, namespaced event XML', () => {
    const [ev] = parseXmlFragments(
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='P' Guid='{x}'/><EventID Qualifiers='16390'>33</EventID></System></Event>",
    );
    expect(ev.name).toBe('Event');
    expect(ev.attrs).toEqual({ xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' });
    const sys = child(ev, 'System')!;
    expect(child(sys, 'Provider')!.attrs).toEqual({ Name: 'P', Guid: '{x}' });
    expect(child(sys, 'EventID')).toMatchObject({ text: '33', attrs: { Qualifiers: '16390' } });
  });

  it('returns every top-level element when there is no root, with exact source spans', () => {
    const text = "<?xml version='1.0'?>\n<!-- c --><A x=\"1\"/>\r\n<B><C/></B> <?pi?> <A/>";
    const roots = parseXmlFragments(text);
    expect(roots.map((r) => r.name)).toEqual(['A', 'B', 'A']);
    expect(roots.map((r) => text.slice(r.start, r.end))).toEqual(['<A x="1"/>', '<B><C/></B>', '<A/>']);
  });

  it.each([
    ['predefined entities', '<a>&lt;&gt;&amp;&quot;&apos;</a>', `<>&"'`],
    ['decimal and hex references', '<a>x&#13;&#10;y&#xD;&#xA;&#x1F600;</a>', 'x\r\ny\r\n\u{1F600}'],
    ['references with leading zeros', '<a>&#x0000041;&#000000066;</a>', 'AB'],
    ['CDATA kept verbatim', '<a>1<![CDATA[<b>&amp;</b>]]>2</a>', '1<b>&amp;</b>2'],
    ['comments and PIs skipped inside elements', '<a>1<!-- x --><?p q?>2</a>', '12'],
    ['literal CRLF normalised to LF', '<a>1\r\n2\r3</a>', '1\n2\n3'],
    ['text is not trimmed', '<a>  x  </a>', '  x  '],
  ])('decodes text: %s', (_label, xml, expected) => {
    expect(parseXmlDocument(xml).text).toBe(expected);
  });

  it.each([
    ['double quotes with single inside', `<a v="it's"/>`, "it's"],
    ['single quotes with double inside', `<a v='say "hi"'/>`, 'say "hi"'],
    ['entities in values', `<a v='a&amp;b&#x41;'/>`, 'a&bA'],
    ['literal newline and tab become spaces', "<a v='1\r\n2\t3'/>", '1 2 3'],
    ['spaces around =', `<a v = 'x' />`, 'x'],
  ])('decodes attributes: %s', (_label, xml, expected) => {
    expect(parseXmlDocument(xml).attrs.v).toBe(expected);
  });

  it('gives the local name for prefixed elements and keeps prefixed attributes as written', () => {
    const el = parseXmlDocument("<ns:Root xmlns:ns='u' xmlns:auto-ns2='v'><ns:Item/><Item/></ns:Root>");
    expect(el).toMatchObject({ name: 'Root', qname: 'ns:Root' });
    expect(Object.keys(el.attrs)).toEqual(['xmlns:ns', 'xmlns:auto-ns2']);
    expect(children(el, 'Item').map((c) => c.qname)).toEqual(['ns:Item', 'Item']);
  });

  it('skips a leading BOM and accepts empty input as zero elements', () => {
    expect(parseXmlFragments('\uFEFF<a/>')).toHaveLength(1);
    expect(parseXmlFragments('')).toEqual([]);
    expect(parseXmlFragments(' \r\n ')).toEqual([]);
  });

  it('stores an attribute named __proto__ as data, not as a prototype', () => {
    const el = parseXmlDocument("<a __proto__='x'/>");
    expect(Object.getPrototypeOf(el.attrs)).toBe(Object.prototype);
    expect(el.attrs['__proto__']).toBe('x');
  });
});

describe('parseXmlFragments: what it refuses', () => {
  it.each([
    ['billion laughs', BILLION_LAUGHS, /<!DOCTYPE found: DTDs are not accepted \(entity expansion protection\)/],
    ['external entity', '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', /DTDs are not accepted/],
    ['bare ENTITY', '<!ENTITY x "y"><a/>', /<!ENTITY found: DTDs are not accepted/],
    ['unknown entity', '<a>&nbsp;</a>', /unknown entity &nbsp;/],
    ['unknown entity in attribute', "<a v='&x;'/>", /unknown entity &x;/],
    ['bare ampersand', '<a>fish & chips</a>', /'&' is not followed by a valid reference/],
    ['NUL character reference', '<a>&#0;</a>', /&#0; is not a valid XML character/],
    ['surrogate reference', '<a>&#xD800;</a>', /&#xD800; is not a valid XML character/],
    ['out-of-range reference', '<a>&#x110000;</a>', /not a valid XML character/],
    ['unclosed element', '<a><b></b>', /element <a> opened at offset 0 is not closed/],
    ['mismatched end tag', '<a><b></a>', /end tag <\/a> does not match <b> opened at offset 3/],
    ['stray end tag', '</a>', /has no matching start tag/],
    ['unquoted attribute', '<a v=1/>', /value of attribute v is not quoted/],
    ['unterminated attribute', "<a v='1/>", /value of attribute v is not closed/],
    ['duplicate attribute', "<a v='1' v='2'/>", /duplicate attribute v/],
    ['< inside attribute', "<a v='<'/>", /'<' inside the value of attribute v/],
    ['text outside elements', '<a/>junk', /text outside any element/],
    ['unterminated comment', '<a/><!-- x', /comment is not closed/],
    ['CDATA at top level', '<![CDATA[x]]>', /CDATA section outside any element/],
    ['truncated start tag', "<a v='1'", /start tag <a> is not closed/],
    ['not a name after <', '< a/>', /'<' is not followed by an element name/],
  ])('%s', (_label, xml, message) => {
    expect(() => parseXmlFragments(xml)).toThrow(XmlError);
    expect(() => parseXmlFragments(xml)).toThrow(message);
  });

  it.each([
    ['<!DOCTYPE x><a/>', 'forbidden'],
    ['<a>&nbsp;</a>', 'forbidden'],
    ['<a>&#0;</a>', 'malformed'],
    ['<a>', 'malformed'],
    ['<a><a></a></a>', 'limit'],
  ])('classifies %s as %s', (xml, code) => {
    expect(() => parseXmlFragments(xml, { maxDepth: 1 })).toThrow(expect.objectContaining({ code }));
  });

  it('reports the offset of the problem on the error', () => {
    try {
      parseXmlFragments('<a>ok</a><b>&bad;</b>');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(XmlError);
      expect((err as XmlError).offset).toBe(12);
      expect((err as XmlError).message).toContain('at offset 12');
    }
  });

  it('rejects a billion-laughs payload in well under 10 ms', () => {
    const t0 = performance.now();
    expect(() => parseXmlFragments(BILLION_LAUGHS)).toThrow(XmlError);
    expect(performance.now() - t0).toBeLessThan(10);
  });

  it('enforces the depth limit (64 by default, configurable)', () => {
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(() => parseXmlFragments(nest(64))).not.toThrow();
    expect(() => parseXmlFragments(nest(65))).toThrow(/nested deeper than 64 levels/);
    expect(() => parseXmlFragments(nest(100_000))).toThrow(/nested deeper than 64 levels/);
    expect(() => parseXmlFragments(nest(5), { maxDepth: 4 })).toThrow(/deeper than 4/);
  });

  it('enforces the node limit', () => {
    expect(() => parseXmlFragments('<a/>'.repeat(11), { maxNodes: 10 })).toThrow(/more than 10 elements/);
  });

  it('reads a 10 MB attribute value in linear time', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const t0 = performance.now();
    expect(parseXmlDocument(`<a v='${big}'/>`).attrs.v.length).toBe(big.length);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('fails fast on a 10 MB unterminated attribute value', () => {
    expect(() => parseXmlFragments(`<a v='${'x'.repeat(10 * 1024 * 1024)}`)).toThrow(/not closed/);
  });
});

describe('parseXmlDocument', () => {
  it('requires exactly one root', () => {
    expect(() => parseXmlDocument('<a/><b/>')).toThrow(/expected one root element, found 2/);
    expect(() => parseXmlDocument('<!-- only -->')).toThrow(/found 0/);
  });
});
