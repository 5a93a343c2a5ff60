/**
 * The Masthead server under test, started as its own process by bench/run.ts: configuration from the environment
 * (DATABASE_URL, DATA_DIR, PORT=0, LOG_LEVEL=warn, SITE_URL), the real `startServer`, so whatever the composition
 * root puts in front of the app (the page cache and its raw node:http fast path) is what gets measured.
 *
 * Prints `{"ready":true,"port":N}` on stdout, then answers IPC requests:
 *   {cmd:'publish', headline?} -> creates and publishes a story through the service, as an editor would:
 *                                 {headline, path, id}
 *   {cmd:'rss'}                -> process.memoryUsage(): {rss, heapUsed, external...} in bytes
 */
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/open-deps.js';
import { startRenderThread } from '../src/page-render-thread.js';
import { exitWith, serveIpc } from './child.js';
import { recordStalls } from './stall-log.js';

recordStalls(process.env.MASTHEAD_BENCH_STALLS);

const config = loadConfig(process.env);
// As `masthead serve` starts (src/cli/program.ts): the page render thread first, then the app is loaded.
const renderThread = startRenderThread(config, createLogger(config));
const [{ startServer }, { articlePath }, { createArticle }] = await Promise.all([
  import('../src/main.js'),
  import('../src/content/urls.js'),
  import('../src/services/article-store.js'),
]);
// Only what exists today is used (port, deps, close): startServer may grow more fields, e.g. the page cache.
const server = await startServer(config, { renderThread });
const { deps } = server;
let published = 0;

serveIpc(async (msg) => {
  switch (msg.cmd) {
    case 'rss':
      return { ...process.memoryUsage() };
    case 'publish':
      return publish(typeof msg.headline === 'string' ? msg.headline : `Benchmark story ${++published} ${Date.now().toString(36)}`);
    default:
      throw new Error(`unknown command ${JSON.stringify(msg.cmd)}`);
  }
});

async function publish(headline: string) {
  const k = deps.db.kysely;
  const section = await k.selectFrom('sections').select(['id', 'slug']).orderBy('position').orderBy('id').executeTakeFirstOrThrow();
  const contributor = await k.selectFrom('contributors').select('id').orderBy('id').executeTakeFirst();
  const id = await createArticle(deps, {
    locale: 'en',
    headline,
    deck: 'A story published by the benchmark to time how soon readers see it.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${headline}: the body of a benchmark story.` }] }] },
    dateline: 'ALMATY',
    sectionId: section.id,
    bylines: contributor ? [{ contributorId: contributor.id, role: 'author' }] : [],
    status: 'published',
  });
  const row = await k.selectFrom('articles').select(['slug', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id, headline, path: articlePath({ locale: 'en', sectionSlug: section.slug, publishedAt: row.published_at, slug: row.slug }) };
}

exitWith(() => server.close());
process.stdout.write(`${JSON.stringify({ ready: true, port: server.port, pid: process.pid })}\n`);
