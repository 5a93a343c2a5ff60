import { Readability } from '@mozilla/readability';
import { parseFeed } from 'feedsmith';
import { Window } from 'happy-dom';
import iconv from 'iconv-lite';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../errors.js';

/**
 * A partner's feed, as bytes off the wire, -> the stories in it (issue 14). Pure, and CPU-heavy on hostile input, so
 * it runs in the wire worker (services/wire-worker.ts) under a time budget, never on the server's thread.
 *
 * - Encoding: a BOM, else the HTTP header's charset, else the XML declaration's (or an HTML page's <meta charset>),
 *   else detection: valid UTF-8 is UTF-8; otherwise Cyrillic text is told apart as windows-1251 or KOI8-R by where
 *   its lower-case letters fall (the two put them in opposite halves of 0xC0-0xFF), anything else is ISO-8859-1.
 * - Formats: whatever feedsmith reads (RSS 0.9x/1.0/2.0, Atom, JSON Feed); an HTML page or garbage is FEED_NOT_A_FEED.
 * - URLs: links and the URLs in the text resolved against xml:base (feed, then entry) and the feed's own address.
 * - Text: HTML sanitized to a small allow-list (the adapting editor's copy; it becomes a document through the HTML
 *   converter when adapted).
 */

export type WireEntry = {
  guid: string;
  link: string | null;
  title: string;
  author: string | null;
  summary: string | null;
  /** Sanitized HTML of the full text, when the feed carried it. */
  contentHtml: string | null;
  publishedAt: string | null;
  language: string | null;
};

export type ParsedFeed = {
  format: string;
  title: string | null;
  language: string | null;
  items: WireEntry[];
  failed: { guid: string | null; reason: string }[];
};

const MAX_ITEMS = 500;
const MAX_TEXT = 400_000;

// ---------------------------------------------------------------------------------------------------- encodings

const CHARSET_ALIASES: Record<string, string> = { 'x-cp1251': 'windows-1251', cp1251: 'windows-1251', koi8r: 'koi8-r', latin1: 'iso-8859-1' };

function known(charset: string | null | undefined): string | null {
  if (!charset) return null;
  const c = charset
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  const name = CHARSET_ALIASES[c] ?? c;
  return iconv.encodingExists(name) ? name : null;
}

const charsetOfContentType = (contentType: string | null | undefined) => /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? null;

/** The charset a document declares in its first bytes: `<?xml … encoding="…"?>` or an HTML `<meta charset>`. */
function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 2048).toString('latin1');
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? null;
}

function detect(bytes: Buffer): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // not UTF-8
  }
  let upperHalf = 0; // 0xE0-0xFF: lower case in windows-1251, upper case in KOI8-R
  let lowerHalf = 0; // 0xC0-0xDF: the other way round
  let ascii = 0;
  for (const b of bytes) {
    if (b >= 0xe0) upperHalf++;
    else if (b >= 0xc0) lowerHalf++;
    else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) ascii++;
  }
  const cyrillic = upperHalf + lowerHalf;
  // Latin-1 text has a few accented letters among many ASCII ones; Cyrillic text is mostly high bytes.
  if (cyrillic < ascii * 0.2) return 'iso-8859-1';
  return upperHalf >= lowerHalf ? 'windows-1251' : 'koi8-r';
}

/** Bytes -> text, by BOM, header, declaration or detection (above); says which it used. */
export function decodeText(bytes: Buffer, contentType?: string | null): { text: string; charset: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), charset: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), charset: 'utf-16be' };
  // UTF-16 without a BOM, told by its first `<` as XML itself tells it (XML 1.0, appendix F): its bytes are valid UTF-8
  // (ASCII and zeros), so the declaration could not be read and detection took it for UTF-8.
  const utf16 = bytes[0] === 0x3c && bytes[1] === 0 && bytes[3] === 0 ? 'utf-16le' : bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 ? 'utf-16be' : null;
  if (utf16) return { text: iconv.decode(bytes, utf16), charset: utf16 };
  const charset = known(charsetOfContentType(contentType)) ?? known(declaredCharset(bytes)) ?? detect(bytes);
  return { text: iconv.decode(bytes, charset), charset };
}

