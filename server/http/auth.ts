/**
 * Bearer-token checks. Ingest and write actions need an ingest token; reads need a read or ingest
 * token only when read tokens are configured (or read auth is required). Tokens compare in
 * constant time.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler, Request } from 'express';
import { AppError } from '../errors.ts';

export interface TokenSets {
  ingest: () => string[];
  read: () => string[];
  /** The internal token the demo driver posts with (never accepted for real data). */
  demo: () => string | null;
  requireRead: boolean;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function matches(token: string, candidates: string[]): boolean {
  const d = digest(token);
  let ok = false;
  for (const c of candidates) if (timingSafeEqual(d, digest(c))) ok = true;
  return ok;
}

export function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (h && /^bearer\s+/i.test(h)) return h.replace(/^bearer\s+/i, '').trim();
  // Elasticsearch clients (Winlogbeat) may send `ApiKey <token>` or basic auth; accept the token either way.
  if (h && /^apikey\s+/i.test(h)) return h.replace(/^apikey\s+/i, '').trim();
  if (h && /^basic\s+/i.test(h)) {
    const decoded = Buffer.from(h.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i >= 0 ? decoded.slice(i + 1) : decoded;
  }
  const q = req.query.token;
  return typeof q === 'string' ? q : null;
}

export type Role = 'ingest' | 'demo' | 'read';

export function roleOf(req: Request, tokens: TokenSets): Role | null {
  const t = bearer(req);
  if (!t) return null;
  if (matches(t, tokens.ingest())) return 'ingest';
  const demo = tokens.demo();
  if (demo && matches(t, [demo])) return 'demo';
  if (matches(t, tokens.read())) return 'read';
  return null;
}

export function requireIngest(tokens: TokenSets): RequestHandler {
  return (req, res, next) => {
    const role = roleOf(req, tokens);
    if (role === 'ingest' || role === 'demo') {
      res.locals.role = role;
      next();
      return;
    }
    next(new AppError('unauthorized', bearer(req) ? 'The token is not valid for this action.' : 'Missing bearer token (Authorization: Bearer <token>).'));
  };
}

export function requireRead(tokens: TokenSets): RequestHandler {
  return (req, _res, next) => {
    if (!tokens.requireRead && tokens.read().length === 0) return next();
    if (roleOf(req, tokens)) return next();
    next(new AppError('unauthorized', 'Reading needs a token (Authorization: Bearer <token> or ?token=).'));
  };
}
