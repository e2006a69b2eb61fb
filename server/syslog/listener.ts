/**
 * Syslog listeners (UDP and TCP on one port) handing lines to the syslog parser and the pipeline.
 * UDP: one datagram = one message. TCP: RFC 6587 octet counting (`<len> <msg>`) or newline
 * framing, detected per frame. Lines are batched per sender for up to 100 ms / 1,000 lines so a
 * MAC-flap storm costs one transaction per batch, not one per line.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { findParser } from '../../collectors/parsers/index.ts';
import type { Pipeline } from '../pipeline.ts';

export interface SyslogDeps {
  port: number;
  bind: string;
  pipeline: () => Pipeline;
  now: () => number;
  log: { warn: (o: object, msg: string) => void; info: (o: object, msg: string) => void };
}

const MAX_FRAME = 64 * 1024;

export interface SyslogServer {
  udpPort: number;
  tcpPort: number;
  close(): Promise<void>;
}

export async function startSyslog(deps: SyslogDeps): Promise<SyslogServer> {
  const parser = findParser('syslog')!;
  const batches = new Map<string, { lines: string[]; bytes: number; timer: NodeJS.Timeout; transport: string }>();

  const flush = (sender: string) => {
    const b = batches.get(sender);
    if (!b) return;
    batches.delete(sender);
    clearTimeout(b.timer);
    const receivedAt = deps.now();
    try {
      const parsed = parser.parse(b.lines.join('\n'), { device: sender, receivedAt });
      deps.pipeline().ingestObservations(parsed.observations, {
        format: 'syslog',
        source: `syslog-${b.transport}`,
        client: sender,
        bytes: b.bytes,
        receivedAt,
        rejected: parsed.rejects.length,
      });
      if (parsed.rejects.length) deps.log.warn({ sender, rejects: parsed.rejects.slice(0, 5) }, 'syslog lines rejected');
    } catch (err) {
      deps.log.warn({ sender, err: (err as Error).message }, 'syslog batch failed');
    }
  };

  const add = (sender: string, line: string, transport: string) => {
    if (line.trim() === '') return;
    let b = batches.get(sender);
    if (!b) {
      b = { lines: [], bytes: 0, timer: setTimeout(() => flush(sender), 100), transport };
      batches.set(sender, b);
    }
    b.lines.push(line.length > MAX_FRAME ? line.slice(0, MAX_FRAME) : line);
    b.bytes += line.length;
    if (b.lines.length >= 1000) flush(sender);
  };

  const udp = dgram.createSocket({ type: deps.bind.includes(':') ? 'udp6' : 'udp4' });
  udp.on('message', (msg, rinfo) => {
    for (const line of msg.toString('utf8').split(/\r?\n/)) add(rinfo.address, line, 'udp');
  });
  udp.on('error', (err) => deps.log.warn({ err: err.message }, 'syslog udp error'));
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(deps.port, deps.bind, () => {
      udp.off('error', reject);
      resolve();
    });
  });

  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((sock) => {
    sockets.add(sock);
    const sender = sock.remoteAddress ?? 'unknown';
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      for (;;) {
        const m = /^(\d{1,6}) /.exec(buf);
        if (m) {
          const len = Number(m[1]);
          const start = m[0].length;
          if (len > MAX_FRAME) {
            buf = '';
            sock.destroy();
            return;
          }
          if (buf.length < start + len) break;
          add(sender, buf.slice(start, start + len), 'tcp');
          buf = buf.slice(start + len).replace(/^\r?\n/, '');
          continue;
        }
        const nl = buf.indexOf('\n');
        if (nl < 0) {
          if (buf.length > MAX_FRAME) {
            add(sender, buf, 'tcp');
            buf = '';
          }
          break;
        }
        add(sender, buf.slice(0, nl).replace(/\r$/, ''), 'tcp');
        buf = buf.slice(nl + 1);
      }
    });
    sock.on('end', () => {
      if (buf) add(sender, buf, 'tcp');
      buf = '';
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(deps.port === 0 ? 0 : deps.port, deps.bind, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const udpPort = udp.address().port;
  const tcpPort = (tcp.address() as net.AddressInfo).port;
  deps.log.info({ udpPort, tcpPort }, 'syslog listening');

  return {
    udpPort,
    tcpPort,
    async close() {
      for (const s of batches.keys()) flush(s);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => udp.close(() => r()));
      await new Promise<void>((r) => tcp.close(() => r()));
    },
  };
}
