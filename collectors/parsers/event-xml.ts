/**
 * Windows event XML: `wevtutil qe /f:xml` (compact, single-quoted, events concatenated with no
 * root), `/e:Events` (wrapped in `<Events>`), `/f:RenderedXml` (adds `RenderingInfo`),
 * `EventRecord.ToXml()` (one event), and Event Viewer's pretty-printed, double-quoted export,
 * with or without an XML declaration. See docs/domain.md §2.1.
 *
 * One event that is unusable (no EventID, unparseable time, non-numeric level, or — in a body of
 * concatenated events — malformed XML of its own) is rejected with its 0-based `index` among the
 * events, and the others are kept. A body that is not XML at all, or is broken beyond recovering
 * single events, is a ParseError('unparseable'); a DTD or an undeclared entity anywhere is a
 * ParseError('xml_forbidden').
 */
import type { EventObservation } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Parser, Reject } from './types.ts';
import { ParseError } from './types.ts';
import { child, parseXmlDocument, parseXmlFragments, XmlError, type XmlElement } from './xml.ts';
import {
  addData,
  buildEvent,
  EventFieldError,
  keywordsFromHex,
  optionalInt,
  reasonOf,
  requireEventId,
  requireLevel,
  requireTime,
} from './event-build.ts';
import { eventStarts, sniffEventXml } from './event-xml-split.ts';

/**
 * A payload value as written. A whitespace-only value spanning lines is how pretty-printers
 * render an empty element over two lines, so it counts as empty; other whitespace is kept.
 */
function valueOf(el: XmlElement): string {
  const t = el.text;
  if (t.length > 0 && t.trim() === '' && t.includes('\n')) return '';
  return t;
}

function scalar(el: XmlElement): string {
  return el.text.trim();
}

/** Builds one observation from a parsed `<Event>` element; `raw` is its text as received. */
export function eventFromElement(ev: XmlElement, raw: string, ctx: ParseContext): EventObservation {
  if (ev.name !== 'Event') throw new EventFieldError(`<${ev.qname}> is not an <Event> element`);
  const sys = child(ev, 'System');
  if (!sys) throw new EventFieldError('<System> is missing');

  let provider = '';
  let providerGuid: string | null = null;
  let eventIdText: string | undefined;
  let qualifiers: number | null = null;
  let version: number | null = null;
  let levelText: string | undefined;
  let task: number | null = null;
  let opcode: number | null = null;
  let keywords: string | null = null;
  let timeText: string | undefined;
  let recordId: number | null = null;
  let channel = '';
  let computer = '';
  for (const c of sys.children) {
    switch (c.name) {
      case 'Provider':
        provider = c.attrs.Name ?? c.attrs.EventSourceName ?? '';
        providerGuid = c.attrs.Guid ?? null;
        break;
      case 'EventID':
        eventIdText = scalar(c);
        qualifiers = optionalInt(c.attrs.Qualifiers);
        break;
      case 'Version':
        version = optionalInt(scalar(c));
        break;
      case 'Level':
        levelText = scalar(c);
        break;
      case 'Task':
        task = optionalInt(scalar(c));
        break;
      case 'Opcode':
        opcode = optionalInt(scalar(c));
        break;
      case 'Keywords':
        keywords = keywordsFromHex(scalar(c));
        break;
      case 'TimeCreated':
        timeText = c.attrs.SystemTime;
        break;
      case 'EventRecordID':
        recordId = optionalInt(scalar(c));
        break;
      case 'Channel':
        channel = scalar(c);
        break;
      case 'Computer':
        computer = scalar(c);
        break;
    }
  }
  const eventId = requireEventId(eventIdText, 'EventID');
  const time = requireTime(timeText, 'TimeCreated SystemTime');
  const level = requireLevel(levelText, 'Level');

  const data: Record<string, string> = {};
  const params: string[] = [];
  let userDataName: string | null = null;
  let binary: string | null = null;
  let message: string | null = null;
  for (const part of ev.children) {
    if (part.name === 'EventData') {
      let position = 0;
      for (const d of part.children) {
        if (d.name === 'Data') {
          position++;
          const name = d.attrs.Name;
          addData(data, params, name !== undefined && name !== '' ? name : `param${position}`, valueOf(d));
        } else if (d.name === 'Binary') {
          binary = scalar(d);
        }
      }
    } else if (part.name === 'UserData') {
      const body = part.children[0];
      if (body) {
        userDataName = body.name;
        for (const d of body.children) addData(data, params, d.name, valueOf(d));
      }
    } else if (part.name === 'RenderingInfo') {
      const m = child(part, 'Message');
      if (m) message = m.text;
    }
  }

  return buildEvent(
    {
      provider,
      providerGuid,
      eventId,
      qualifiers,
      version,
      level,
      task,
      opcode,
      keywords,
      time,
      recordId,
      channel,
      computer,
      message,
      data,
      params,
      userDataName,
      binary,
      raw,
    },
    ctx,
  );
}

