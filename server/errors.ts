/**
 * The error catalogue. Every error a client can see has a stable `code` and a human sentence;
 * `server/http/errors.ts` maps codes to HTTP statuses in one place. Never put a stack trace in
 * a message.
 */
export const ERROR_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unknown_format: 415,
  unparseable: 400,
  not_implemented: 400,
  invalid_request: 400,
  invalid_query: 400,
  invalid_body: 400,
  xml_forbidden: 400,
  conflict: 409,
  db_too_new: 500,
  config_invalid: 500,
  internal: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return (ERROR_STATUS as Record<string, number>)[this.code] ?? 400;
  }
}
