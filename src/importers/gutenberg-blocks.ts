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

const OPEN = /<!--\s+wp:([a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)?)(?:\s+(\{[\s\S]*?\}))?\s+(\/)?-->/g;
const EMBED = /<!--\s+wp:(embed|core-embed\/[a-z0-9-]+)(?:\s+(\{[\s\S]*?\}))?\s+-->([\s\S]*?)<!--\s+\/wp:\1\s+-->/g;
const GALLERY = /<!--\s+wp:gallery(?:\s+\{[\s\S]*?\})?\s+-->([\s\S]*?)<!--\s+\/wp:gallery\s+-->/g;
const PULLQUOTE = /<!--\s+wp:pullquote(?:\s+\{[\s\S]*?\})?\s+-->([\s\S]*?)<!--\s+\/wp:pullquote\s+-->/g;
// A figure with no figure inside: one image of a gallery, whichever of WordPress's two gallery markups.
const INNER_FIGURE = /<figure\b[^>]*>((?:(?!<\/?figure\b)[\s\S])*)<\/figure>/g;

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

export function gutenbergToHtml(html: string): GutenbergResult {
  if (!html.includes('<!-- wp:')) return { html, warnings: [] };
  const unknown = new Set<string>();
  const linked = new Set<string>();
  let out = html.replace(GALLERY, (_m, inner: string) => {
    const figures = [...inner.matchAll(INNER_FIGURE)]
      .map((f) => f[1]!)
      .filter((body) => /<img\b/i.test(body))
      .map((body) => {
        const img = /<img\b[^>]*>/i.exec(body)![0];
        const caption = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(body)?.[1];
        return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
      });
    // Images without a figure of their own (an unusual theme's markup): each alone.
    if (!figures.length) figures.push(...[...inner.matchAll(/<img\b[^>]*>/gi)].map((m) => `<figure>${m[0]}</figure>`));
    const caption =
      /<figcaption\b[^>]*class="[^"]*(?:blocks-gallery-caption|wp-element-caption)[^"]*"[^>]*>((?:(?!<figcaption\b)[\s\S])*?)<\/figcaption>\s*<\/(?:figure|ul)>\s*$/i.exec(
        inner,
      )?.[1];
    return figures.join('') + (caption ? `<p>${caption}</p>` : '');
  });
  out = out.replace(EMBED, (_m, name: string, json: string | undefined, inner: string) => {
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
  });
  out = out.replace(PULLQUOTE, (_m, inner: string) => {
    const paragraphs = [...inner.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)].map((p) => p[1]!.trim()).filter(Boolean);
    const cite = /<cite\b[^>]*>([\s\S]*?)<\/cite>/i.exec(inner)?.[1]?.trim();
    if (!paragraphs.length) return inner;
    return `<figure class="pull-quote"><blockquote><p>${paragraphs.join(' ')}</p></blockquote>${cite ? `<figcaption>${cite}</figcaption>` : ''}</figure>`;
  });
  for (const m of out.matchAll(OPEN)) {
    const name = m[1]!;
    const short = name.startsWith('core/') ? name.slice(5) : name;
    if (!KNOWN.has(short)) unknown.add(`wp:${name}`);
  }
  const warnings: string[] = [];
  if (linked.size) warnings.push(`embeds the body cannot show kept as links: ${[...linked].join(', ')}`);
  if (unknown.size) warnings.push(`blocks kept as cleaned HTML (scripts, frames and styles dropped): ${[...unknown].join(', ')}`);
  return { html: out, warnings };
}
