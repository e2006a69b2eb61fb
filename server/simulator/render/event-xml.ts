/**
 * One Windows event as `wevtutil qe <log> /f:xml` prints it (docs/domain.md §2.1): compact, single
 * quotes, the event namespace, 7-digit SystemTime, `Qualifiers` on legacy events, `EventData` or
 * `UserData`. With `rendered` it is the `/f:RenderedXml` form, which appends `RenderingInfo`.
 */
import { LEVEL_NAMES, type WinEvent } from '../events.ts';
import { systemTime, xmlAttr, xmlText } from './xml.ts';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function payload(ev: WinEvent): string {
  if (ev.userData) {
    const fields = ev.userData.fields.map(([k, v]) => `<${k}>${xmlText(v)}</${k}>`).join('');
    return `<UserData><${ev.userData.element} xmlns='${xmlAttr(ev.userData.xmlns)}'>${fields}</${ev.userData.element}></UserData>`;
  }
  if (!ev.data && !ev.binary) return '';
  const data = (ev.data ?? []).map((d) => (d.name === null ? `<Data>${xmlText(d.value)}</Data>` : `<Data Name='${xmlAttr(d.name)}'>${xmlText(d.value)}</Data>`)).join('');
  const binary = ev.binary ? `<Binary>${ev.binary}</Binary>` : '';
  return `<EventData>${data}${binary}</EventData>`;
}

function renderingInfo(ev: WinEvent): string {
  const keywords = ev.qualifiers !== null ? '<Keywords><Keyword>Classic</Keyword></Keywords>' : '<Keywords></Keywords>';
  return (
    `<RenderingInfo Culture='en-US'><Message>${xmlText(ev.message)}</Message><Level>${LEVEL_NAMES[ev.level] ?? ''}</Level>` +
    `<Task>None</Task><Opcode>Info</Opcode><Channel>${xmlText(ev.channel)}</Channel><Provider>${xmlText(ev.provider)}</Provider>${keywords}</RenderingInfo>`
  );
}

export function renderEventXml(ev: WinEvent, rendered = false): string {
  const provider = ev.guid ? `<Provider Name='${xmlAttr(ev.provider)}' Guid='${xmlAttr(ev.guid)}'/>` : `<Provider Name='${xmlAttr(ev.provider)}'/>`;
  const eventId = ev.qualifiers !== null ? `<EventID Qualifiers='${ev.qualifiers}'>${ev.eventId}</EventID>` : `<EventID>${ev.eventId}</EventID>`;
  const security = ev.userSid ? `<Security UserID='${xmlAttr(ev.userSid)}'/>` : '<Security/>';
  return (
    `<Event xmlns='${NS}'><System>${provider}${eventId}<Version>${ev.version}</Version><Level>${ev.level}</Level>` +
    `<Task>${ev.task}</Task><Opcode>${ev.opcode}</Opcode><Keywords>${ev.keywords}</Keywords>` +
    `<TimeCreated SystemTime='${systemTime(ev.time, ev.ticks)}'/><EventRecordID>${ev.recordId}</EventRecordID><Correlation/>` +
    `<Execution ProcessID='${ev.processId}' ThreadID='${ev.threadId}'/><Channel>${xmlText(ev.channel)}</Channel>` +
    `<Computer>${xmlText(ev.computer)}</Computer>${security}</System>${payload(ev)}${rendered ? renderingInfo(ev) : ''}</Event>`
  );
}
