import { EMBED_LABEL, embedProvider } from '../content/body-rules.js';
import type { Doc } from '../content/document.js';
import { effectiveAlt, type LibraryImage } from '../content/media.js';
import { attr, children, CONTROL_RE, isNode, MAX_DEPTH, str, type Loose } from '../content/loose-node.js';
import { escapeHtml } from './html.js';
import { pictureHtml, SIZES } from './picture.js';

/*
 * Article body JSON -> HTML by a direct walk over our schema. @tiptap/static-renderer gives the same markup (the
 * parity test proves it) but builds a ProseMirror schema per call and costs ~100x more; pages are rendered on every
 * publish. Stored bodies are only nominally `Doc`, so every field is read through content/loose-node.ts and nothing
 * here throws.
 */

// Control characters go first: they are never typed on purpose and the validator refuses them.
const escape = (s: string): string => escapeHtml(s.replace(CONTROL_RE, ''));

const wrap = (tag: string, inner: string): string => (inner ? `<${tag}>${inner}</${tag}>` : '');

// Browsers drop tabs, newlines and spaces while reading a scheme ("java\tscript:"), so the check must too.
const SCHEME_RE = /^([a-z][a-z\d+.-]*):/i;
// Characters that make the URL invalid for the validator (pasted spaces, quotes, stray %), percent-encoded.
const URL_FIX_RE = /[^\w!$&'()*+,\-./:;=?@~#%[\]\u00A0-\uFFFF]|%(?![\da-f]{2})/gi;

function safeUrl(raw: unknown, allowMailto: boolean): string | null {
  const url = str(raw).trim();
  if (!url) return null;
  const scheme = SCHEME_RE.exec(url.replace(/[\u0000-\u0020\u007F]/g, ''))?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && !(allowMailto && scheme === 'mailto')) return null;
  return url.replace(URL_FIX_RE, (c) => (c === '%' ? '%25' : encodeURIComponent(c)));
}

// Nesting order of marks, outermost first: the rank ProseMirror gives StarterKit's marks, so the markup matches the
// editor's (and the library's) even when stored marks come in another order.
const MARK_ORDER = ['link', 'bold', 'code', 'italic', 'strike'];
const MARK_TAG: Record<string, string> = { bold: 'strong', code: 'code', italic: 'em', strike: 's' };

function applyMark(mark: Loose, html: string): string {
  const tag = MARK_TAG[mark.type as string];
  if (tag) return `<${tag}>${html}</${tag}>`;
  const href = safeUrl(attr(mark, 'href'), true);
  if (href === null) return html; // a javascript:/data: link keeps its words, loses the link
  const title = str(attr(mark, 'title'));
  // Readers stay in the tab (no target); rel only matters for other origins and we can't tell ours from here.
  const external = /^(?:https?:)?\/\//i.test(href);
  return `<a href="${escape(href)}"${title ? ` title="${escape(title)}"` : ''}${external ? ' rel="noopener"' : ''}>${html}</a>`;
}

function text(n: Loose): string {
  let html = escape(str(n.text));
  if (!html || !Array.isArray(n.marks)) return html;
  const marks = n.marks
    .filter((m): m is Loose => isNode(m) && MARK_ORDER.includes(m.type as string))
    .sort((a, b) => MARK_ORDER.indexOf(a.type as string) - MARK_ORDER.indexOf(b.type as string))
    .filter((m, i, all) => i === 0 || all[i - 1]?.type !== m.type); // a doubled link would nest <a> in <a>
  for (let i = marks.length - 1; i >= 0; i--) html = applyMark(marks[i]!, html);
  return html;
}

function inlines(n: Loose, depth: number): string {
  let out = '';
  for (const c of children(n)) if (isNode(c)) out += inline(c, depth + 1);
  return out;
}

function inline(n: Loose, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  if (n.type === 'text') return text(n);
  if (n.type === 'hardBreak') return '<br>';
  // Unknown inline nodes (a mention, an emoji) and misplaced blocks keep their text; a block element here would be
  // invalid inside <p>.
  return inlines(n, depth);
}

function blocks(n: Loose, depth: number): string {
  let out = '';
  for (const c of children(n)) if (isNode(c)) out += block(c, depth + 1);
  return out;
}

function list(n: Loose, depth: number, open: string, close: string): string {
  let items = '';
  for (const c of children(n)) {
    if (!isNode(c)) continue;
    if (c.type === 'listItem') items += `<li>${blocks(c, depth + 1)}</li>`;
    else items += wrap('li', block(c, depth + 1)); // <ul>/<ol> may only hold <li>
  }
  return items ? open + items + close : '';
}

/** Library images of the body being rendered (set by renderDocument for the length of one synchronous call). */
let library: LibraryImages | undefined;
/** Whether the body being rendered has shown a section heading (h2) yet; reset by renderDocument, as `library`. */
let sectionSeen = false;

