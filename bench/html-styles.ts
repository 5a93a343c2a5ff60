/**
 * Which way to write server HTML: the same admin-like page (a 50-row table with escaped text and attributes) built
 * with hono/jsx, with the escaping html`` template (render/html.ts) and with plain string concatenation. Rounds
 * alternate between the styles so drift (JIT, GC, a busy machine) hits each alike; the best round counts.
 * Run: node --import tsx bench/html-styles.ts
 */
import { jsx, Fragment } from 'hono/jsx/jsx-runtime';
import { escapeHtml, html, raw } from '../src/render/html.js';

type Row = { id: string; headline: string; author: string; state: string; updated: string; locale: string };

const rows: Row[] = Array.from({ length: 50 }, (_, i) => ({
  id: `a${i}`,
  headline: `Story ${i}: "Budget" talks & <the> city's plan`,
  author: i % 3 ? `Anna O'Neil ${i}` : 'Ivan & Co',
  state: ['draft', 'in_review', 'published'][i % 3]!,
  updated: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
  locale: i % 2 ? 'en' : 'ru',
}));

const h = (tag: string, props: Record<string, unknown>, ...children: unknown[]) => jsx(tag, { ...props, children });

function viaJsx(): string {
  const node = h(
    'html',
    { lang: 'en' },
    h('head', {}, h('meta', { charset: 'utf-8' }), h('title', {}, 'Articles — Site admin')),
    h(
      'body',
      {},
      h(
        'main',
        { id: 'main' },
        h('h1', {}, 'Articles'),
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Headline'), h('th', {}, 'Author'), h('th', {}, 'State'), h('th', {}, 'Updated'))),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h(
                'tr',
                { class: `state-${r.state}` },
                h('td', {}, h('a', { href: `/admin/articles/${r.id}`, lang: r.locale, title: r.headline }, r.headline)),
                h('td', {}, r.author),
                h('td', {}, h('span', { class: 'badge', 'data-state': r.state }, r.state)),
                h('td', {}, h('time', { datetime: r.updated }, r.updated.slice(0, 10))),
              ),
            ),
          ),
        ),
        jsx(Fragment, { children: h('p', { class: 'note' }, `${rows.length} stories`) }),
      ),
    ),
  );
  return `<!DOCTYPE html>${String(node)}`;
}

function viaTemplate(): string {
  const page = html`<html lang="en"><head><meta charset="utf-8"/><title>${'Articles — Site admin'}</title></head><body><main id="main"><h1>Articles</h1><table><thead><tr><th>Headline</th><th>Author</th><th>State</th><th>Updated</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr class="state-${r.state}"><td><a href="/admin/articles/${r.id}" lang="${r.locale}" title="${r.headline}">${r.headline}</a></td><td>${r.author}</td><td><span class="badge" data-state="${r.state}">${r.state}</span></td><td><time datetime="${r.updated}">${r.updated.slice(0, 10)}</time></td></tr>`,
  )}</tbody></table>${raw(`<p class="note">${rows.length} stories</p>`)}</main></body></html>`;
  return `<!DOCTYPE html>${page.text}`;
}

function viaConcat(): string {
  const e = escapeHtml;
  let s =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>' +
    e('Articles — Site admin') +
    '</title></head><body><main id="main"><h1>Articles</h1><table><thead><tr><th>Headline</th><th>Author</th><th>State</th><th>Updated</th></tr></thead><tbody>';
  for (const r of rows) {
    s +=
      '<tr class="state-' +
      e(r.state) +
      '"><td><a href="/admin/articles/' +
      e(r.id) +
      '" lang="' +
      e(r.locale) +
      '" title="' +
      e(r.headline) +
      '">' +
      e(r.headline) +
      '</a></td><td>' +
      e(r.author) +
      '</td><td><span class="badge" data-state="' +
      e(r.state) +
      '">' +
      e(r.state) +
      '</span></td><td><time datetime="' +
      e(r.updated) +
      '">' +
      e(r.updated.slice(0, 10)) +
      '</time></td></tr>';
  }
  return s + '</tbody></table><p class="note">' + rows.length + ' stories</p></main></body></html>';
}

const styles = { 'hono/jsx': viaJsx, 'html`` template': viaTemplate, concatenation: viaConcat } as const;

// The three must build the same page, or the comparison means nothing.
const reference = viaJsx();
for (const [name, fn] of Object.entries(styles)) if (fn() !== reference) throw new Error(`${name} builds a different page:\n${fn()}\n---\n${reference}`);

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const ROUND_MS = Number(process.env.ROUND_MS ?? 400);
const best: Record<string, number> = {};
let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of Object.entries(styles)) {
    let ops = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ROUND_MS) {
      for (let i = 0; i < 20; i++) sink += fn().length;
      ops += 20;
      now = performance.now();
    }
    const rate = (ops * 1000) / (now - start);
    best[name] = Math.max(best[name] ?? 0, rate);
  }
}
const base = best['hono/jsx']!;
console.log(`${reference.length}-byte page, best of ${ROUNDS} alternating rounds of ${ROUND_MS} ms (sink ${sink % 7})`);
for (const [name, rate] of Object.entries(best))
  console.log(`${name.padEnd(18)} ${Math.round(rate).toString().padStart(8)} ops/s  ${(rate / base).toFixed(2)}x hono/jsx`);
