import { describe, expect, it } from 'vitest';
import { parseEvtx } from '../../../collectors/parsers/evtx.ts';
import type { ParseContext, ParseResult } from '../../../collectors/parsers/types.ts';
import type { EventObservation } from '../../../server/model/observation.ts';
import { parseXmlDocument } from '../../../collectors/parsers/xml.ts';
import { ChunkWriter, evtxFile, filetimeOf, systemEvent, v, type Writer } from '../../fixtures/evtx/builder.ts';

const ctx: ParseContext = { receivedAt: Date.parse('2024-05-14T12:34:56Z') };
const T = filetimeOf('2024-05-01T10:00:00.123Z', 4567);
const SYS = { provider: 'Microsoft-Windows-Hyper-V-VMMS', eventId: 18500, level: 4, time: T, recordId: 1, channel: 'Microsoft-Windows-Hyper-V-VMMS-Admin', computer: 'HV-07' };

function synth(body: (w: Writer) => void): ParseResult {
  return parseEvtx(evtxFile([new ChunkWriter().record(1, T, body).finish()]), ctx);
}
function one(body: (w: Writer) => void): EventObservation {
  const r = synth(body);
  expect(r.rejects).toEqual([]);
  return r.observations[0] as EventObservation;
}
/** A payload fragment written literally (no template), as a BinXML value. */
const literal = (content: (w: Writer) => void) => v.xml(content);

describe('evtx: BinXML tokens', () => {
  it('reads UserData (Hyper-V VmlEventLog) by child element name, namespace attributes kept', () => {
    const e = one((w) =>
      systemEvent(w, SYS, v.xml((x) =>
        x.template('vml', (t) => {
          t.el('UserData', [], (u) =>
            u.el('VmlEventLog', [['xmlns:auto-ns2', (a) => a.text('http://schemas.microsoft.com/win/2004/08/events')], ['xmlns', (a) => a.text('http://www.microsoft.com/Windows/Virtualization/Events')]], (l) => {
              l.el('VmName', [], (c) => c.sub(0, 0x01));
              l.el('VmId', [], (c) => c.sub(1, 0x01));
            }),
          );
        }, [v.str('app01'), v.str('E0D09432-A320-44CC-8A12-E1300549B99D')]),
      )),
    );
    expect([e.userDataName, e.data, e.params]).toEqual(['VmlEventLog', { VmName: 'app01', VmId: 'E0D09432-A320-44CC-8A12-E1300549B99D' }, ['app01', 'E0D09432-A320-44CC-8A12-E1300549B99D']]);
    expect(e.raw).toContain("<UserData><VmlEventLog xmlns:auto-ns2='http://schemas.microsoft.com/win/2004/08/events' xmlns='http://www.microsoft.com/Windows/Virtualization/Events'><VmName>app01</VmName>");
  });

  it('decodes character references, entity references and CDATA into the value, and escapes them in raw', () => {
    const e = one((w) =>
      systemEvent(w, SYS, literal((x) =>
        x.el('EventData', [], (d) => d.el('Data', [['Name', (a) => a.text("it's")]], (c) => c.text('a').charRef(0x26).entity('lt').cdata('<b>'))),
      )),
    );
    expect(e.data).toEqual({ "it's": 'a&<<b>' });
    expect(e.raw).toContain("<Data Name='it&apos;s'>a&amp;&lt;&lt;b&gt;</Data>");
  });

  it('writes a processing instruction through and keeps line breaks re-readable', () => {
    const e = one((w) =>
      systemEvent(w, SYS, literal((x) =>
        x.el('EventData', [], (d) => {
          d.pi('xml-stylesheet', 'href="a"');
          d.el('Data', [], (c) => c.text('line 1\r\nline 2'));
        }),
      )),
    );
    expect(e.params).toEqual(['line 1\r\nline 2']);
    expect(e.raw).toContain('<EventData><?xml-stylesheet href="a"?><Data>line 1&#13;\nline 2</Data>');
    expect(parseXmlDocument(e.raw).name).toBe('Event');
  });

  it('reads an event written without a template (elements directly in the record)', () => {
    const e = one((w) =>
      w.fragment().el('Event', [], (ev) =>
        ev.el('System', [], (s) => {
          s.el('Provider', [['Name', (a) => a.text('Direct')]], null);
          s.el('EventID', [], (c) => c.text('7'));
          s.el('Computer', [], (c) => c.text('HV-08'));
        }),
      ).eof(),
    );
    expect([e.provider, e.eventId, e.host, e.level]).toEqual(['Direct', 7, 'HV-08', 0]);
    // No TimeCreated: the record header's FILETIME is the event's time.
    expect([e.time, e.ticks]).toEqual([Date.parse('2024-05-01T10:00:00.123Z'), 4567]);
  });

  it('reuses a template definition cached earlier in the chunk', () => {
    const c = new ChunkWriter();
    for (let i = 1; i <= 3; i++) c.record(i, T, (w) => systemEvent(w, { ...SYS, recordId: i, eventId: 18500 + i }, null));
    const r = parseEvtx(evtxFile([c.finish()]), ctx);
    expect(r.observations.map((o) => (o as EventObservation).eventId)).toEqual([18501, 18502, 18503]);
  });

  it('rejects a record that is not an event, naming what is missing', () => {
    const r = synth((w) => w.fragment().el('NotAnEvent', [], null).eof());
    expect(r.rejects).toEqual([{ index: 0, reason: expect.stringMatching(/record 1 .*no <Event> element/) }]);
    const noId = synth((w) => w.fragment().el('Event', [], (e) => e.el('System', [], (s) => s.el('Computer', [], (c) => c.text('x')))).eof());
    expect(noId.rejects[0].reason).toMatch(/EventID is missing/);
  });
});
