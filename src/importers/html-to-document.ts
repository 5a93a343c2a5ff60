import { createRequire } from 'node:module';
import { getSchema } from '@tiptap/core';
import { DOMParser } from '@tiptap/pm/model';
import type * as LinkedomModule from 'linkedom';
import sanitizeHtml from 'sanitize-html';
import { bodyExtensions } from '../content/body-extensions.js';
import { embedUrlFromFrame } from '../content/body-rules.js';
import type { Block, Doc } from '../content/document.js';
import { withoutBreakMarks } from '../content/document-validate.js';
import { parseCleanHtml } from './clean-dom.js';

/*
 * Untrusted HTML (pasted from Word or Google Docs, sent by an API client, imported from another CMS) -> body document.
 *
 * Two well-kept libraries, each doing what it is good at: sanitize-html cuts the HTML down to an allow-list of the
 * elements our schema has (so no script, handler, frame, style sheet or javascript: URL ever reaches a DOM), then
 * TipTap's parser (ProseMirror's DOMParser with the editor's parse rules, over a small DOM of our own, clean-dom.ts)
 * reads what is left, so an import gives the same document as a paste in the editor. The result still goes through the
 * same validation as a JSON body (document-validate.ts) where it is saved. Pure: no I/O (neither DOM has a window: they
 * never load or run anything).
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
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    figure: ['class', 'data-provider', 'data-url'],
    aside: ['class'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    b: ['style'],
    span: ['style'],
  },
  allowedClasses: { figure: ['pull-quote', 'embed'], aside: ['fact-box'] },
  allowedStyles: { b: markStyles, span: markStyles },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
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
    // sanitize-html keeps a declaration's `!important` and linkedom's style values include it (a browser's do not), so
    // "font-style:italic !important" lost its italic and <b style="font-weight:normal !important"> bolded all it held.
    // Priority means nothing to the mark rules: dropped before the style filter.
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
 * objects read straight from the sanitiser's output (clean-dom.ts: the same tree linkedom built from it, for about a
 * fifth of linkedom's CPU and garbage), not a happy-dom window. linkedom, which the converter used before, still reads
 * a text outside the sanitiser's output language, should a sanitize-html release ever write one. Either builds a tree
 * and nothing else (no window, no loading of anything, no layout), which is all the parse rules read. A document per
 * text, dropped after it: nothing one text leaves can reach the next.
 */
let parser: DOMParser | null = null;

// linkedom answers getAttribute('class') with its class list, '' when there is no class attribute (the DOM's answer is
// null): a link would get class "" instead of none. Read the attribute itself, as for any other name.
type LinkedomEl = { getAttributeNode(name: string): { value: string } | null };

/*
 * ProseMirror tries each element against the parse rules' selectors one by one (`matches`), and linkedom compiles the
 * selector with css-select on every call: most of the parse's time. The rules' selectors are nearly all one compound
 * selector of a tag name and at most a class or an attribute (figure.embed, a[href]): those are answered here; of any
 * other compound selector the tag name is checked first, and css-select is asked only when it matches.
 */
type MatchEl = { localName: string; getAttributeNode(name: string): { value: string } | null };
type Compound = { tag: string; cls?: string; attr?: string; other?: true } | null;
const compounds = new Map<string, Compound>();
function compound(selector: string): Compound {
  const tag = /^[a-z][a-z0-9]*/.exec(selector)?.[0];
  // A list or a combinator (or no tag name): css-select's whole.
  if (!tag || /[\s,>+~]/.test(selector)) return null;
  const rest = selector.slice(tag.length);
  const cls = /^\.([\w-]+)$/.exec(rest)?.[1];
  const attr = /^\[([a-z-]+)\]$/.exec(rest)?.[1];
  return rest === '' ? { tag } : cls ? { tag, cls } : attr ? { tag, attr } : { tag, other: true };
}

/*
 * Both patches change linkedom's Element.prototype, for every linkedom document in the process: installed by the
 * converter's first parse (parseBody), not when this module is imported, so a process that only imports the module
 * (the server, a test of something else) keeps linkedom as it is. The converter runs in the workers of
 * services/html-convert.ts, which use linkedom for nothing else. linkedom creates its elements from its own classes,
 * so a subclass would not be used. Exported for tests.
 */
