/**
 * Browser-test support: headless Debian Chromium through playwright-core, axe-core audits, and a
 * throwaway HTTP server for a fetch-style handler (a Hono app's `app.fetch`).
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch headless Chromium; close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface AxeNode {
  /** CSS selector path of the node (iframe/shadow-DOM steps joined with ' >> '). */
  target: string;
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  /** The target selectors of the failing nodes. */
  targets: string[];
  nodes: AxeNode[];
}

export interface AxeOptions {
  /** Rule ids to switch off for this run (say why at the call site). */
  disableRules?: string[];
  /** Tags to run; default WCAG 2.0/2.1 A and AA plus best practices. */
  tags?: string[];
}

export const defaultAxeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

let axeSource: string | undefined;
function loadAxeSource(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

/** Inject axe-core into the page (once) and return its violations of WCAG 2.1 A/AA and best practices. */
export async function runAxe(page: Page, options: AxeOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    const source = loadAxeSource();
    try {
      await page.addScriptTag({ content: source });
    } catch {
      // A strict Content-Security-Policy blocks inline script tags; evaluating the source over the
      // DevTools protocol is not subject to CSP.
    }
    const injected = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
    if (!injected) await page.evaluate(`${source}\n;void 0`);
  }

  const rules = Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }]));
  const runOptions = {
    runOnly: { type: 'tag', values: options.tags ?? defaultAxeTags },
    resultTypes: ['violations'],
    ...(options.disableRules?.length ? { rules } : {}),
  };

  return page.evaluate(async (opts) => {
    type Target = string | string[];
    interface RawNode {
      target: Target[];
      html: string;
      failureSummary?: string;
    }
    interface RawViolation {
      id: string;
      impact?: string | null;
      help: string;
      helpUrl: string;
      nodes: RawNode[];
    }
    const g = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: RawViolation[] }> };
      document: unknown;
    };
    const results = await g.axe.run(g.document, opts);
    const selector = (t: Target[]) => t.map((step) => (Array.isArray(step) ? step.join(' >> ') : step)).join(' >> ');
    return results.violations.map((v) => {
      const nodes = v.nodes.map((n) => ({
        target: selector(n.target),
        html: n.html,
        ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}),
      }));
      return { id: v.id, impact: v.impact ?? null, help: v.help, helpUrl: v.helpUrl, targets: nodes.map((n) => n.target), nodes };
    });
  }, runOptions);
}

/** A readable report of axe violations for assertion messages ('' when there are none). */
export function formatViolations(violations: AxeViolation[], label?: string): string {
  const body = violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n');
      return `- [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  return label && body ? `${label}:\n${body}` : body;
}

export type FetchHandler = (req: Request) => Response | Promise<Response>;

export interface ServedApp {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43121 */
  url: string;
  close(): Promise<void>;
}

/** Serve a fetch-style handler on 127.0.0.1 at a random free port. */
export function serveApp(fetchHandler: FetchHandler): Promise<ServedApp> {
  return new Promise((resolve, reject) => {
    // The handler is passed straight through so Hono still receives the node bindings (c.env.incoming).
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Browsers keep connections alive; drop them so close() resolves promptly.
            server.closeAllConnections();
          }),
      });
    }) as Server;
    server.once('error', reject);
  });
}
