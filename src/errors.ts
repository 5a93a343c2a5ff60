import type { z } from 'zod';

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

export type FieldsOptions = {
  /** What to do about it; by default: correct the named fields and send again. */
  hint?: string;
  /** "The filters have …" rather than "The article has …". */
  plural?: boolean;
  /** What an unknown key of a strict schema is called ("unknown field"). */
  unknown?: string;
  /** The name of a problem with the whole input rather than one field ("(root)"). */
  root?: string;
};

/** VALIDATION_FAILED naming every bad field: "The article has 2 invalid field(s): headline, slug." */
export function validationFailed(what: string, fields: Record<string, string>, o: FieldsOptions = {}): AppError {
  const names = Object.keys(fields);
  return new AppError('VALIDATION_FAILED', 422, `The ${what} ${o.plural ? 'have' : 'has'} ${names.length} invalid field(s): ${names.join(', ')}.`, {
    hint: o.hint ?? 'Correct the named fields and send again; nothing was stored.',
    details: { fields },
  });
}

/** A zod error as the fields it names, by path ("bylines.0.role"), each with its (last) message. */
export function issueFields(error: z.ZodError, o: Pick<FieldsOptions, 'unknown' | 'root'> = {}): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = o.unknown ?? 'unknown field';
    } else {
      fields[issue.path.join('.') || (o.root ?? '(root)')] = issue.message;
    }
  }
  return fields;
}

/** Parses `raw` or throws VALIDATION_FAILED naming every bad field. */
export function parseFields<S extends z.ZodType>(schema: S, raw: unknown, what: string, o: FieldsOptions = {}): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw validationFailed(what, issueFields(r.error, o), o);
}
