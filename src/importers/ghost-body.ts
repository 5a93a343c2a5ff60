/*
 * A Ghost post's body as HTML, for the same bounded converter as pasted HTML (services/html-convert.ts): the `html`
 * column when the export has it, else the post's source rendered here: `lexical` (Ghost 5.x-6.x), `mobiledoc`
 * (1.x-4.x) or `markdown` (0.x; Markdown rendered by markdown-it, as Ghost's own card was). Only the common cards and nodes are rendered; anything else is kept as safe text and
 * named in the warnings. Every string from the file is escaped here: the converter then sanitises what it reads.
 * Pure.
 */

import { markdownToHtml } from './markdown-html.js';

export type GhostBody = { html: string; warnings: string[]; source: 'html' | 'lexical' | 'mobiledoc' | 'markdown' | 'none' };

const esc = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** `__GHOST_URL__/content/…` (Ghost 4.x+) as a site-relative address. */
export const ghostUrl = (u: unknown) => String(u ?? '').replace(/^__GHOST_URL__/, '');

/** An address usable in a link or image: http(s), site-relative or mailto; anything else (javascript:…) is dropped. */
const href = (u: unknown) => {
  const s = ghostUrl(u).trim();
  return /^(https?:\/\/|\/(?!\/)|mailto:|#)/i.test(s) ? s : '';
};

const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown) => (typeof x === 'string' ? x : '');

/** Plain text as paragraphs (blank lines between), escaped. */
export function textParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** Markdown rendered (markdown-html.ts); one too long to render is kept as text paragraphs, with a warning. */
function markdown(text: string, warnings: string[]): string {
  const html = markdownToHtml(text);
  if (html !== null) return html;
  warnings.push('Markdown too long to render: kept as text paragraphs');
  return textParagraphs(text);
}

const figure = (src: unknown, alt: unknown, caption: unknown) => {
  const s = href(src);
  if (!s) return '';
  const cap = str(caption).trim();
  // A Ghost caption is HTML written in its editor: its text is what is kept.
  const capText = cap.replace(/<[^>]*>/g, '');
  return `<figure><img src="${esc(s)}" alt="${esc(alt)}">${capText ? `<figcaption>${esc(capText)}</figcaption>` : ''}</figure>`;
};

/** A card both editors share (mobiledoc's cards, lexical's decorator nodes), or null when it is not one of them. */
function card(name: string, p: Record<string, unknown>, warnings: string[]): string | null {
  switch (name) {
    case 'image':
      return figure(p.src, p.alt ?? p.altText, p.caption);
    case 'gallery':
      return arr(p.images)
        .map((i) => figure(obj(i).src, obj(i).alt, obj(i).caption))
        .join('');
    case 'html':
      return str(p.html);
    case 'markdown':
    case 'card-markdown':
      return markdown(str(p.markdown), warnings);
    case 'code':
    case 'codeblock':
      return `<pre><code>${esc(p.code)}</code></pre>`;
    case 'embed': {
      const url = href(p.url);
      return str(p.html) || (url ? `<p><a href="${esc(url)}">${esc(url)}</a></p>` : '');
    }
    case 'bookmark': {
      const url = href(p.url);
      const title = str(obj(p.metadata).title) || url;
      return url ? `<p><a href="${esc(url)}">${esc(title)}</a></p>` : '';
    }
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    default:
      return null;
  }
}

/** Mobiledoc 0.3 (Ghost 1.x-4.x): markup sections, lists, image sections and cards. */
export function renderMobiledoc(json: string, warnings: string[]): string {
  const doc = obj(JSON.parse(json));
  const markups = arr(doc.markups).map((m) => arr(m));
  const atoms = arr(doc.atoms).map((a) => arr(a));
  const cards = arr(doc.cards).map((c) => arr(c));
  const open = (i: number) => {
    const m = markups[i] ?? [];
    const tag = str(m[0]).toLowerCase();
    const attrs = arr(m[1]);
    if (tag === 'a') {
      const at = attrs.indexOf('href');
      return { o: `<a href="${esc(href(at >= 0 ? attrs[at + 1] : ''))}">`, c: '</a>' };
    }
    const t = ({ strong: 'strong', b: 'strong', em: 'em', i: 'em', code: 'code', s: 's', u: 'u', sub: 'sub', sup: 'sup' } as Record<string, string>)[tag];
    return t ? { o: `<${t}>`, c: `</${t}>` } : { o: '', c: '' };
  };
  const markers = (ms: unknown[]) => {
    let out = '';
    const stack: string[] = [];
    for (const raw of ms) {
      const m = arr(raw);
      for (const i of arr(m[1])) {
        const t = open(Number(i));
        out += t.o;
        stack.push(t.c);
      }
      if (m[0] === 1) {
        const atom = atoms[Number(m[3])] ?? [];
        if (atom[0] === 'soft-return') out += '<br>';
        else out += esc(atom[1]);
      } else out += esc(m[3]);
      for (let n = Number(m[2]) || 0; n > 0 && stack.length; n--) out += stack.pop();
    }
    while (stack.length) out += stack.pop();
    return out;
  };
  const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'aside']);
  return arr(doc.sections)
    .map((raw) => {
      const s = arr(raw);
      if (s[0] === 1) {
        const tag = str(s[1]).toLowerCase();
        const t = tag === 'aside' ? 'blockquote' : BLOCK.has(tag) ? tag : 'p';
        return `<${t}>${markers(arr(s[2]))}</${t}>`;
      }
      if (s[0] === 2) return figure(s[1], '', '');
      if (s[0] === 3) {
        const t = str(s[1]).toLowerCase() === 'ol' ? 'ol' : 'ul';
        return `<${t}>${arr(s[2])
          .map((li) => `<li>${markers(arr(li))}</li>`)
          .join('')}</${t}>`;
      }
      if (s[0] === 10) {
        const c = cards[Number(s[1])] ?? [];
        const name = str(c[0]);
        const html = card(name, obj(c[1]), warnings);
        if (html !== null) return html;
        warnings.push(`an unknown card "${name}" kept as text`);
        return unknownAsText(c[1]);
      }
      return '';
    })
    .join('\n');
}

