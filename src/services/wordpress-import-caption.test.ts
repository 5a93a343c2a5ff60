import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { htmlToDocument } from '../importers/html-to-document.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { POST, wxr } from '#test/wxr.js';
import { importWordPress } from './wordpress-import.js';

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

const post = (id: number, excerpt: string, extra: Record<string, string> = {}) => {
  let p = POST.replace('<wp:post_id>41', `<wp:post_id>${id}`)
    .replace('peregovory/', `peregovory-${id}/`)
    .replace('%d0%bf%d0%b5%d1%80%d0%b5%d0%b3%d0%be%d0%b2%d0%be%d1%80%d1%8b', `p-${id}`)
    .replace('<![CDATA[Коротко]]>', `<![CDATA[${excerpt}]]>`)
    .replace(/<wp:postmeta>.*?<\/wp:postmeta>/, '');
  for (const [from, to] of Object.entries(extra)) p = p.replace(from, to);
  return p;
};
const attachment = (id: number, caption: string) =>
  post(id, caption, {
    '<![CDATA[post]]></wp:post_type>': '<![CDATA[attachment]]></wp:post_type>',
    '<wp:is_sticky>1</wp:is_sticky>': `<wp:attachment_url><![CDATA[https://courier.example/wp-content/uploads/2026/11/photo-${id}.jpg]]></wp:attachment_url>`,
  });

const dirs: string[] = [];
let opened: OpenedDb | undefined;
afterAll(async () => {
  await opened?.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// Regression (review): an attachment's caption with markup went through a conversion of its own that did not wait for
// room in the converter's bounds, was refused HTML_BUSY, and nothing caught it: the whole import stopped. Any refusal
// of a caption's HTML now fails that attachment alone, in the report; the posts around it are imported.
it('an attachment whose caption the converter refuses fails alone, reported; the run goes on', async () => {
  opened = await openDb('sqlite');
  const deps = testDeps(opened.db);
  await newsroom(opened.db);
  const tmp = (p: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), p));
    dirs.push(d);
    return d;
  };
  const media = {
    dir: tmp('masthead-wp-caption-up-'),
    options: { dataDir: tmp('masthead-wp-caption-data-'), maxBytes: 5 * 1024 * 1024 },
    who: { actor: { id: 0, role: 'admin' as const, active: true }, userId: null, apiKeyId: null },
  };
  const convert = async (html: string) => {
    if (html.includes('refused caption'))
      throw new AppError('HTML_BUSY', 'The server is converting as much HTML as it takes at once.', { hint: 'Send it again.' });
    // Regression (review): a plain error (the worker's, not an AppError) stopped the whole import.
    if (html.includes('crashed caption')) throw new Error('converting HTML failed in its worker: boom');
    return htmlToDocument(html);
  };
  const items = post(1001, 'Коротко') + attachment(5001, '<em>refused caption</em>') + attachment(5002, '<em>crashed caption</em>') + post(1002, 'Коротко');
  const r = await importWordPress(deps, chunks(wxr({ items })), { locale: 'ru', locales: ['en', 'ru'], media, convert });
  expect(r.counts.post.imported).toBe(2);
  expect(r.counts.attachment.failed).toBe(2);
  expect(r.notes.find((n) => n.id === '5001')).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^its caption: HTML_BUSY/) });
  expect(r.notes.find((n) => n.id === '5002')).toMatchObject({
    outcome: 'failed',
    reason: expect.stringMatching(/^its caption: Error: converting HTML failed in its worker/),
  });
}, 60_000);
