import { embedProvider } from '../content/body-rules.js';

/**
 * WordPress block markup (Gutenberg) made ready for the one HTML converter (html-to-document.ts), which reads the
 * HTML of most blocks as it is: paragraphs, headings, quotes, lists, images, tables, separators. What it cannot read
 * right is rewritten here, block by block, from the block's own comment:
 *
 * - an embed (`wp:embed`, and `wp:core-embed/*` of WordPress 5.0-5.5) holds only its URL as text: it becomes our embed
 *   when the provider is one the body shows (YouTube, X, Telegram), else a link, with a warning;
 * - a gallery nests a figure per image in one figure, which would read as one image: each image becomes a figure of
 *   its own (caption kept), the gallery's caption a paragraph after them;
 * - a pull quote becomes ours (its citation the attribution).
 *
 * Any other block's HTML goes through the converter like pasted HTML (scripts, frames, handlers and styles dropped;
 * its text kept), and the post gets a warning naming the blocks that were not ours to read. Pure: text in, text out.
 */
export type GutenbergResult = { html: string; warnings: string[] };

/** Blocks whose HTML the converter reads as the block means it (or that are layout or nothing to read). */
const KNOWN = new Set([
  'paragraph',
  'heading',
  'quote',
  'pullquote',
  'list',
  'list-item',
  'image',
  'gallery',
  'embed',
  'table',
  'separator',
  'spacer',
  'more',
  'nextpage',
  'freeform',
  'preformatted',
  'code',
  'verse',
  'group',
  'columns',
  'column',
]);

/**
 * Limits on what one block may hold before it is no longer read as that block: a block's attributes are a few hundred
 * bytes (a larger JSON is hostile or broken, and ignored); a gallery, embed or pull quote larger than MAX_INNER is left
 * to the converter as it is.
 */
const MAX_ATTRS = 16 * 1024;
const MAX_INNER = 1024 * 1024;
const BLOCK_NAME = /^[a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)?$/;
const EMBED_NAME = /^(?:embed|core-embed\/[a-z0-9-]+)$/;

type Token = { start: number; end: number; name: string; json: string | undefined; kind: 'open' | 'close' | 'void' };

/**
 * The block comments of a post, found in one pass as WordPress's own block parser does (indexOf, not a regex that can
 * backtrack): every `<!--` is a comment up to the first `-->` after it; it is a block delimiter when it reads
 * `<!-- [/]wp:name [{json}] [/]-->`. The position of the last `-->` found is kept, so a run of comment openers with no
 * end (or one end far away) costs one search, not one per opener.
 */
function blockTokens(html: string): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  let closeAt = -1;
  for (;;) {
    const start = html.indexOf('<!--', from);
    if (start < 0) break;
    if (closeAt < start + 4) closeAt = html.indexOf('-->', start + 4);
    if (closeAt < 0) break;
    from = start + 4;
    // A comment longer than any block's attributes is read by its head and tail only (its attributes ignored), so a
    // run of openers before one far end is not read again and again.
    const long = closeAt - start - 4 > MAX_ATTRS + 256;
    let body = long ? html.slice(start + 4, start + 260) + html.slice(closeAt - 16, closeAt) : html.slice(start + 4, closeAt);
    if (!/^\s/.test(body)) continue;
    body = body.trim();
    const closer = body.startsWith('/wp:');
    if (!closer && !body.startsWith('wp:')) continue;
    body = body.slice(closer ? 4 : 3);
    const nameEnd = body.search(/[^a-z0-9/-]/);
    const name = nameEnd < 0 ? body : body.slice(0, nameEnd);
    if (!BLOCK_NAME.test(name)) continue;
    let rest = body.slice(name.length);
    if (rest && !/^\s/.test(rest)) continue;
    rest = rest.trim();
    const isVoid = !closer && rest.endsWith('/');
    if (isVoid) rest = rest.slice(0, -1).trimEnd();
    if (rest && !(rest.startsWith('{') && rest.endsWith('}'))) continue;
    if (closer && rest) continue;
    tokens.push({
      start,
      end: closeAt + 3,
      name,
      json: rest && !long && rest.length <= MAX_ATTRS ? rest : undefined,
      kind: closer ? 'close' : isVoid ? 'void' : 'open',
    });
    from = closeAt + 3;
  }
  return tokens;
}

/** Each `<tag …>…</tag>` in order, the content up to the first closing tag (as a lazy regex would, in one pass). */
function* elements(html: string, tag: string): Generator<{ open: string; content: string }> {
  const open = new RegExp(`<${tag}\\b[^<>]*>`, 'gi');
  const close = new RegExp(`</${tag}\\s*>`, 'gi');
  for (let m = open.exec(html); m; m = open.exec(html)) {
    close.lastIndex = open.lastIndex;
    const c = close.exec(html);
    // No closing tag after this one: none after any later one either.
    if (!c) return;
    yield { open: m[0], content: html.slice(open.lastIndex, c.index) };
    open.lastIndex = close.lastIndex;
  }
}

