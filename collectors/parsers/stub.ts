import type { Parser } from './types.ts';
import { ParseError } from './types.ts';

/** Placeholder for a format not written yet: never sniffs, refuses to parse. */
export function notImplemented(id: string, description: string): Parser {
  return {
    id,
    description,
    sniff: () => 0,
    parse: () => {
      throw new ParseError('not_implemented', `The ${id} parser is not implemented yet.`);
    },
  };
}