function xmlParseError(err: XmlError, what: string): ParseError {
  if (err.code === 'forbidden') return new ParseError('xml_forbidden', `${what} uses a forbidden XML construct: ${err.message}.`);
  return new ParseError('unparseable', `${what} is not well-formed XML: ${err.message}.`);
}

/**
 * One event's XML (as the host bundle carries `EventRecord.ToXml()` strings) → observation.
 * Throws ParseError: `xml_forbidden` (DTD/entity), `unparseable` (not well-formed XML) or
 * `invalid_event` (well-formed but not a usable event), each with the precise reason.
 */
export function eventFromXml(xml: string, ctx: ParseContext): EventObservation {
  let root: XmlElement;
  try {
    root = parseXmlDocument(xml);
  } catch (err) {
    if (err instanceof XmlError) throw xmlParseError(err, 'The event');
    throw err;
  }
  try {
    return eventFromElement(root, xml, ctx);
  } catch (err) {
    throw new ParseError('invalid_event', `The event is not usable: ${reasonOf(err)}.`);
  }
}

/** The `<Event>` elements of a parsed body, in order: top-level ones and those inside `<Events>`. */
function collectEvents(roots: XmlElement[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const r of roots) {
    if (r.name === 'Events') out.push(...r.children);
    else out.push(r);
  }
  return out;
}

function parseWhole(text: string, ctx: ParseContext, roots: XmlElement[]): ParseResult {
  const elements = collectEvents(roots);
  if (elements.length > 0 && !elements.some((e) => e.name === 'Event')) {
    throw new ParseError('unparseable', `The XML holds no <Event> elements (found <${elements[0].qname}>).`);
  }
  const observations: EventObservation[] = [];
  const rejects: Reject[] = [];
  elements.forEach((el, index) => {
    try {
      observations.push(eventFromElement(el, text.slice(el.start ?? 0, el.end ?? text.length), ctx));
    } catch (err) {
      rejects.push({ index, reason: reasonOf(err) });
    }
  });
  return { observations, rejects };
}

/**
 * Recovery for a body that is not well-formed as a whole: each `<Event>` is parsed on its own,
 * so one truncated or corrupted event costs only itself. Gives up (returns null) when no event
 * could be read, so that a body broken throughout is reported as unparseable.
 */
function parseEachEvent(text: string, ctx: ParseContext): ParseResult | null {
  // A DTD later in a body that broke earlier must still be refused, not skipped over.
  if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY')) {
    throw new ParseError('xml_forbidden', 'The body contains a DTD: DTDs are not accepted (entity expansion protection).');
  }
  const starts = eventStarts(text);
  const observations: EventObservation[] = [];
  const rejects: Reject[] = [];
  starts.forEach((start, index) => {
    const stop = index + 1 < starts.length ? starts[index + 1] : text.length;
    let chunk = text.slice(start, stop);
    const close = chunk.lastIndexOf('</Event>');
    if (close >= 0) chunk = chunk.slice(0, close + '</Event>'.length);
    try {
      observations.push(eventFromElement(parseXmlDocument(chunk), chunk, ctx));
    } catch (err) {
      if (err instanceof XmlError) {
        if (err.code === 'forbidden') throw xmlParseError(err, `Event ${index}`);
        rejects.push({ index, reason: `event is not well-formed XML: ${err.message}` });
      } else {
        rejects.push({ index, reason: reasonOf(err) });
      }
    }
  });
  return observations.length > 0 ? { observations, rejects } : null;
}

export const parser: Parser = {
  id: 'event-xml',
  description: 'Windows event XML: wevtutil qe /f:xml or /f:RenderedXml, EventRecord.ToXml(), Event Viewer XML export',
  sniff: sniffEventXml,
  parse(text: string, ctx: ParseContext): ParseResult {
    let roots: XmlElement[];
    try {
      roots = parseXmlFragments(text);
    } catch (err) {
      if (!(err instanceof XmlError)) throw err;
      if (err.code !== 'malformed') throw xmlParseError(err, 'The body');
      const recovered = parseEachEvent(text, ctx);
      if (!recovered) throw xmlParseError(err, 'The body');
      return recovered;
    }
    if (roots.length === 0) throw new ParseError('unparseable', 'The body holds no XML elements.');
    return parseWhole(text, ctx, roots);
  },
};