let patched = false;
export function patchLinkedom(): void {
  if (patched) return;
  patched = true;
  const LinkedomElement = loadLinkedom().Element;
  const elementProto = LinkedomElement.prototype as { getAttribute(this: LinkedomEl, name: string): string | null };
  const linkedomGetAttribute = elementProto.getAttribute;
  elementProto.getAttribute = function (this: LinkedomEl, name: string) {
    return name === 'class' ? (this.getAttributeNode('class')?.value ?? null) : linkedomGetAttribute.call(this, name);
  };
  const elementMatches = LinkedomElement.prototype as { matches(this: MatchEl, selector: string): boolean };
  const linkedomMatches = elementMatches.matches;
  elementMatches.matches = function (this: MatchEl, selector: string) {
    let c = compounds.get(selector);
    if (c === undefined) compounds.set(selector, (c = compound(selector)));
    if (!c) return linkedomMatches.call(this, selector);
    if (this.localName.toLowerCase() !== c.tag) return false;
    if (c.other) return linkedomMatches.call(this, selector);
    if (c.attr) return this.getAttributeNode(c.attr) !== null;
    return (
      !c.cls ||
      (this.getAttributeNode('class')
        ?.value.split(/[ \t\n\f\r]+/)
        .includes(c.cls) ??
        false)
    );
  };
}

/*
 * linkedom is loaded on the first text that needs it, which may be never: the converter's own DOM reads everything the
 * sanitiser writes. Loaded up front it cost each worker about 5 MB of heap and 170 ms of CPU at its start for nothing.
 * A require, not import(): the fallback is synchronous, and linkedom ships a CommonJS build. Exported for tests and
 * the bench, which patch and measure this copy of it.
 */
let linkedom: typeof LinkedomModule | null = null;
export function loadLinkedom(): typeof LinkedomModule {
  return (linkedom ??= createRequire(import.meta.url)('linkedom') as typeof LinkedomModule);
}

let dom: InstanceType<typeof LinkedomModule.DOMParser> | null = null;
type DomNode = Parameters<DOMParser['parse']>[0];

function parseBody(html: string): Doc {
  parser ??= DOMParser.fromSchema(getSchema(bodyExtensions()));
  const clean = parseCleanHtml(html, OUTPUT_TAGS);
  if (clean) {
    if (TABLE_PART_RE.test(html)) unwrapStrayTableParts(clean.body);
    return parser.parse(clean.body as unknown as DomNode).toJSON() as Doc;
  }
  return parseWithLinkedom(html);
}

// The tags sanitize-html may write (its allow-list): the small DOM of clean-dom.ts reads nothing else.
const OUTPUT_TAGS: ReadonlySet<string> = new Set(SANITIZE.allowedTags || []);

/**
 * The cleaned markup read by linkedom, as the converter did before clean-dom.ts: for a text outside the sanitiser's
 * output language (parseCleanHtml's null), which the sanitiser is not known to write. Exported for tests.
 */
export function parseWithLinkedom(html: string): Doc {
  parser ??= DOMParser.fromSchema(getSchema(bodyExtensions()));
  if (!dom) {
    patchLinkedom();
    dom = new (loadLinkedom().DOMParser)();
  }
  const doc = dom.parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
  if (TABLE_PART_RE.test(html)) unwrapStrayTableParts(doc.body as unknown as ParentEl);
  return parser.parse(doc.body as unknown as DomNode).toJSON() as Doc;
}

/*
 * A browser's parser (and happy-dom's, which the converter used before) ignores the tags of a row, cell or row group
 * outside any table and keeps their text; htmlparser2 keeps them as elements, which the table rules would read as a
 * table. Unwrapped here, so a stray <td> reads as it does when pasted into the editor.
 */
const TABLE_PART_RE = /<(?:t[dhr]|tbody|thead|tfoot)\b/;
type ParentEl = {
  querySelectorAll(selector: string): Iterable<ParentEl>;
  closest(selector: string): unknown;
  replaceWith(...nodes: unknown[]): void;
  childNodes: ArrayLike<unknown>;
};
function unwrapStrayTableParts(body: ParentEl): void {
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
