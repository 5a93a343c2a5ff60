/** Small text helpers shared by the feed and sitemap writers. */

// XML 1.0 forbids C0 controls other than tab/newline/return, U+FFFE/U+FFFF and lone surrogates; C1 controls are
// allowed but never typed on purpose (the body renderer drops them too). One stray character would make the whole
// feed unreadable to a strict parser, so every string is cleaned on the way in.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const xmlText = (s: string): string => s.replace(NOT_XML, '');
export const xmlTextOrNull = (s: string | null | undefined): string | null => (s ? xmlText(s) || null : null);

/**
 * Plain text for every text element of an RSS feed: <title>, <description>, <category>, dc:creator, dc:contributor,
 * media:description and media:credit. RSS and its modules never said whether these hold text or HTML, and many
 * readers render them as HTML; escaping < > & keeps a headline, tag or name like "<script>…" text in every reader
 * (and leaves no "]]>" to end a CDATA section early).
 */
export const rssText = (s: string): string => xmlText(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

/**
 * feedsmith pretty-prints CDATA sections on their own indented line, so `<title>` holds "\n  <![CDATA[…]]>\n  ".
 * Strict readers take that whitespace as part of the text (feed-rs and Liferea have shown titles and descriptions with
 * it, or empty). This removes only whitespace between a tag and a CDATA section, outside CDATA, leaving content alone.
 */
export function tightenCdata(xml: string): string {
  const OPEN = '<![CDATA[';
  const CLOSE = ']]>';
  let out = '';
  let pos = 0;
  let afterCdata = false;
  for (;;) {
    const start = xml.indexOf(OPEN, pos);
    let markup = xml.slice(pos, start === -1 ? undefined : start);
    if (afterCdata) markup = markup.replace(/^\s+(?=<\/|$)/, '');
    if (start === -1) return out + markup;
    markup = markup.replace(/>\s+$/, '>');
    const end = xml.indexOf(CLOSE, start + OPEN.length);
    if (end === -1) return out + markup + xml.slice(start); // not ours: leave it
    out += markup + xml.slice(start, end + CLOSE.length);
    pos = end + CLOSE.length;
    afterCdata = true;
  }
}

/** Root-relative links and images in our own rendered HTML, made absolute: feed readers have no base URL. */
export const absolutizeHtml = (html: string, siteUrl: string): string => html.replace(/ (href|src)="\/(?!\/)/g, ` $1="${siteUrl}/`);

/** Cuts to at most `max` characters at a word boundary, with an ellipsis when something was cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
