import { describe, expect, it } from 'vitest';
import { isEvtx, parseEvtx, splitEvtx } from '../../../collectors/parsers/evtx.ts';
import { ParseError, type ParseContext } from '../../../collectors/parsers/types.ts';
import type { EventObservation } from '../../../server/model/observation.ts';
import { parseXmlDocument } from '../../../collectors/parsers/xml.ts';
import { readExternal } from '../../helpers/fixtures.ts';
import { ChunkWriter, evtxFile, filetimeOf, systemEvent, v, type Writer } from '../../fixtures/evtx/builder.ts';

const ctx: ParseContext = { receivedAt: Date.parse('2024-05-14T12:34:56Z') };
const T = filetimeOf('2024-05-01T10:00:00Z');
const SYS = { provider: 'Microsoft-Windows-MsLbfoSysEvtProvider', eventId: 16949, level: 3, time: T, recordId: 1, channel: 'System', computer: 'HV-07' };
const good = (id: number) => (w: Writer) => systemEvent(w, { ...SYS, recordId: id }, null);

/** Two chunks of three good records each; `damage` edits the file bytes (chunk 0 at 4096). */
function damaged(damage: (file: Uint8Array, dv: DataView, records: number[]) => void, middle: (w: Writer) => void = good(2)) {
  const a = new ChunkWriter().record(1, T, good(1)).record(2, T, middle).record(3, T, good(3));
  const b = new ChunkWriter().record(4, T, good(4)).record(5, T, good(5)).record(6, T, good(6));
  const file = evtxFile([a.finish(), b.finish()]);
  damage(file, new DataView(file.buffer), a.records.map((off) => 4096 + off));
  return parseEvtx(file, ctx);
}
const ids = (r: { observations: unknown[] }) => (r.observations as EventObservation[]).map((e) => e.recordId);

describe('evtx: what is not EVTX', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['event XML text', new TextEncoder().encode("<Event xmlns='x'/>")],
    ['a bare chunk', new TextEncoder().encode('ElfChnk\0')],
  ])('refuses %s as unparseable', (_, buf) => {
    expect(isEvtx(buf)).toBe(false);
    expect(() => parseEvtx(buf, ctx)).toThrow(ParseError);
    try {
      parseEvtx(buf, ctx);
    } catch (err) {
      expect((err as ParseError).code).toBe('unparseable');
    }
  });
});

