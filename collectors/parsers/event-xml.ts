import { notImplemented } from './stub.ts';

export const parser = notImplemented('event-xml', 'Windows event XML: wevtutil qe /f:xml or /f:RenderedXml, EventRecord.ToXml(), Event Viewer XML export');
