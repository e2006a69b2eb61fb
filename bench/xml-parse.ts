/**
 * Micro-benchmark: a 1,000-event compact `wevtutil qe /f:xml` document (no root element, single
 * quotes, EventData and UserData events mixed) through the XML reader alone and through the whole
 * event-xml parser. Prints events/s per core and, as the raw limit measured in the same run, the
 * rate of a bare scan that only counts the `<` characters of the same text.
 *
 * Run: node --import tsx bench/xml-parse.ts
 */
import { parseXmlFragments } from '../collectors/parsers/xml.ts';
import { parser as eventXml } from '../collectors/parsers/event-xml.ts';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function lbfoEvent(i: number): string {
  const t = `2026-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(1234567 + i).slice(-7)}Z`;
  return (
    `<Event xmlns='${NS}'><System><Provider Name='Microsoft-Windows-MsLbfoSysEvtProvider' Guid='{387ed463-8b1b-42c9-9ef0-803fdfd5d94e}'/>` +
    `<EventID>16949</EventID><Version>0</Version><Level>3</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>` +
    `<TimeCreated SystemTime='${t}'/><EventRecordID>${100000 + i}</EventRecordID><Correlation/><Execution ProcessID='4' ThreadID='${200 + (i % 50)}'/>` +
    `<Channel>System</Channel><Computer>HV-${String(i % 40).padStart(2, '0')}.corp.example.com</Computer><Security/></System>` +
    `<EventData><Data>{5B7D2A8C-1111-4C3B-9C1E-00000000${String(i % 10000).padStart(4, '0')}}</Data><Data>Intel(R) Ethernet 10G 2P X520 Adapter #${i % 4}</Data></EventData></Event>`
  );
}

function vmEvent(i: number): string {
  return (
    `<Event xmlns='${NS}'><System><Provider Name='Microsoft-Windows-Hyper-V-Worker' Guid='{51ddfa29-d5c8-4803-be4b-2ecb715570fe}'/>` +
    `<EventID>18500</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>` +
    `<TimeCreated SystemTime='2026-03-01T11:00:00.${String(1000000 + i).slice(-7)}Z'/><EventRecordID>${5000 + i}</EventRecordID><Correlation/>` +
    `<Execution ProcessID='3348' ThreadID='4840'/><Channel>Microsoft-Windows-Hyper-V-Worker-Admin</Channel><Computer>HV-07.corp.example.com</Computer>` +
    `<Security UserID='S-1-5-83-1-1234567890-1234567890-1234567890-1234567890'/></System><UserData><VmlEventLog xmlns='http://www.microsoft.com/Windows/Virtualization/Events'>` +
    `<VmName>VM-${i}</VmName><VmId>8A5B3F2C-0000-4000-8000-${String(i).padStart(12, '0')}</VmId></VmlEventLog></UserData></Event>`
  );
}

const events: string[] = [];
for (let i = 0; i < 1000; i++) events.push(i % 5 === 4 ? vmEvent(i) : lbfoEvent(i));
const doc = events.join('');

function rate(label: string, fn: () => unknown, count: number, seconds = 2): number {
  for (let i = 0; i < 20; i++) fn();
  let runs = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    fn();
    runs++;
    elapsed = performance.now() - t0;
  }
  const perSec = (runs * count) / (elapsed / 1000);
  console.log(`${label.padEnd(34)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} events/s`);
  return perSec;
}

function scanOnly(): number {
  let n = 0;
  for (let i = doc.indexOf('<'); i >= 0; i = doc.indexOf('<', i + 1)) n++;
  return n;
}

const ctx = { receivedAt: 0 };
console.log(`document: ${events.length} events, ${(doc.length / 1024).toFixed(0)} KiB`);
const raw = rate('raw limit (count < only)', scanOnly, events.length);
const reader = rate('xml.ts parseXmlFragments', () => parseXmlFragments(doc), events.length);
const full = rate('event-xml parser (to observations)', () => eventXml.parse(doc, ctx), events.length);
console.log(`reader: ${(reader / raw).toFixed(3)} of raw limit; full parser: ${(full / raw).toFixed(3)} of raw limit; target ≥ 50,000 events/s`);
