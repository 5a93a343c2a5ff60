import { Node, type AnyExtension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import type { DOMOutputSpec } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { EMBED_LABEL, embedProvider, isAllowedHref, type EmbedProvider } from './body-rules.js';

/*
 * The TipTap schema of the article body (src/content/document.ts), shared by the in-browser editor, the HTML import
 * (src/importers/html-to-document.ts) and the parity test against the server renderer (src/render/document-html.ts).
 * Everything here must import in Node without a DOM: nothing touches `document` until an editor is mounted.
 *
 * renderHTML gives the same markup as the server renderer, so what an editor sees, copies and pastes is what readers
 * get; parseHTML reads that markup back (and the plainer forms pasted from elsewhere).
 */

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    pullQuote: { setPullQuote: (attrs?: { attribution?: string | null }) => ReturnType };
    embed: { setEmbed: (attrs: { url: string }) => ReturnType };
    factBox: { setFactBox: (attrs?: { title?: string }) => ReturnType };
  }
}

// The part of the DOM parseHTML reads. The server's type check has no DOM library (it would hide a stray `document`
// in server code), and this file needs only these members of the browser's (or @tiptap/html's) elements.
interface El {
  querySelector(selector: string): El | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  cloneNode(deep: boolean): unknown;
  remove(): void;
  querySelectorAll(selector: string): ArrayLike<El>;
  replaceWith(...nodes: El[]): void;
  readonly ownerDocument: { createElement(tag: string): El };
  readonly previousSibling: El | null;
  readonly nextSibling: El | null;
  readonly textContent: string | null;
  readonly nodeType: number;
  readonly tagName: string;
  readonly childNodes: ArrayLike<El>;
}

// TipTap hands parse rules the browser's HTMLElement (or the HTML converter's own, importers/clean-dom.ts); only El's members are used.
const asEl = (el: unknown) => el as El;
const text = (el: unknown, selector: string): string | null => asEl(el).querySelector(selector)?.textContent?.trim() || null;
const attrString = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Our image: a figure with alt, caption and credit; mediaId ties it to the media library for renditions. */
export const BodyImage = Image.extend({
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: '' },
      title: { default: null },
      caption: { default: null },
      credit: { default: null },
      mediaId: {
        default: null,
        parseHTML: (el) => {
          const id = Number((el.matches('img') ? el : el.querySelector('img'))?.getAttribute('data-media-id'));
          return Number.isInteger(id) && id > 0 ? id : null;
        },
      },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        // A figure is an image only when it holds one; embeds and pull quotes are figures too and match earlier.
        getAttrs: (el) => {
          const img = el.querySelector('img[src]');
          if (!img) return false;
          return {
            src: img.getAttribute('src'),
            alt: img.getAttribute('alt') ?? '',
            title: img.getAttribute('title'),
            caption: captionText(el),
            credit: text(el, 'figcaption small'),
          };
        },
      },
      { tag: 'img[src]:not([src^="data:"])', getAttrs: (el) => ({ alt: el.getAttribute('alt') ?? '' }) },
    ];
  },
  renderHTML({ node }) {
    const a = node.attrs;
    const img: Record<string, string> = { src: attrString(a.src), alt: attrString(a.alt) };
    if (a.title) img.title = attrString(a.title);
    img.loading = 'lazy';
    img.decoding = 'async';
    if (a.mediaId) img['data-media-id'] = String(a.mediaId);
    const caption = attrString(a.caption).trim();
    const credit = attrString(a.credit).trim();
    if (!caption && !credit) return ['figure', {}, ['img', img]];
    const parts: unknown[] = [];
    if (caption) parts.push(caption);
    if (caption && credit) parts.push(' ');
    if (credit) parts.push(['small', {}, credit]);
    return ['figure', {}, ['img', img], ['figcaption', {}, ...parts]] as DOMOutputSpec;
  },
});

// The caption is the figcaption's text without the credit (<small>).
function captionText(figure: unknown): string | null {
  const cap = asEl(figure).querySelector('figcaption');
  if (!cap) return null;
  let out = '';
  for (const n of Array.from(cap.childNodes)) if (!(n.nodeType === 1 && n.tagName.toLowerCase() === 'small')) out += n.textContent ?? '';
  return out.trim() || null;
}

/** A quote set large in the column: inline text and an optional attribution. */
export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'inline*',
  marks: 'bold italic link',
  defining: true,
  addAttributes() {
    return { attribution: { default: null, parseHTML: (el) => text(el, 'figcaption') } };
  },
  parseHTML() {
    return [{ tag: 'figure.pull-quote', contentElement: (el: unknown) => quoteContent(asEl(el)) as never }];
  },
  renderHTML({ node }) {
    const attribution = attrString(node.attrs.attribution).trim();
    const quote: DOMOutputSpec = ['blockquote', {}, ['p', {}, 0]];
    return attribution ? ['figure', { class: 'pull-quote' }, quote, ['figcaption', {}, attribution]] : ['figure', { class: 'pull-quote' }, quote];
  },
  addCommands() {
    return {
      setPullQuote:
        (attrs) =>
        ({ commands }) =>
          commands.setNode(this.name, attrs ?? {}),
    };
  },
});

