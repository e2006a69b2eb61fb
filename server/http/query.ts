/** Typed reading of query parameters; a bad value is a 400 naming the parameter and what was wrong. */
import type { Request } from 'express';
import { AppError } from '../errors.ts';
import { parseInstant } from '../model/time.ts';

function one(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new AppError('invalid_query', `Query parameter '${name}' must be given once, as text.`);
  return v;
}

export const query = {
  str(req: Request, name: string, maxLen = 512): string | undefined {
    const v = one(req, name);
    if (v === undefined || v === '') return undefined;
    if (v.length > maxLen) throw new AppError('invalid_query', `Query parameter '${name}' is longer than ${maxLen} characters.`);
    return v;
  },
  int(req: Request, name: string, opts: { min?: number; max?: number; def?: number } = {}): number | undefined {
    const v = one(req, name);
    if (v === undefined || v === '') return opts.def;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new AppError('invalid_query', `Query parameter '${name}' must be an integer (got '${v.slice(0, 40)}').`);
    if (opts.min !== undefined && n < opts.min) throw new AppError('invalid_query', `Query parameter '${name}' must be at least ${opts.min}.`);
    if (opts.max !== undefined && n > opts.max) throw new AppError('invalid_query', `Query parameter '${name}' must be at most ${opts.max}.`);
    return n;
  },
  /** An instant: ISO-8601 or epoch ms/s. */
  time(req: Request, name: string): number | undefined {
    const v = one(req, name);
    if (v === undefined || v === '') return undefined;
    const t = parseInstant(v);
    if (!t) throw new AppError('invalid_query', `Query parameter '${name}' must be an ISO-8601 time or epoch milliseconds (got '${v.slice(0, 40)}').`);
    return t.ms;
  },
  oneOf<T extends string>(req: Request, name: string, values: readonly T[], def?: T): T | undefined {
    const v = one(req, name);
    if (v === undefined || v === '') return def;
    if (!values.includes(v as T)) throw new AppError('invalid_query', `Query parameter '${name}' must be one of ${values.join(', ')}.`);
    return v as T;
  },
};

/** Opaque page cursors: base64url of JSON. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor<T>(req: Request, check: (v: unknown) => v is T): T | undefined {
  const raw = query.str(req, 'cursor', 200);
  if (!raw) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    /* fall through */
  }
  throw new AppError('invalid_query', "Query parameter 'cursor' is not a cursor this server issued.");
}
