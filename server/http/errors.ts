/**
 * Maps every error to JSON `{error: {code, message}}` with the status from the catalogue. Bad input
 * never becomes a 500; an unexpected error becomes a 500 with a generic sentence (details logged).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors.ts';
import type { ApiError } from '../contract.ts';

export function errorBody(code: string, message: string, details?: unknown): ApiError {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

export function errorHandler(log: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    const e = err as { type?: string; status?: number; statusCode?: number; message?: string; limit?: number };
    // body-parser errors carry a `type`.
    if (e?.type === 'entity.too.large') {
      res.status(413).json(errorBody('payload_too_large', `The body is larger than the limit of ${e.limit} bytes. Split it into smaller requests.`));
      return;
    }
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('invalid_body', 'The request body is not valid JSON.'));
      return;
    }
    if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
      res.status(415).json(errorBody('unsupported_media_type', e.message ?? 'Unsupported content encoding.'));
      return;
    }
    if (e?.type === 'request.aborted') {
      res.status(400).json(errorBody('invalid_request', 'The request was aborted by the client.'));
      return;
    }
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(errorBody('invalid_request', e.message ?? 'Bad request.'));
      return;
    }
    log(err);
    res.status(500).json(errorBody('internal', 'An internal error occurred; it has been logged.'));
  };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `No API route for ${req.method} ${req.path}.`));
};