/** The content of each figure with no figure inside it (one image of a gallery, whichever of WordPress's markups). */
function innerFigures(html: string): string[] {
  const out: string[] = [];
  const tag = /<(\/?)figure\b[^<>]*>/gi;
  let openEnd = -1;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (!m[1]) openEnd = tag.lastIndex;
    else if (openEnd >= 0) {
      out.push(html.slice(openEnd, m.index));
      openEnd = -1;
    }
  }
  return out;
}

/** The gallery's own caption: its last figcaption, with a gallery caption class, right before the gallery's end. */
function galleryCaption(inner: string): string | undefined {
  const at = inner.toLowerCase().lastIndexOf('<figcaption');
  if (at < 0) return undefined;
  const tag = /^<figcaption\b[^<>]*>/i.exec(inner.slice(at, at + 2048));
  if (!tag || !/\bclass="[^"]*(?:blocks-gallery-caption|wp-element-caption)[^"]*"/i.test(tag[0])) return undefined;
  const end = inner.toLowerCase().lastIndexOf('</figcaption>');
  if (end < at + tag[0].length || !/^<\/figcaption>\s*<\/(?:figure|ul)>\s*$/i.test(inner.slice(end))) return undefined;
  return inner.slice(at + tag[0].length, end);
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function attrsOf(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function gallery(inner: string): string {
  const figures = innerFigures(inner)
    .filter((body) => /<img\b/i.test(body))
    .map((body) => {
      const img = /<img\b[^<>]*>/i.exec(body)?.[0] ?? '';
      const caption = elements(body, 'figcaption').next().value?.content;
      return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
    });
  // Images without a figure of their own (an unusual theme's markup): each alone.
  if (!figures.length) figures.push(...[...inner.matchAll(/<img\b[^<>]*>/gi)].map((m) => `<figure>${m[0]}</figure>`));
  const caption = galleryCaption(inner);
  return figures.join('') + (caption ? `<p>${caption}</p>` : '');
}

function pullQuote(inner: string): string {
  const paragraphs = [...elements(inner, 'p')].map((p) => p.content.trim()).filter(Boolean);
  const cite = elements(inner, 'cite').next().value?.content.trim();
  if (!paragraphs.length) return inner;
  return `<figure class="pull-quote"><blockquote><p>${paragraphs.join(' ')}</p></blockquote>${cite ? `<figcaption>${cite}</figcaption>` : ''}</figure>`;
}

export function gutenbergToHtml(html: string): GutenbergResult {
  if (!html.includes('<!-- wp:')) return { html, warnings: [] };
  const unknown = new Set<string>();
  const linked = new Set<string>();

  const embed = (name: string, json: string | undefined, inner: string): string => {
    const fromAttrs = attrsOf(json)['url'];
    const url = (typeof fromAttrs === 'string' ? fromAttrs : (/https?:\/\/[^\s<>"]+/.exec(inner)?.[0] ?? '')).trim();
    // A URL that only looks like one ("https:// www…", "http://", a bad port) would throw in new URL() below and stop
    // the whole import at this post on every re-run: it is no URL.
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      unknown.add(`wp:${name} (no URL)`);
      return '';
    }
    if (embedProvider(url)) return `<figure class="embed"><a href="${escapeAttr(url)}">${escapeText(url)}</a></figure>`;
    linked.add(String(attrsOf(json)['providerNameSlug'] ?? (name.startsWith('core-embed/') ? name.slice(11) : new URL(url).host)));
    return `<p><a href="${escapeAttr(url)}">${escapeText(url)}</a></p>`;
  };

  const tokens = blockTokens(html);
  // For each opener of a block rewritten here, the index of the next closer of the same name (one backward pass).
  const closer = new Array<number>(tokens.length).fill(-1);
  const nextClose = new Map<string, number>();
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.kind === 'close') nextClose.set(t.name, i);
    else if (t.kind === 'open') closer[i] = nextClose.get(t.name) ?? -1;
  }
  const note = (t: Token) => {
    const short = t.name.startsWith('core/') ? t.name.slice(5) : t.name;
    if (!KNOWN.has(short)) unknown.add(`wp:${t.name}`);
  };

  let out = '';
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'close') continue;
    const j = closer[i]!;
    const special = t.kind === 'open' && j >= 0 && (t.name === 'gallery' || t.name === 'pullquote' || EMBED_NAME.test(t.name));
    const inner = special ? html.slice(t.end, tokens[j]!.start) : '';
    if (!special || inner.length > MAX_INNER) {
      note(t);
      continue;
    }
    out += html.slice(at, t.start);
    if (t.name === 'gallery') out += gallery(inner);
    else if (t.name === 'pullquote') {
      const q = pullQuote(inner);
      out += q;
      // Kept as it was: its own blocks are read as any others.
      if (q === inner) for (let k = i + 1; k < j; k++) if (tokens[k]!.kind !== 'close') note(tokens[k]!);
    } else out += embed(t.name, t.json, inner);
    at = tokens[j]!.end;
    i = j;
  }
  out += html.slice(at);

  const warnings: string[] = [];
  if (linked.size) warnings.push(`embeds the body cannot show kept as links: ${[...linked].join(', ')}`);
  if (unknown.size) warnings.push(`blocks kept as cleaned HTML (scripts, frames and styles dropped): ${[...unknown].join(', ')}`);
  return { html: out, warnings };
}
