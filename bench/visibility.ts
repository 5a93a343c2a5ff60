import type { Child } from './child.js';

/**
 * Publish to visible: the server publishes a story through the service (over IPC, as an editor's save would), while
 * readers poll the home page and the feed every 10 ms over HTTP; the figure is the time from asking for the publish
 * to the first response that shows the headline. A feed that answers 404 does not exist yet: "n/a", not a failure.
 */
export type Visibility = { homeMs: number[]; feedMs: number[] | 'n/a' };

const POLL_MS = 10;
const GIVE_UP_MS = 10_000;

export async function measureVisibility(server: Child, base: string, tries: number): Promise<Visibility> {
  const homeMs: number[] = [];
  const feedMs: number[] = [];
  let feedMissing = false;
  for (let i = 1; i <= tries; i++) {
    const headline = `Benchmark visibility ${i} ${Date.now().toString(36)}`;
    const started = performance.now();
    const home = poll(`${base}/en/`, headline, started);
    const feed = poll(`${base}/feed.xml`, headline, started);
    await server.request({ cmd: 'publish', headline });
    homeMs.push((await home) ?? Infinity); // a home page that 404s never shows the story
    const f = await feed;
    if (f === null) feedMissing = true;
    else feedMs.push(f);
  }
  return { homeMs, feedMs: feedMissing ? 'n/a' : feedMs };
}

/** Milliseconds until `url` shows `text` (Infinity after 10 s), or null when the URL answers 404. */
export async function poll(url: string, text: string, started: number): Promise<number | null> {
  for (;;) {
    const res = await fetch(url);
    const body = await res.text();
    if (res.status === 404) return null;
    if (body.includes(text)) return performance.now() - started;
    if (performance.now() - started > GIVE_UP_MS) return Infinity;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