/*
 * The quote's text: its blockquote, or when there is none the figure without its figcaption (the attribution, an
 * attribute: read as content too, it came out twice). All of it: the quote holds inline content only, so each <p> in
 * it is unwrapped with a line break from the text around it (reading only the first <p> dropped the rest, and text
 * beside it). A copy: the parser's DOM is not changed.
 */
function quoteContent(figure: El): El {
  const quote = asEl((figure.querySelector('blockquote') ?? figure).cloneNode(true));
  for (const cap of Array.from(quote.querySelectorAll(':scope > figcaption'))) cap.remove();
  for (const p of Array.from(quote.querySelectorAll('p'))) {
    const br = () => p.ownerDocument.createElement('br');
    const before = sibling(p, 'previousSibling') ? [br()] : [];
    const next = sibling(p, 'nextSibling');
    const after = next && !(next.nodeType === 1 && next.tagName.toLowerCase() === 'p') ? [br()] : [];
    p.replaceWith(...before, ...Array.from(p.childNodes), ...after);
  }
  return quote;
}

// The nearest sibling that is not blank text; the blank text (the newlines between a quote's paragraphs) is removed,
// as a space or a line break it is not.
function sibling(el: El, way: 'previousSibling' | 'nextSibling'): El | null {
  let n = el[way];
  while (n && n.nodeType === 3 && !n.textContent?.trim()) {
    n.remove();
    n = el[way];
  }
  return n;
}

/**
 * A post or video from YouTube, X or Telegram, shown as a plain link with the provider's name: no third-party
 * script or frame, so it works with JavaScript off, under `script-src 'none'`, and tracks nobody.
 */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      url: { default: null, parseHTML: (el) => el.querySelector('a[href]')?.getAttribute('href') ?? null },
      provider: { default: null, parseHTML: (el) => embedProvider(el.querySelector('a[href]')?.getAttribute('href')) },
    };
  },
  parseHTML() {
    return [{ tag: 'figure.embed', getAttrs: (el) => (embedProvider(el.querySelector('a[href]')?.getAttribute('href')) ? null : false) }];
  },
  renderHTML({ node }) {
    return embedSpec(attrString(node.attrs.url), node.attrs.provider as EmbedProvider);
  },
  addCommands() {
    return {
      setEmbed:
        ({ url }) =>
        ({ commands }) => {
          const provider = embedProvider(url);
          return provider ? commands.insertContent({ type: this.name, attrs: { url, provider } }) : false;
        },
    };
  },
});

function embedSpec(url: string, provider: EmbedProvider): DOMOutputSpec {
  const label = EMBED_LABEL[provider] ?? '';
  return ['figure', { class: 'embed', 'data-provider': provider }, ['figcaption', {}, label], ['a', { href: url }, url]];
}

/** A boxed set of facts beside the story ("What we know", "Key dates"): a title over ordinary blocks. */
export const FactBox = Node.create({
  name: 'factBox',
  group: 'block',
  content: '(paragraph | bulletList | orderedList)+',
  defining: true,
  addAttributes() {
    return { title: { default: '', parseHTML: (el) => text(el, ':scope > h2, :scope > h3') ?? '' } };
  },
  parseHTML() {
    return [{ tag: 'aside.fact-box', contentElement: (el: unknown) => withoutTitle(asEl(el)) as never }];
  },
  renderHTML({ node }) {
    return ['aside', { class: 'fact-box' }, ['h2', {}, attrString(node.attrs.title)], ['div', {}, 0]];
  },
  addCommands() {
    return {
      setFactBox:
        (attrs) =>
        ({ commands }) =>
          commands.wrapIn(this.name, { title: attrs?.title ?? '' }),
    };
  },
});

// The title is an attribute, so its heading must not be read again as content.
function withoutTitle(el: El): El {
  const box = el.querySelector(':scope > div');
  if (box) return box;
  const copy = asEl(el.cloneNode(true));
  copy.querySelector(':scope > h2, :scope > h3')?.remove();
  return copy;
}

// Cells hold paragraphs only (no tables in tables, no images in cells): what reads well on a phone. No alignment and
// no rendered widths: those would need inline styles, which the site's CSP does not allow. colwidth stays in the
// schema because prosemirror-tables' column commands read it.
const cellContent = 'paragraph+';
const cellAttrs = () => ({ colspan: { default: 1 }, rowspan: { default: 1 }, colwidth: { default: null, rendered: false } });
export const BodyTableCell = TableCell.extend({ content: cellContent, addAttributes: cellAttrs });
export const BodyTableHeader = TableHeader.extend({ content: cellContent, addAttributes: cellAttrs });
export const BodyTable = Table.extend({
  // A wide table scrolls sideways in its own box on a phone instead of widening the page.
  renderHTML() {
    return ['div', { class: 'table-scroll' }, ['table', {}, ['tbody', {}, 0]]];
  },
}).configure({ resizable: false });

/** The body editor's extensions, in the node set of src/content/document.ts. */
export function bodyExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      codeBlock: false,
      underline: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isAllowedHref(url),
        shouldAutoLink: (url) => isAllowedHref(url),
        HTMLAttributes: { target: null, rel: null, class: null },
      },
    }),
    BodyImage,
    PullQuote,
    Embed,
    FactBox,
    BodyTable,
    TableRow,
    BodyTableHeader,
    BodyTableCell,
  ];
}
