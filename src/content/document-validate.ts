import { EMBED_LABEL, embedProvider, isAllowedHref, isAllowedImageSrc } from './body-rules.js';
import { sealOf } from './sealed-documents.js';

/*
 * The gate for article bodies coming in (Admin API JSON, pasted/imported HTML after cleaning, restores): the node set
 * of document.ts and of the editor's schema (src/content/body-extensions.ts), the attrs the editor writes
 * (including its null defaults), and safe URLs. The renderer stays defensive on its own (old revisions predate this
 * gate); this gate is what lets a client know at save time, naming the bad node, instead of losing content silently.
 */

export type DocumentIssue = { path: string; message: string };

// Content rules follow the editor's schema (an empty pull quote or table row is something being written, and the
// renderer leaves it out), so whatever the editor can save is accepted.
// Nesting beyond this is not an article; it only exercises the stack (the renderer stops at 64).
const MAX_DEPTH = 32;
const MAX_ISSUES = 20;
const MAX_TEXT = 100_000;
const MAX_NODES = 50_000;

type Kind = 'block' | 'inline' | 'listItem' | 'tableRow' | 'cell' | 'paragraph' | 'factBoxBlock';

const BLOCKS = ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'horizontalRule', 'image', 'pullQuote', 'embed', 'table', 'factBox'];
const KIND_TYPES: Record<Kind, string[]> = {
  block: BLOCKS,
  inline: ['text', 'hardBreak'],
  listItem: ['listItem'],
  tableRow: ['tableRow'],
  cell: ['tableCell', 'tableHeader'],
  paragraph: ['paragraph'],
  factBoxBlock: ['paragraph', 'bulletList', 'orderedList'],
};
const KIND_NAME: Record<Kind, string> = {
  block: 'a block (paragraph, heading, list, quote, image, embed, table, fact box…)',
  inline: 'text or a line break',
  listItem: 'a listItem',
  tableRow: 'a tableRow',
  cell: 'a tableCell or tableHeader',
  paragraph: 'a paragraph',
  factBoxBlock: 'a paragraph or list',
};

type Attr = (value: unknown) => string | null; // an error message, or null when the value is fine

const nullable =
  (check: Attr): Attr =>
  (v) =>
    v === null || v === undefined ? null : check(v);
const text =
  (max: number, required = false): Attr =>
  (v) => {
    if (typeof v !== 'string') return required ? 'must be text' : 'must be text or null';
    if (required && !v.trim()) return 'must not be empty';
    return v.length > max ? `must be at most ${max} characters` : null;
  };
const intIn =
  (min: number, max: number): Attr =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be a whole number from ${min} to ${max}`;
const oneOf =
  (...values: unknown[]): Attr =>
  (v) =>
    values.includes(v) ? null : `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
const anyText: Attr = (v) => (typeof v === 'string' && v.length <= 200 ? null : 'must be text');
const colwidth: Attr = (v) =>
  Array.isArray(v) && v.length <= 1000 && v.every((w) => Number.isInteger(w) && w >= 0 && w <= 10_000) ? null : 'must be a list of widths or null';

const HREF_HINT = 'links must be http(s), mailto: or relative URLs (no javascript:, data: …)';
const href: Attr = (v) => (isAllowedHref(v) ? null : HREF_HINT);
const src: Attr = (v) => (isAllowedImageSrc(v) ? null : 'image sources must be http(s) or relative URLs (no data: or javascript:)');

type Spec = { attrs?: Record<string, { check: Attr; required?: boolean }>; content?: Kind; min?: number; leaf?: boolean };
const cellAttrs = { colspan: { check: intIn(1, 1000) }, rowspan: { check: intIn(1, 1000) }, colwidth: { check: nullable(colwidth) } };