/** The strings of an unknown card's payload, as text: nothing of it runs, nothing readable is lost. */
function unknownAsText(payload: unknown): string {
  const texts: string[] = [];
  const walk = (x: unknown, depth: number) => {
    if (depth > 8 || texts.length > 200) return;
    if (typeof x === 'string' && x.trim()) texts.push(x.replace(/<[^>]*>/g, ' ').trim());
    else if (Array.isArray(x)) for (const y of x) walk(y, depth + 1);
    else if (x && typeof x === 'object') for (const y of Object.values(x)) walk(y, depth + 1);
  };
  walk(payload, 0);
  return texts.length ? `<p>${esc(texts.join(' '))}</p>` : '';
}

/** Lexical (Ghost 5.x-6.x): paragraphs, headings, quotes, lists, links, text formats and Ghost's cards. */
export function renderLexical(json: string, warnings: string[]): string {
  const root = obj(obj(JSON.parse(json)).root);
  const inline = (nodes: unknown[]): string =>
    nodes
      .map((raw) => {
        const n = obj(raw);
        const type = str(n.type);
        if (type === 'text' || type === 'extended-text') {
          const f = Number(n.format) || 0;
          let t = esc(n.text);
          if (f & 16) t = `<code>${t}</code>`;
          if (f & 4) t = `<s>${t}</s>`;
          if (f & 2) t = `<em>${t}</em>`;
          if (f & 1) t = `<strong>${t}</strong>`;
          return t;
        }
        if (type === 'linebreak') return '<br>';
        if (type === 'link' || type === 'autolink') return `<a href="${esc(href(n.url))}">${inline(arr(n.children))}</a>`;
        return inline(arr(n.children));
      })
      .join('');
  const block = (raw: unknown): string => {
    const n = obj(raw);
    const type = str(n.type);
    const kids = arr(n.children);
    switch (type) {
      case 'paragraph':
        return `<p>${inline(kids)}</p>`;
      case 'heading':
      case 'extended-heading': {
        const tag = /^h[1-6]$/.test(str(n.tag)) ? str(n.tag) : 'h2';
        return `<${tag}>${inline(kids)}</${tag}>`;
      }
      case 'quote':
      case 'extended-quote':
      case 'aside':
        return `<blockquote>${inline(kids)}</blockquote>`;
      case 'list': {
        const tag = n.listType === 'number' ? 'ol' : 'ul';
        // A nested list is a list node inside an item: rendered in place, not dropped.
        const item = (li: unknown) =>
          `<li>${arr(obj(li).children)
            .map((c) => (obj(c).type === 'list' ? block(c) : inline([c])))
            .join('')}</li>`;
        return `<${tag}>${kids.map(item).join('')}</${tag}>`;
      }
      default: {
        const html = card(type, { ...n, alt: n.alt ?? n.altText }, warnings);
        if (html !== null) return html;
        if (kids.length) return `<p>${inline(kids)}</p>`;
        warnings.push(`an unknown node "${type}" kept as text`);
        return unknownAsText(n);
      }
    }
  };
  return arr(root.children).map(block).join('\n');
}

/** The body of a `posts` row, as HTML, and what could not be rendered as it was. */
export function ghostBodyHtml(post: Record<string, unknown>): GhostBody {
  const warnings: string[] = [];
  const html = str(post.html);
  if (html.trim()) return { html: html.replace(/__GHOST_URL__/g, ''), warnings, source: 'html' };
  try {
    if (str(post.lexical).trim()) return { html: renderLexical(str(post.lexical), warnings), warnings, source: 'lexical' };
    if (str(post.mobiledoc).trim()) return { html: renderMobiledoc(str(post.mobiledoc), warnings), warnings, source: 'mobiledoc' };
  } catch {
    warnings.push('the editor document (lexical/mobiledoc) is not valid JSON: the body is empty');
    return { html: '', warnings, source: 'none' };
  }
  if (str(post.markdown).trim()) return { html: markdown(str(post.markdown), warnings), warnings, source: 'markdown' };
  return { html: '', warnings, source: 'none' };
}
