import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The client's address, for rate limits and the audit log. Behind a reverse proxy every connection comes from the
 * proxy, so with `trustProxy` the address the proxy appended to X-Forwarded-For (the last one) is used instead. Never
 * trust that header without a proxy: anyone can send it.
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const last = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
