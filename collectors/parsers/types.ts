/**
 * The parser contract. A parser is a pure function from decoded text to observations plus
 * per-record rejects; it never throws for bad records (it rejects them with a reason and keeps
 * the good ones). It throws `ParseError` only when the whole input is not its format at all.
 */
import type { Observation } from '../../server/model/observation.ts';

export interface ParseContext {
  /** `?host=`: the host that produced an input that does not name its source (e.g. `arp -a`). */
  host?: string;
  /** `?device=`: the switch that produced a MAC/ARP table or syslog line without a hostname. */
  device?: string;
  /** `?at=` (epoch ms): when a snapshot without its own timestamp was taken. */
  at?: number;
  /** Server receive time (epoch ms), the fallback for `at`. Passed in: parsers never read a clock. */
  receivedAt: number;
}

/** One record that was not accepted: its position (`index` in a JSON array/bundle part, or 1-based `line`) and why. */
export interface Reject {
  index?: number;
  line?: number;
  /** Which part of a composite input (e.g. `events`, `inventory.vms`), when there are parts. */
  part?: string;
  reason: string;
}

export interface ParseResult {
  observations: Observation[];
  rejects: Reject[];
}

export interface Parser {
  /** Stable format id, accepted as `?format=` and shown in errors and docs. */
  id: string;
  /** One line for docs and the 415 error's "formats tried" list. */
  description: string;
  /**
   * How sure the parser is that `text` is its format, 0 (no) to 1 (certain), from a cheap look at
   * the start of the text. Must not throw and must be fast (it runs for every parser on every body).
   */
  sniff(text: string): number;
  parse(text: string, ctx: ParseContext): ParseResult;
}

/** The whole body is not this format (or not any format). `code` is a stable error code. */
export class ParseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}