describe('evtx: damaged files keep every good record', () => {
  it('tolerates a dirty header (VSS copy): wrong chunk count, dirty flag, bad checksum', () => {
    const file = Uint8Array.from(readExternal('omerbenamram-evtx/samples/system.evtx'));
    const dv = new DataView(file.buffer);
    dv.setUint16(42, 1, true);
    dv.setUint32(120, 1, true);
    dv.setUint32(124, 0xdeadbeef, true);
    expect(parseEvtx(file, ctx).observations).toHaveLength(1881);
  });

  it('reads a file cut in the middle of a chunk up to the cut', () => {
    const full = readExternal('omerbenamram-evtx/samples/system.evtx');
    const r = parseEvtx(full.subarray(0, 4096 + 65536 + 30000), ctx);
    expect(r.observations.length).toBeGreaterThan(100);
    expect(r.rejects.length).toBeLessThanOrEqual(1);
  });

  it('skips the rest of a chunk after a record with a bad signature, then goes on', () => {
    const r = damaged((file, _dv, rec) => file.set([0x41, 0x41], rec[1]));
    expect(ids(r)).toEqual([1, 4, 5, 6]);
    expect(r.rejects).toEqual([{ index: 1, reason: expect.stringMatching(/bad record signature/) }]);
  });

  it.each([
    ['size 0', 0],
    ['a size past the chunk', 70000],
  ])('rejects a record with %s', (_, size) => {
    const r = damaged((_file, dv, rec) => dv.setUint32(rec[1] + 4, size, true));
    expect(ids(r)).toEqual([1, 4, 5, 6]);
    expect(r.rejects).toEqual([{ index: 1, reason: expect.stringMatching(new RegExp(`has size ${size}`)) }]);
  });

  it('rejects a record whose trailing size copy differs and continues with the next one', () => {
    const r = damaged((_file, dv, rec) => dv.setUint32(rec[2] - 4, 12345, true));
    expect(ids(r)).toEqual([1, 3, 4, 5, 6]);
    expect(r.rejects).toEqual([{ index: 1, reason: expect.stringMatching(/record 2 .*trailing size copy 12345/) }]);
  });

  it('rejects a template offset outside the chunk', () => {
    // Record 2 uses the definition record 1 wrote; point its template instance past the chunk.
    const r = damaged((_file, dv, rec) => dv.setUint32(rec[1] + 24 + 4 + 6, 70000, true));
    expect(ids(r)).toEqual([1, 3, 4, 5, 6]);
    expect(r.rejects[0].reason).toMatch(/template definition offset 70000 is outside the chunk/);
  });

  it('rejects a string whose length runs past the record', () => {
    const middle = (w: Writer) => systemEvent(w, { ...SYS, recordId: 2 }, v.xml((x) => x.el('EventData', [], (d) => d.text('x'.repeat(8)))));
    const r = damaged((file, _dv, rec) => {
      // The literal text token is 0x05 0x01 <u16 length 8>; make the length 0xffff.
      for (let p = rec[1]; p < rec[2]; p++) if (file[p] === 0x05 && file[p + 1] === 0x01 && file[p + 2] === 8 && file[p + 3] === 0) file.set([0xff, 0xff], p + 2);
    }, middle);
    expect(ids(r)).toEqual([1, 3, 4, 5, 6]);
    expect(r.rejects[0].reason).toMatch(/runs past the end/);
  });

  it('rejects nesting deeper than 32', () => {
    const nest = (depth: number): ReturnType<typeof v.xml> =>
      v.xml((w) => w.template(`n${depth % 2}`, (t) => t.el('Data', [], (c) => c.sub(0, 0x21)), [depth ? nest(depth - 1) : v.str('bottom')]));
    const r = damaged(() => {}, (w) => systemEvent(w, { ...SYS, recordId: 2 }, nest(40)));
    expect(ids(r)).toEqual([1, 3, 4, 5, 6]);
    expect(r.rejects[0].reason).toMatch(/deeper than 32/);
  });

  it('rejects a template that instantiates itself', () => {
    const c = new ChunkWriter();
    c.record(1, T, (w) => w.fragment().template('self', (t) => t.template('inner', () => {}, [], c.templates.get('self')), []).eof());
    c.record(2, T, good(2));
    const r = parseEvtx(evtxFile([c.finish()]), ctx);
    expect(ids(r)).toEqual([2]);
    expect(r.rejects[0].reason).toMatch(/instantiates itself/);
  });

  it('bounds a template that multiplies itself through nested templates', () => {
    const c = new ChunkWriter();
    c.record(1, T, (w) => {
      const level = (t: Writer, n: number): void => {
        if (n === 0) return void t.el('Data', [], (d) => d.text('x'));
        for (let i = 0; i < 8; i++) t.template(`l${n}`, (inner) => level(inner, n - 1), []);
      };
      w.fragment().template('top', (t) => level(t, 7), []).eof(); // 8^7 ≈ 2 million elements
    });
    const started = performance.now();
    const r = parseEvtx(evtxFile([c.finish()]), ctx);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.rejects[0].reason).toMatch(/expands to more than/);
  });

  it('never throws on random damage and only emits well-formed XML', () => {
    const base = readExternal('omerbenamram-evtx/samples/system.evtx').subarray(0, 4096 + 2 * 65536);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    for (let round = 0; round < 150; round++) {
      const file = Uint8Array.from(base);
      for (let i = 0; i < 1 + rand(40); i++) file[4096 + 512 + rand(2 * 65536 - 512)] = rand(256);
      const r = parseEvtx(file, ctx);
      expect(r.observations.length + r.rejects.length).toBeGreaterThan(0);
      for (const o of r.observations as EventObservation[]) expect(parseXmlDocument(o.raw).name).toBe('Event');
    }
  });
});

describe('evtx: splitting a file for the body limit', () => {
  it('cuts at chunk boundaries into valid files that together hold every record', () => {
    const file = readExternal('plaso/test_data/evtx/System.evtx');
    const parts = splitEvtx(file, 4096 + 3 * 65536)!;
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096 + 3 * 65536);
    const ids = parts.flatMap((p) => (parseEvtx(p, ctx).observations as EventObservation[]).map((e) => e.recordId));
    expect(ids).toEqual((parseEvtx(file, ctx).observations as EventObservation[]).map((e) => e.recordId));
  });

  it('declines what it cannot split', () => {
    expect(splitEvtx(new TextEncoder().encode('<Event/>'), 1 << 24)).toBeNull();
    expect(splitEvtx(readExternal('omerbenamram-evtx/samples/system.evtx'), 60000)).toBeNull();
  });
});