function image(n: Loose): string {
  const src = safeUrl(attr(n, 'src'), false);
  const id = attr(n, 'mediaId');
  const lib = typeof id === 'number' ? library?.[id] : undefined;
  const title = str(attr(n, 'title'));
  // A library image shows its renditions; its alt, caption and credit fill in what this use leaves empty.
  const picture = lib
    ? pictureHtml(lib, { alt: effectiveAlt(str(attr(n, 'alt')), lib.alt).replace(CONTROL_RE, ''), sizes: SIZES.article, title: title.replace(CONTROL_RE, '') })
    : null;
  if (src === null && picture === null) return '';
  const caption = escape(str(attr(n, 'caption')).trim() || (lib?.caption ?? '').trim());
  const credit = escape(str(attr(n, 'credit')).trim() || (lib?.credit ?? '').trim());
  let html = picture
    ? `<figure>${picture}`
    : `<figure><img src="${escape(src!)}" alt="${escape(str(attr(n, 'alt')))}"${title ? ` title="${escape(title)}"` : ''} loading="lazy" decoding="async">`;
  if (caption || credit) html += `<figcaption>${caption}${caption && credit ? ' ' : ''}${wrap('small', credit)}</figcaption>`;
  return `${html}</figure>`;
}

function pullQuote(n: Loose, depth: number): string {
  const quote = inlines(n, depth);
  if (!quote) return '';
  const attribution = escape(str(attr(n, 'attribution')).trim());
  return `<figure class="pull-quote"><blockquote><p>${quote}</p></blockquote>${wrap('figcaption', attribution)}</figure>`;
}

// A link with the provider's name, never the provider's script or frame: the page works with JavaScript off and under
// `script-src 'none'`, and readers are not tracked until they choose to follow it. The provider is derived from the
// URL again rather than trusted from the stored attrs.
function embed(n: Loose): string {
  const url = str(attr(n, 'url'));
  const provider = embedProvider(url);
  if (!provider) return '';
  const href = escape(url.replace(URL_FIX_RE, (c) => (c === '%' ? '%25' : encodeURIComponent(c))));
  return `<figure class="embed" data-provider="${provider}"><figcaption>${EMBED_LABEL[provider]}</figcaption><a href="${href}" rel="noopener">${escape(url)}</a></figure>`;
}

function span(n: Loose, key: string): string {
  const v = attr(n, key);
  return Number.isInteger(v) && (v as number) > 1 && (v as number) <= 1000 ? ` ${key}="${v as number}"` : '';
}

// Header cells in the first row head columns, elsewhere (a first column) they head rows. The wrapper scrolls a wide
// table sideways on a phone and is focusable so keyboard users can scroll it too.
function table(n: Loose, depth: number): string {
  let rows = '';
  let first = true;
  for (const r of children(n)) {
    if (!isNode(r) || r.type !== 'tableRow') continue;
    let cells = '';
    for (const c of children(r)) {
      if (!isNode(c)) continue;
      const inner = blocks(c, depth + 2);
      if (c.type === 'tableHeader') cells += `<th scope="${first ? 'col' : 'row'}"${span(c, 'colspan')}${span(c, 'rowspan')}>${inner}</th>`;
      else if (c.type === 'tableCell') cells += `<td${span(c, 'colspan')}${span(c, 'rowspan')}>${inner}</td>`;
    }
    if (!cells) continue;
    rows += `<tr>${cells}</tr>`;
    first = false;
  }
  return rows ? `<div class="table-scroll" tabindex="0"><table><tbody>${rows}</tbody></table></div>` : '';
}

function factBox(n: Loose, depth: number): string {
  const inner = blocks(n, depth);
  if (!inner) return '';
  const title = escape(str(attr(n, 'title')).trim());
  return `<aside class="fact-box">${wrap('h2', title)}<div>${inner}</div></aside>`;
}

function block(n: Loose, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  switch (n.type) {
    // Empty paragraphs are editor spacing (Enter pressed twice); the page's CSS owns spacing.
    case 'paragraph':
      return wrap('p', inlines(n, depth));
    // <h1> is the headline; body sections sit under it, and deeper levels would outrun the page's outline. A subsection
    // before the body's first section would skip a level under the headline (invalid to the Nu checker, and a gap
    // to a screen reader): a body whose headings start at h3, as many WordPress posts' do, gets them as sections.
    case 'heading': {
      const sub = Number(attr(n, 'level')) >= 3;
      const html = wrap(sub && sectionSeen ? 'h3' : 'h2', inlines(n, depth));
      if (html && !sub) sectionSeen = true;
      return html;
    }
    case 'blockquote':
      return wrap('blockquote', blocks(n, depth));
    case 'bulletList':
      return list(n, depth, '<ul>', '</ul>');
    case 'orderedList': {
      const start = attr(n, 'start');
      return list(n, depth, Number.isInteger(start) && start !== 1 ? `<ol start="${start as number}">` : '<ol>', '</ol>');
    }
    case 'horizontalRule':
      return '<hr>';
    case 'image':
      return image(n);
    case 'pullQuote':
      return pullQuote(n, depth);
    case 'embed':
      return embed(n);
    case 'table':
      return table(n, depth);
    case 'factBox':
      return factBox(n, depth);
    case 'text':
    case 'hardBreak':
      return inline(n, depth);
    default: // 'doc', 'listItem' outside a list, and node types we don't know: their content, or nothing
      return blocks(n, depth);
  }
}

/** Library images by media id, as loaded with the article (db/load-article.ts loadArticle). */
export type LibraryImages = Readonly<Record<number, LibraryImage>>;

/** `media`: the library images the body's image nodes point at (mediaId); without them those show their plain src. */
export function renderDocument(doc: Doc, media?: LibraryImages): string {
  if (!isNode(doc)) return '';
  library = media;
  sectionSeen = false;
  try {
    return block(doc, 0);
  } finally {
    library = undefined;
  }
}
