/**
 * Micro-benchmark: omerbenamram/evtx `samples/system.evtx` (1,881 records, 1.1 MB) through the
 * `.evtx` parser. Prints records/s per core and, as the raw limit measured in the same run, the
 * rate of a bare walk that finds every record by its header and decodes its bytes as UTF-16 once
 * (touching each byte, doing no BinXML work). For scale it also times the event-XML parser on the
 * same events as `wevtutil qe /f:xml` would print them (the parser's own `raw` output).
 *
 * Run: node --import tsx bench/evtx-parse.ts
 */
import { parseEvtx } from '../collectors/parsers/evtx.ts';
import { parser as eventXml } from '../collectors/parsers/event-xml.ts';
import type { EventObservation } from '../server/model/observation.ts';
import { readExternal } from '../test/helpers/fixtures.ts';

const file = readExternal('omerbenamram-evtx/samples/system.evtx');
const ctx = { receivedAt: 0 };
const records = parseEvtx(file, ctx).observations.length;

function rate(label: string, fn: () => unknown, count: number, seconds = 2): number {
  for (let i = 0; i < 5; i++) fn();
  let runs = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    fn();
    runs++;
    elapsed = performance.now() - t0;
  }
  const perSec = (runs * count) / (elapsed / 1000);
  console.log(`${label.padEnd(40)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} records/s`);
  return perSec;
}

const utf16 = new TextDecoder('utf-16le');
function walkOnly(): number {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let chars = 0;
  for (let base = 4096; base + 512 <= file.length; base += 65536) {
    const free = Math.min(dv.getUint32(base + 48, true), 65536);
    for (let p = base + 512; p + 24 <= base + free && dv.getUint32(p, true) === 0x2a2a; ) {
      const size = dv.getUint32(p + 4, true);
      if (size < 28) break;
      chars += utf16.decode(file.subarray(p + 24, p + size - 4)).length;
      p += size;
    }
  }
  return chars;
}

const xml = (parseEvtx(file, ctx).observations as EventObservation[]).map((e) => e.raw).join('');
console.log(`file: ${records} records, ${(file.length / 1024).toFixed(0)} KiB`);
const raw = rate('raw limit (walk records, decode UTF-16)', walkOnly, records);
const evtx = rate('evtx parser (to observations)', () => parseEvtx(file, ctx), records);
const viaXml = rate('event-xml parser on the same events', () => eventXml.parse(xml, ctx), records);
console.log(`evtx parser: ${(evtx / raw).toFixed(3)} of raw limit, ${(evtx / viaXml).toFixed(2)}× the event-XML path; target ≥ 20,000 records/s`);
