import { getSchema } from '@tiptap/core';
import { DOMParser } from '@tiptap/pm/model';
import sanitizeHtml from 'sanitize-html';
import { bodyExtensions } from '../content/body-extensions.js';
import { embedUrlFromFrame } from '../content/body-rules.js';
import type { Block, Doc } from '../content/document.js';
import { withoutBreakMarks } from '../content/document-validate.js';
import { parseCleanHtml } from './clean-dom.js';
import { UNFOLD_RE, unfoldFigures } from './unfold-figures.js';

/*
 * Untrusted HTML (pasted from Word or Google Docs, sent by an API client, imported from another CMS) -> body document.
 *
 * Two well-kept libraries, each doing what it is good at: sanitize-html cuts the HTML down to an allow-list of the
 * elements our schema has (so no script, handler, frame, style sheet or javascript: URL ever reaches a DOM), then
 * TipTap's parser (ProseMirror's DOMParser with the editor's parse rules, over a small DOM of our own, clean-dom.ts)
 * reads what is left, so an import gives the same document as a paste in the editor. The result still goes through the
 * same validation as a JSON body (document-validate.ts) where it is saved. Pure: no I/O (the DOM has no window: it
 * never loads or runs anything).
 *
 * Not called directly by the server or an importer: its cost grows faster than the HTML (see html-limits.ts), so it
 * runs only in the workers of services/html-convert.ts (`convertHtml`), after a count of tags and under a time budget.
 */

// Inline styles are dropped except the few that Google Docs and Word use to mean bold, italic and struck text (the
// editor's mark rules read them); everything else in a style is presentation.
const markStyles = {
  'font-weight': [/^(?:normal|bold(?:er)?|[1-9]00)$/],
  'font-style': [/^italic$/],
  'text-decoration': [/^line-through$/],
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'hr',
    'strong',
    'b',
    'em',
    'i',
    's',
    'strike',
    'del',
    'code',
    'a',
    'span',
    'img',
    'figure',
    'figcaption',
    'small',
    'aside',
    'div',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'iframe', // only to be turned into an embed below; never output
    // Only to be turned into links to their files (unfold-figures.ts); never output.
    'video',
    'audio',
    'source',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    figure: ['class', 'data-provider', 'data-url'],
    div: ['class'],
    video: ['src'],
    audio: ['src'],
    source: ['src'],
    aside: ['class'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    b: ['style'],
    span: ['style'],
  },
  // Ghost's bookmark card and its title: a link card, rewritten by unfold-figures.ts.
  allowedClasses: { figure: ['pull-quote', 'embed', 'kg-bookmark-card'], aside: ['fact-box'], div: ['kg-bookmark-title'] },
  allowedStyles: { b: markStyles, span: markStyles },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], video: ['http', 'https'], audio: ['http', 'https'], source: ['http', 'https'] },
  allowProtocolRelative: true,
  // Elements whose text is not story text: dropped with their content, not unwrapped.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head', 'svg', 'math', 'object', 'embed', 'select', 'xml', 'button'],
  // Deeper than this is not an article; it would only make the parser work.
  nestingLimit: 40,
  transformTags: {
    // Numbers the body schema bounds: a list's first number and a cell's spans outside them (start="-2", colspan="x",
    // colspan="5000", all seen in the wild) are dropped here, so the list or cell keeps its default; kept, they made a
    // document the save refuses, and the whole post failed to import.
    ol: (tagName, attribs) => ({ tagName, attribs: boundedNumbers(attribs, { start: [0, 1_000_000] }) }),
    td: (tagName, attribs) => ({ tagName, attribs: boundedNumbers(attribs, CELL_SPANS) }),
    th: (tagName, attribs) => ({ tagName, attribs: boundedNumbers(attribs, CELL_SPANS) }),
    // sanitize-html keeps a declaration's `!important` and the converter's DOM (as linkedom's) keeps it in a style
    // value (a browser's does not), so "font-style:italic !important" lost its italic and
    // <b style="font-weight:normal !important"> bolded all it held. Priority means nothing to the mark rules: dropped
    // before the style filter.
    b: withoutImportant,
    span: withoutImportant,
    // The outline under the headline has two levels: h1 becomes a section head, h4-h6 subsections.
    h1: 'h2',
    h4: 'h3',
    h5: 'h3',
    h6: 'h3',
    // A pasted YouTube player becomes our embed (a link); any other frame is dropped.
    iframe: (_tag, attribs): sanitizeHtml.Tag => {
      const url = embedUrlFromFrame(attribs.src);
      return url ? { tagName: 'figure', attribs: { class: 'embed', 'data-provider': 'youtube', 'data-url': url } } : { tagName: 'iframe', attribs: {} };
    },
  },
  // Frames that did not become an embed go, with whatever fallback text they held.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs['data-url'],
};

