import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';
import { renderInto, type PageRenderer } from './render-into.js';

const page = (text: string, keys = 'site l-en a1', extra: Record<string, string> = {}) => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'surrogate-key': keys, 'cache-control': 'public, max-age=60', ...extra },
  body: Buffer.from(`<!DOCTYPE html><p>${text}</p>`),
});

/** A render thread that answers from `answer`, counting its renders; `alive` may be switched off. */
function elsewhere(answer: (path: string, n: number) => ReturnType<typeof page> | Promise<ReturnType<typeof page>>) {
  let n = 0;
  const r: PageRenderer & { alive: boolean; renders: () => number } = {
    alive: true,
    renders: () => n,
    render: async (path) => answer(path, n++),
  };
  return r;
}

function setUp(thread: PageRenderer) {
  const here: string[] = [];
  let render: (path: string) => Promise<unknown> = async () => undefined;
  const cache = new PageCache({ maxBytes: 10_000_000, log: pino({ level: 'silent' }), render: (p) => render(p) });
  render = renderInto(cache, thread, async (path) => {
    here.push(path);
    return new Response('<p>here</p>', { status: 200 });
  });
  return { cache, here, render: (p: string) => render(p) as Promise<{ status: number }> };
}

describe('renderInto: the cache’s renders in the render thread', () => {
  it('stores what the thread rendered, and the page is a hit with those bytes', async () => {
    const thread = elsewhere(() => page('from the thread'));
    const { cache, render, here } = setUp(thread);
    expect(await render('/en/')).toEqual({ status: 200 });
    await cache.idle();
    expect(cache.get('/en/')!.bodies.identity.toString()).toContain('from the thread');
    expect(here).toEqual([]);
  });

  it('keeps out a render a change landed during, and renders once more', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const thread = elsewhere(async (_p, n) => {
      if (n === 0) await gate;
      return page(n === 0 ? 'before the change' : 'after the change');
    });
    const { cache, render } = setUp(thread);
    const f = cache.takeOff('/en/')!;
    const first = render('/en/');
    // The change lands while the thread renders the old state.
    await new Promise((r) => setImmediate(r));
    cache.invalidate(['a1']);
    release();
    cache.land('/en/', f, (await first).status);
    await cache.flightOf('/en/');
    await cache.idle();
    expect(thread.renders()).toBe(2);
    expect(cache.get('/en/')!.bodies.identity.toString()).toContain('after the change');
    expect(cache.stats().refused).toBe(1);
  });

  it('does not store what the cache never stores: an error, a no-store page, a page without keys', async () => {
    const answers = [{ ...page('gone'), status: 404 }, page('private', 'site', { 'cache-control': 'no-store' }), page('no keys', '')];
    const thread = elsewhere((_p, n) => answers[n]!);
    const { cache, render } = setUp(thread);
    expect((await render('/a')).status).toBe(404);
    await render('/b');
    await render('/c');
    await cache.idle();
    expect(cache.stats().pages).toBe(0);
  });

  it('renders in this thread when the render thread is not running, or dies under a render', async () => {
    const thread = elsewhere(() => {
      thread.alive = false;
      throw new Error('the page render thread stopped (exit code 1)');
    });
    const { render, here } = setUp(thread);
    expect(await render('/en/')).toEqual({ status: 200 });
    expect(await render('/ru/')).toEqual({ status: 200 });
    expect(here).toEqual(['/en/', '/ru/']);
    expect(thread.renders()).toBe(1);
  });

  it('passes on a failed render of a live thread (the cache logs it and keeps its stale copy)', async () => {
    const thread = elsewhere(() => {
      throw new Error('rendering failed');
    });
    const { render, here } = setUp(thread);
    await expect(render('/en/')).rejects.toThrow('rendering failed');
    expect(here).toEqual([]);
  });
});
