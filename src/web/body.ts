import type { Context, MiddlewareHandler } from 'hono';
import { AppError, isAppError } from '../errors.js';

/**
 * Every request body is limited by `bodyLimit` and read through `readForm` or `readJson`, so that a body too large is
 * cut at its limit whoever reads it, and a body that cannot be parsed is a 400 (BAD_REQUEST), never a 500 with a stack
 * trace in the log.
 */

/**
 * Refuses a body larger than `maxBytes` with `tooLarge()`. A declared Content-Length over the limit is refused at once,
 * before anything else (authentication, CSRF) runs. Otherwise the body is counted as it is read and cut at the limit:
 * its reader (readForm, readJson) gets `tooLarge()`. Nothing is read here (unlike hono's bodyLimit, which buffers a
 * chunked body up front): a request refused before its body is needed, for want of a session or a CSRF header, is
 * never read at all.
 */
export function bodyLimit(maxBytes: number, tooLarge: () => AppError): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge();
    // Counted even under a Content-Length within the limit: this does not depend on the server holding the client to it.
    let seen = 0;
    const counted = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    return next();
  };
}

export type FormBody = Record<string, string | File | (string | File)[]>;

const FORM_TYPES = 'application/x-www-form-urlencoded or multipart/form-data';

/** The body could not be read; a limit's own refusal (413) goes through as it is. */
function unreadable(cause: unknown, message: string, hint: string): AppError {
  if (isAppError(cause)) return cause;
  return new AppError('BAD_REQUEST', message, { hint, cause });
}

/**
 * A form's fields (`all`: every value of a repeated name). A body of another type has no fields; a form body that
 * cannot be parsed (a multipart body that does not match its boundary, a connection cut mid-body) is BAD_REQUEST.
 */
export async function readForm(c: Context, opts: { all?: boolean } = {}): Promise<FormBody> {
  try {
    return (await c.req.parseBody({ all: opts.all ?? false })) as FormBody;
  } catch (cause) {
    throw unreadable(
      cause,
      'The form could not be read.',
      `Send the form again from its page. A script must send ${FORM_TYPES} that matches its Content-Type (and its boundary).`,
    );
  }
}

const JSON_HINT = 'Send a JSON object with Content-Type: application/json.';

/** The body as JSON; BAD_REQUEST when it is missing, cannot be read, or is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  let text: string;
  try {
    text = await c.req.text();
  } catch (cause) {
    throw unreadable(cause, 'The request body could not be read.', JSON_HINT);
  }
  if (!text.trim()) throw new AppError('BAD_REQUEST', 'The request has no body.', { hint: JSON_HINT });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.', { hint: JSON_HINT });
  }
}

/** The body as JSON, or `{}` when there is none (an action whose fields are all optional); else as readJson. */
export async function readOptionalJson(c: Context): Promise<unknown> {
  const declared = c.req.header('content-length');
  if (!c.req.raw.body || declared === '0') return {};
  let text: string;
  try {
    text = await c.req.text();
  } catch (cause) {
    throw unreadable(cause, 'The request body could not be read.', JSON_HINT);
  }
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.', { hint: JSON_HINT });
  }
}
