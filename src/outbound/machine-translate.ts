import { AppError } from '../errors.js';

/**
 * Machine translation (issue 14), optional and off by default: one interface, and an adapter for a
 * LibreTranslate-compatible HTTP API (`POST {url}/translate` with `q`, `source`, `target`, `format`, `api_key`,
 * answered `{ translatedText }`) configured by TRANSLATE_URL and TRANSLATE_KEY. The service is the operator's
 * (often on the newsroom's own network), so it is reached directly rather than through the partner-facing fetcher's
 * address checks; its time and answer size are bounded all the same.
 */
export interface MachineTranslator {
  /** HTML in, HTML out (the provider keeps the markup). */
  translate(html: string, from: string, to: string): Promise<string>;
}

const MAX_ANSWER = 4 * 1024 * 1024;

export function libreTranslate(opts: { url: string; key: string | null; timeoutMs?: number }): MachineTranslator {
  const endpoint = `${opts.url.replace(/\/+$/, '')}/translate`;
  const failed = (message: string, details: Record<string, unknown> = {}) =>
    new AppError('TRANSLATE_FAILED', message, {
      hint: 'Check TRANSLATE_URL and TRANSLATE_KEY, and that the translation service is running; the draft was not changed.',
      details: { url: endpoint, ...details },
    });
  return {
    async translate(html, from, to) {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ q: html, source: from, target: to, format: 'html', ...(opts.key ? { api_key: opts.key } : {}) }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
          redirect: 'error',
        });
      } catch (err) {
        throw failed(
          `The translation service at ${endpoint} did not answer: ${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}.`,
        );
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > MAX_ANSWER) throw failed('The translation service answered more than 4 MB.');
      const text = await res.text();
      if (text.length > MAX_ANSWER) throw failed('The translation service answered more than 4 MB.');
      let body: { translatedText?: unknown; error?: unknown };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw failed(`The translation service answered HTTP ${res.status} without JSON.`, { status: res.status });
      }
      if (!res.ok || typeof body.translatedText !== 'string') {
        throw failed(`The translation service refused: HTTP ${res.status}${typeof body.error === 'string' ? `, ${body.error}` : ''}.`, { status: res.status });
      }
      return body.translatedText;
    },
  };
}

/** The translator the settings configure, or null (off) when TRANSLATE_URL is unset. */
export const machineTranslator = (t: { url: string; key: string | null } | null): MachineTranslator | null => (t ? libreTranslate(t) : null);