const NODES: Record<string, Spec> = {
  paragraph: { content: 'inline' },
  heading: { attrs: { level: { check: oneOf(2, 3), required: true } }, content: 'inline' },
  blockquote: { content: 'block', min: 1 },
  bulletList: { content: 'listItem', min: 1 },
  orderedList: {
    attrs: { start: { check: nullable(intIn(0, 1_000_000)) }, type: { check: nullable(oneOf('1', 'a', 'A', 'i', 'I')) } },
    content: 'listItem',
    min: 1,
  },
  listItem: { content: 'block', min: 1 },
  horizontalRule: { leaf: true },
  image: {
    attrs: {
      src: { check: src, required: true },
      alt: { check: nullable(text(1000)) },
      title: { check: nullable(text(300)) },
      caption: { check: nullable(text(2000)) },
      credit: { check: nullable(text(300)) },
      mediaId: { check: nullable(intIn(1, Number.MAX_SAFE_INTEGER)) },
    },
    leaf: true,
  },
  pullQuote: { attrs: { attribution: { check: nullable(text(300)) } }, content: 'inline' },
  embed: { attrs: { url: { check: () => null, required: true }, provider: { check: oneOf('youtube', 'x', 'telegram'), required: true } }, leaf: true },
  table: { content: 'tableRow', min: 1 },
  tableRow: { content: 'cell' },
  tableCell: { attrs: cellAttrs, content: 'paragraph', min: 1 },
  tableHeader: { attrs: cellAttrs, content: 'paragraph', min: 1 },
  // An empty title is a box being written (the editor inserts one untitled); the page then shows no heading.
  factBox: { attrs: { title: { check: nullable(text(200)) } }, content: 'factBoxBlock', min: 1 },
  hardBreak: { leaf: true },
};

const MARKS: Record<string, Spec['attrs']> = {
  bold: {},
  italic: {},
  strike: {},
  code: {},
  // target/rel/class are the editor's Link defaults (always null here); the renderer decides rel itself.
  link: {
    href: { check: href, required: true },
    title: { check: nullable(text(300)) },
    target: { check: nullable(anyText) },
    rel: { check: nullable(anyText) },
    class: { check: nullable(anyText) },
  },
};

const EMBED_HINT = `embeds are https links to ${Object.values(EMBED_LABEL).join(', ')} (youtube.com, youtu.be, x.com, twitter.com, t.me)`;

const NODE_FIELDS = new Set(['type', 'attrs', 'content', 'text', 'marks']);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

class Walk {
  readonly issues: DocumentIssue[] = [];
  nodes = 0;

  add(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }

  attrs(path: string, given: unknown, spec: Spec['attrs'] = {}): void {
    if (given === undefined || given === null) {
      // No attrs (most nodes and marks): only the required ones to name, without an object made and listed per node.
      for (const key in spec) if (spec[key]!.required) this.add(`${path}.attrs.${key}`, 'is required');
      return;
    }
    if (!isObject(given)) return this.add(`${path}.attrs`, 'must be an object');
    for (const [key, value] of Object.entries(given)) {
      const rule = spec[key];
      if (!rule) this.add(`${path}.attrs.${key}`, `unknown attribute (allowed: ${Object.keys(spec).join(', ') || 'none'})`);
      else if (value !== undefined) {
        const error = rule.check(value);
        if (error) this.add(`${path}.attrs.${key}`, error);
      }
    }
    for (const [key, rule] of Object.entries(spec)) if (rule.required && given[key] === undefined) this.add(`${path}.attrs.${key}`, 'is required');
  }

