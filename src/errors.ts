import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/**
 * The one error type. Anything a user, an operator or bad input can cause is an AppError with a stable code,
 * an HTTP status, a message for a person and a hint saying how to fix it. Anything else is a bug.
 *
 * Each code has one HTTP status, here: a client that knows the code knows the status, and no throw can pair them
 * differently. A code met only outside HTTP (the CLI, startup) still has one, so every AppError can be answered.
 */
export const STATUS = {
  CONFIG_INVALID: 500,
  DATABASE_UNAVAILABLE: 503,
  DATABASE_URL_INVALID: 500,
  MIGRATION_FAILED: 500,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  CONFLICT: 409,
  MEDIA_IN_USE: 409,
  DUPLICATE: 409,
  PORT_UNAVAILABLE: 500,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  ACCOUNT_INACTIVE: 403,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  RATE_LIMITED: 429,
  TOKEN_INVALID: 400,
  MAIL_FAILED: 502,
  INVALID_TRANSITION: 422,
  NOT_LIVE: 422,
  UNSUPPORTED_MEDIA: 415,
  MEDIA_TOO_LARGE: 413,
  MEDIA_BUSY: 503,
  ALT_TEXT_REQUIRED: 422,
  BUILD_INCOMPLETE: 500,
  HTML_TOO_COMPLEX: 422,
  HTML_TIMEOUT: 422,
  HTML_BUSY: 503,
  FEED_BUSY: 503,
  FEED_TIMEOUT: 503,
  UNKNOWN_ARTICLE: 422,
  WRONG_LOCALE: 422,
  DUPLICATE_PIN: 422,
  UNKNOWN_SECTION: 422,
  TOO_MANY_TOP_STORIES: 422,
  PREVIEW_EXPIRY_TOO_LONG: 422,
  FRONT_PAGE_CHANGED: 409,
  CURRENT_PASSWORD_WRONG: 403,
  CODE_INVALID: 401,
  TWO_FACTOR_REQUIRED: 403,
  SESSION_REQUIRED: 403,
  SLUG_TAKEN: 409,
  SLUG_RESERVED: 422,
  SECTION_NOT_EMPTY: 409,
  // A section placed under itself or one of its sub-sections, or deeper than the tree allows (services/sections.ts).
  SECTION_CYCLE: 422,
  SECTION_TOO_DEEP: 422,
  TAG_IN_USE: 409,
  IMPORT_FILE_INVALID: 422,
  // One record of an import file the database would not store (the report names it; the run goes on).
  IMPORT_RECORD_REFUSED: 422,
  // A broken import file whose records read before the fault could not be committed: the last batch is not kept.
  IMPORT_BATCH_NOT_KEPT: 500,
  CONTRIBUTOR_IN_USE: 409,
  PARTNER_IN_USE: 409,
  // Outbound fetches (src/outbound/safe-fetch.ts): partner feeds, webhooks, WebSub.
  FETCH_URL_INVALID: 422,
  FETCH_ADDRESS_REFUSED: 422,
  FETCH_TOO_MANY_REDIRECTS: 502,
  FETCH_TIMEOUT: 504,
  FETCH_TOO_LARGE: 502,
  FETCH_HTTP_ERROR: 502,
  FETCH_FAILED: 502,
  // Partner ingest (src/services/ingest.ts).
  FEED_NOT_A_FEED: 422,
  FEED_UNREADABLE: 422,
  EXTRACT_FAILED: 422,
  TRANSLATE_FAILED: 502,
  // Search filters (the reader's search page; the Admin API answers VALIDATION_FAILED).
  SEARCH_FILTER_INVALID: 400,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof STATUS;
/** The statuses an AppError can have: a type Hono's c.json, c.html and c.body take as it is. */
export type ErrorStatus = (typeof STATUS)[ErrorCode];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ErrorStatus;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.hint = opts.hint;
    this.details = opts.details;
  }

  toJSON() {
    return { code: this.code, message: this.message, hint: this.hint, ...(this.details ? { details: this.details } : {}) };
  }
}

export const notFound = (what: string, hint?: string) => new AppError('NOT_FOUND', `${what} was not found.`, { hint });

export const badRequest = (message: string, hint?: string) => new AppError('BAD_REQUEST', message, { hint });

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
  return new AppError('VALIDATION_FAILED', `The ${what} ${o.plural ? 'have' : 'has'} ${names.length} invalid field(s): ${names.join(', ')}.`, {
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
