/**
 * The one error type. Anything a user, an operator or bad input can cause is an AppError with a stable code,
 * an HTTP status, a message for a person and a hint saying how to fix it. Anything else is a bug.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_URL_INVALID'
  | 'MIGRATION_FAILED'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'CONFLICT'
  | 'MEDIA_IN_USE'
  | 'DUPLICATE'
  | 'PORT_UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'LOGIN_FAILED'
  | 'ACCOUNT_INACTIVE'
  | 'FORBIDDEN'
  | 'CSRF_FAILED'
  | 'RATE_LIMITED'
  | 'TOKEN_INVALID'
  | 'MAIL_FAILED'
  | 'INVALID_TRANSITION'
  | 'UNSUPPORTED_MEDIA'
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_BUSY'
  | 'ALT_TEXT_REQUIRED'
  | 'BUILD_INCOMPLETE'
  | 'HTML_TOO_COMPLEX'
  | 'HTML_TIMEOUT'
  | 'HTML_BUSY';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  toJSON() {
    return { code: this.code, message: this.message, hint: this.hint, ...(this.details ? { details: this.details } : {}) };
  }
}

export const notFound = (what: string, hint?: string) =>
  new AppError('NOT_FOUND', 404, `${what} was not found.`, { hint });

export const badRequest = (message: string, hint?: string) => new AppError('BAD_REQUEST', 400, message, { hint });

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/**
 * What a client is told of a failure that is not an AppError (a bug, or a fault nobody foresaw): the one body every
 * answer uses, problem+json and admin page alike. Its details stay in the log.
 */
export const INTERNAL_ERROR = {
  code: 'INTERNAL',
  status: 500,
  title: 'Internal error',
  message: 'Something went wrong on our side.',
  hint: 'Try again; if it persists, tell the site operator.',
} as const;
