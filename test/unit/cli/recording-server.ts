/**
 * A tiny real HTTP server for CLI tests: it records every request (method, URL, headers, body
 * bytes) and answers with whatever the test's handler returns. Listens on an ephemeral port.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  json?: unknown;
  text?: string;
}

export type Handler = (req: RecordedRequest) => Answer;

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  handle(h: Handler): void;
  close(): Promise<void>;
}

/** The server's success shape for `accepted` records and optional rejects. */
export function okAnswer(format: string, accepted: number, rejected: object[] = [], duplicates = 0): Answer {
  return { status: 200, json: { format, accepted, duplicates, late: 0, rejected } };
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let handler: Handler = () => okAnswer('bundle', 1);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://test'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(rec);
      const a = handler(rec);
      res.statusCode = a.status;
      if (a.json !== undefined) {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(a.json));
      } else res.end(a.text ?? '');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => {
      handler = h;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