// ---------------------------------------------------------------------------------------------------- text helpers

const resolveUrl = (href: string | null | undefined, base: string): string | null => {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

const SANITIZE = (base: string): sanitizeHtml.IOptions => ({
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'b',
    'em',
    'i',
    'img',
    'figure',
    'figcaption',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'pre',
    'code',
    'hr',
  ],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    h1: 'h2',
    a: (tag, attribs): sanitizeHtml.Tag => ({ tagName: tag, attribs: attribs.href ? { href: resolveUrl(attribs.href, base) ?? '' } : {} }),
    img: (tag, attribs) => ({ tagName: tag, attribs: { src: resolveUrl(attribs.src, base) ?? '', alt: attribs.alt ?? '' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
});

/** Untrusted HTML -> a small allow-list, URLs made absolute. */
export const cleanHtml = (html: string, base: string): string => sanitizeHtml(html.slice(0, MAX_TEXT), SANITIZE(base)).trim();

/** HTML or text -> plain text on one line. */
export const plainText = (html: string | null | undefined): string =>
  sanitizeHtml((html ?? '').slice(0, MAX_TEXT), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

function isoDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const textOf = (v: unknown): string | null => {
  if (v == null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v) return textOf((v as { value: unknown }).value);
  return null;
};

// linkKey lives apart (feed-link-key.ts) so the poller, loaded with the server, does not load the parsers with it.
export { linkKey } from './feed-link-key.js';

// ---------------------------------------------------------------------------------------------------- feeds

function notAFeed(feedUrl: string, text: string, why: string): AppError {
  const html = /^\s*(<!doctype html|<html[\s>])/i.test(text) || /<(head|body)[\s>]/i.test(text.slice(0, 4096));
  if (html) {
    const alt = /<link[^>]+type=["']application\/(rss|atom)\+xml["'][^>]*>/i.exec(text)?.[0];
    const href = alt ? resolveUrl(/href=["']([^"']+)["']/i.exec(alt)?.[1], feedUrl) : null;
    return new AppError('FEED_NOT_A_FEED', `${feedUrl} is an HTML page, not a feed.`, {
      hint: href
        ? `The page names its feed: ${href}. Set that as the partner's feed URL.`
        : "Give the partner's RSS, Atom or JSON Feed address, not its home page.",
      details: { url: feedUrl, kind: 'html', ...(href ? { suggested: href } : {}) },
    });
  }
  return new AppError('FEED_NOT_A_FEED', `${feedUrl} is not RSS, Atom or JSON Feed (${why}).`, {
    hint: "Check the partner's feed URL; open it in a browser to see what it answers.",
    details: { url: feedUrl, kind: 'unreadable' },
  });
}

type Raw = Record<string, any>;

/** The feed's bytes -> its stories; refuses an HTML page or garbage with FEED_NOT_A_FEED. */
export function parseWireFeed(bytes: Buffer, contentType: string | null, feedUrl: string): ParsedFeed {
  const { text } = decodeText(bytes, contentType);
  let parsed: { format: string; feed: Raw };
  try {
    parsed = parseFeed(text.replace(/^\s+/, '')) as unknown as { format: string; feed: Raw };
  } catch (err) {
    throw notAFeed(feedUrl, text, (err as Error).message);
  }
  const { format, feed } = parsed;
  const feedBase = resolveUrl(feed.xml?.base, feedUrl) ?? feedUrl;
  const language = (textOf(feed.language) ?? feed.xml?.lang ?? feed.dc?.languages?.[0] ?? null)?.toLowerCase().slice(0, 2) ?? null;
  const raws: Raw[] = (format === 'atom' ? feed.entries : feed.items) ?? [];
  const items: WireEntry[] = [];
  const failed: ParsedFeed['failed'] = [];
  for (const raw of raws.slice(0, MAX_ITEMS)) {
    try {
      const entry = normalize(format, raw, feedBase, language);
      if (entry) items.push(entry);
      else failed.push({ guid: null, reason: 'an item with neither a title nor a link nor an id' });
    } catch (err) {
      failed.push({ guid: null, reason: (err as Error).message });
    }
  }
  return { format, title: plainText(textOf(feed.title)) || null, language, items, failed };
}

function normalize(format: string, r: Raw, feedBase: string, language: string | null): WireEntry | null {
  const base = resolveUrl(r.xml?.base, feedBase) ?? feedBase;
  let link: string | null;
  let guid: string | null;
  let title: string;
  let author: string | null;
  let summary: string | null;
  let content: string | null;
  let published: string | null;
  if (format === 'atom') {
    const links: Raw[] = r.links ?? [];
    const alt = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
    link = resolveUrl(alt?.href, base);
    guid = r.id ?? null;
    title = plainText(textOf(r.title));
    author = r.authors?.[0]?.name ?? r.dc?.creators?.[0] ?? null;
    summary = textOf(r.summary);
    content = textOf(r.content);
    published = r.published ?? r.updated ?? null;
  } else if (format === 'json') {
    link = resolveUrl(r.url ?? r.external_url, base);
    guid = r.id != null ? String(r.id) : null;
    title = plainText(r.title);
    author = r.authors?.[0]?.name ?? r.author?.name ?? null;
    summary = r.summary ?? null;
    content = r.content_html ?? (r.content_text ? `<p>${escapeText(r.content_text).replace(/\n{2,}/g, '</p><p>')}</p>` : null);
    published = r.date_published ?? r.date_modified ?? null;
  } else {
    // rss and rdf
    link = resolveUrl(r.link, base) ?? (r.guid?.isPermaLink !== false ? resolveUrl(r.guid?.value, base) : null);
    guid = r.guid?.value ?? r.rdf?.about ?? null;
    title = plainText(r.title);
    author = r.dc?.creators?.[0] ?? r.authors?.[0]?.name ?? (typeof r.authors?.[0] === 'string' ? r.authors[0] : null);
    summary = r.description ?? null;
    content = r.content?.encoded ?? null;
    published = r.pubDate ?? r.dc?.dates?.[0] ?? null;
  }
  if (!title && !link && !guid) return null;
  const summaryText = summary ? plainText(summary) || null : null;
  // A description that is the whole story in HTML counts as the full text when there is no content:encoded.
  const fullHtml = content
    ? cleanHtml(content, link ?? base)
    : summary && summary.length > 1500 && /<p[\s>]/i.test(summary)
      ? cleanHtml(summary, link ?? base)
      : null;
  return {
    // 600 characters stay under PostgreSQL's limit on an index entry (2,704 bytes) in any script.
    guid: (guid ?? link ?? `${title}|${published ?? ''}`).slice(0, 600),
    link,
    title: (title || summaryText?.slice(0, 120) || link || '(untitled)').slice(0, 1000),
    author: typeof author === 'string' ? plainText(author).slice(0, 300) || null : null,
    summary: summaryText ? summaryText.slice(0, 4000) : null,
    contentHtml: fullHtml || null,
    publishedAt: isoDate(published),
    language,
  };
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------------- pages

/** A story's web page -> its article text (Readability), sanitized; null when nothing article-like is found. */
export function extractArticle(bytes: Buffer, contentType: string | null, url: string): { html: string; byline: string | null; title: string | null } | null {
  const { text } = decodeText(bytes, contentType);
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  try {
    const document = new window.DOMParser().parseFromString(text.slice(0, 2_000_000), 'text/html');
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (!article?.content) return null;
    const html = cleanHtml(article.content, url);
    if (plainText(html).length < 200) return null;
    return { html, byline: article.byline ? plainText(article.byline) || null : null, title: article.title ? plainText(article.title) : null };
  } finally {
    void window.happyDOM.close();
  }
}