function withoutImportant(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return attribs.style ? { tagName, attribs: { ...attribs, style: attribs.style.replace(/!\s*important\b/gi, '') } } : { tagName, attribs };
}

const CELL_SPANS: Record<string, [number, number]> = { colspan: [1, 1000], rowspan: [1, 1000] };

/** `attribs` without those of `bounds` that are not a whole number within their [min, max]. */
function boundedNumbers(attribs: sanitizeHtml.Attributes, bounds: Record<string, [number, number]>): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    const range = bounds[name];
    const n = /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : NaN;
    if (!range || (n >= range[0] && n <= range[1])) out[name] = value;
  }
  return out;
}

// sanitize-html cannot add children, so a converted frame carries its URL in data-url and gets its link here. The URL
// was rebuilt by embedUrlFromFrame from [\w-] characters only, so it needs no escaping.
const FRAME_EMBED_RE = /<figure class="embed" data-provider="youtube" data-url="([^"<>]*)">[^<]*<\/figure>/g;

/** Cleans untrusted HTML down to the elements of the body schema. Exposed for tests: callers go through convertHtml. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).replace(
    FRAME_EMBED_RE,
    (_m, url: string) => `<figure class="embed" data-provider="youtube"><a href="${url}">${url}</a></figure>`,
  );
}

/*
 * What @tiptap/html/server's generateJSON does (ProseMirror's DOMParser with the editor's schema over a server-side
 * DOM), without its cost per call: the schema's parser is built once per worker, and the DOM is a tree of plain
 * objects built by htmlparser2's Parser from the sanitiser's output (clean-dom.ts: the tree linkedom, which the
 * converter used before, built from it, for a fifth to a third of linkedom's CPU in that stage), not a happy-dom
 * window. It builds a tree and nothing else (no window, no loading of anything, no layout), which is all the parse
 * rules read. A document per text, dropped after it: nothing one text leaves can reach the next.
 */
let parser: DOMParser | null = null;
type DomNode = Parameters<DOMParser['parse']>[0];

function parseBody(html: string): Doc {
  parser ??= DOMParser.fromSchema(getSchema(bodyExtensions()));
  const clean = parseCleanHtml(html);
  if (TABLE_PART_RE.test(html)) unwrapStrayTableParts(clean.body);
  if (UNFOLD_RE.test(html)) unfoldFigures(clean);
  return parser.parse(clean.body as unknown as DomNode).toJSON() as Doc;
}

/*
 * A browser's parser (and happy-dom's, which the converter used before) ignores the tags of a row, cell or row group
 * outside any table and keeps their text; htmlparser2 keeps them as elements, which the table rules would read as a
 * table. Unwrapped here, so a stray <td> reads as it does when pasted into the editor.
 */
export const TABLE_PART_RE = /<(?:t[dhr]|tbody|thead|tfoot)\b/;
export type ParentEl = {
  querySelectorAll(selector: string): Iterable<ParentEl>;
  closest(selector: string): unknown;
  replaceWith(...nodes: unknown[]): void;
  childNodes: ArrayLike<unknown>;
};
/** Exported for the linkedom reading the tests and the bench compare with (bench/linkedom-dom.ts). */
export function unwrapStrayTableParts(body: ParentEl): void {
  for (const el of Array.from(body.querySelectorAll('tr, td, th, tbody, thead, tfoot'))) {
    if (!el.closest('table')) el.replaceWith(...Array.from(el.childNodes));
  }
}

/** Untrusted HTML -> a body document in our schema. Never throws on bad HTML; validate the result before saving. */
export function htmlToDocument(html: string): Doc {
  // A <br> inside <b> or a link comes out with those marks, which the save's validation used to refuse (the whole post
  // failed to import): dropped here, so the converter's output is what is stored.
  const json = withoutBreakMarks(parseBody(sanitizeBodyHtml(html)));
  return { type: 'doc', content: (json.content ?? []).filter((b) => !isBlank(b)) };
}

// Word and Google Docs space paragraphs with empty ones (often a lone &nbsp;); the stylesheet does spacing here.
function isBlank(block: Block): boolean {
  if (block.type !== 'paragraph') return false;
  return (block.content ?? []).every((n) => n.type === 'text' && !n.text.trim());
}