  node(n: unknown, path: string, kind: Kind, depth: number): void {
    if (++this.nodes > MAX_NODES) return this.add(path, `the body has more than ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) return this.add(path, `nested more than ${MAX_DEPTH} levels deep`);
    if (!isObject(n)) return this.add(path, 'must be a node object with a type');
    const type = n.type;
    if (typeof type !== 'string' || !(type in NODES || type === 'text')) {
      return this.add(`${path}.type`, `unknown node type ${JSON.stringify(type)}; expected ${KIND_NAME[kind]}`);
    }
    if (!KIND_TYPES[kind].includes(type)) return this.add(`${path}.type`, `a ${type} cannot stand here; expected ${KIND_NAME[kind]}`);
    for (const key of Object.keys(n)) if (!NODE_FIELDS.has(key)) this.add(`${path}.${key}`, 'unknown field');
    if (type === 'text') return this.text(n, path);
    // The editor's parse rules give a <br> inside <b> or a link the marks around it (a paste of "<b>a<br>b</b>"), so
    // the editor sends such breaks: accepted, and dropped by withoutBreakMarks before the save.
    if (type === 'hardBreak') this.marks(n, path);
    else if (n.marks !== undefined) this.add(`${path}.marks`, 'only text has marks');
    if (n.text !== undefined) this.add(`${path}.text`, 'only text nodes have text');
    const spec = NODES[type]!;
    this.attrs(path, n.attrs, spec.attrs);
    if (type === 'embed' && isObject(n.attrs)) this.embed(n.attrs, path);
    if (spec.leaf) {
      if (n.content !== undefined && !(Array.isArray(n.content) && n.content.length === 0)) this.add(`${path}.content`, `a ${type} has no content`);
      return;
    }
    this.content(n.content, path, spec, depth);
  }

  content(content: unknown, path: string, spec: Spec, depth: number): void {
    if (content === undefined && !spec.min) return;
    if (!Array.isArray(content)) return this.add(`${path}.content`, 'must be a list of nodes');
    if (content.length < (spec.min ?? 0)) this.add(`${path}.content`, `must hold at least one node (${KIND_NAME[spec.content!]})`);
    content.forEach((c, i) => this.node(c, `${path}.content[${i}]`, spec.content!, depth + 1));
  }

  text(n: Record<string, unknown>, path: string): void {
    if (typeof n.text !== 'string' || !n.text) this.add(`${path}.text`, 'must be non-empty text');
    else if (n.text.length > MAX_TEXT) this.add(`${path}.text`, `must be at most ${MAX_TEXT} characters`);
    if (n.attrs !== undefined) this.add(`${path}.attrs`, 'text has no attributes');
    if (n.content !== undefined) this.add(`${path}.content`, 'text has no content');
    this.marks(n, path);
  }

  marks(n: Record<string, unknown>, path: string): void {
    if (n.marks === undefined) return;
    if (!Array.isArray(n.marks)) return this.add(`${path}.marks`, 'must be a list of marks');
    n.marks.forEach((m, i) => {
      const at = `${path}.marks[${i}]`;
      if (!isObject(m) || typeof m.type !== 'string' || !(m.type in MARKS)) {
        return this.add(`${at}.type`, `unknown mark; expected one of ${Object.keys(MARKS).join(', ')}`);
      }
      for (const key of Object.keys(m)) if (key !== 'type' && key !== 'attrs') this.add(`${at}.${key}`, 'unknown field');
      this.attrs(at, m.attrs, MARKS[m.type]);
    });
  }

  embed(attrs: Record<string, unknown>, path: string): void {
    if (attrs.url === undefined) return;
    const provider = embedProvider(attrs.url);
    if (!provider) this.add(`${path}.attrs.url`, EMBED_HINT);
    else if (attrs.provider !== undefined && attrs.provider !== provider) this.add(`${path}.attrs.provider`, `must be "${provider}" for this URL`);
  }
}

/** Every problem with a body document (up to 20), each with the path of the bad node ("content[3].attrs.url"). */
export function documentIssues(doc: unknown): DocumentIssue[] {
  // Checked by the converter's worker, and unable to change since (content/sealed-documents.ts).
  if (sealOf(doc)?.clean) return [];
  const walk = new Walk();
  if (!isObject(doc) || doc.type !== 'doc') return [{ path: 'type', message: 'the body must be a document: { "type": "doc", "content": [...] }' }];
  for (const key of Object.keys(doc)) if (key !== 'type' && key !== 'content') walk.add(key, 'unknown field');
  walk.content(doc.content, '', { content: 'block' }, 0);
  // The root's own path is empty: "content[0]" rather than ".content[0]".
  return walk.issues.map((i) => ({ ...i, path: i.path.replace(/^\./, '') }));
}

/**
 * `doc` with no marks on its hard breaks (a mark styles text; a line break has none to style). Both the editor and the
 * HTML converter put the marks around a <br> on it; the stored body never has them.
 */
export function withoutBreakMarks<T>(doc: T): T {
  // Most documents have none (the HTML converter's never do, and every article save checks its body): those are
  // returned as they are, not copied node by node on every save.
  return !sealOf(doc)?.clean && hasBreakMarks(doc) ? stripBreakMarks(doc) : doc;
}

function hasBreakMarks(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(hasBreakMarks);
  if (!isObject(x)) return false;
  if (x.type === 'hardBreak' && 'marks' in x) return true;
  return Array.isArray(x.content) && x.content.some(hasBreakMarks);
}

function stripBreakMarks<T>(doc: T): T {
  if (Array.isArray(doc)) return doc.map(stripBreakMarks) as T;
  if (!isObject(doc)) return doc;
  if (doc.type === 'hardBreak' && 'marks' in doc) {
    const { marks: _marks, ...rest } = doc;
    return rest as T;
  }
  return Array.isArray(doc.content) ? ({ ...doc, content: doc.content.map(stripBreakMarks) } as T) : doc;
}
