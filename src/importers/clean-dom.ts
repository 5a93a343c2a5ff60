import { Parser } from 'htmlparser2';
import { compileSelector, matchesSelector } from './clean-dom-select.js';

/*
 * The tree the converter's document builder reads (ProseMirror's DOMParser with the body schema's parse rules), built
 * from sanitize-html's output by htmlparser2's Parser, into plain objects that have only what ProseMirror and the parse
 * rules use.
 *
 * It was read by linkedom, whose nodes cost most of the converter's time and garbage: each one an event target with a
 * WeakMap entry and a Map, each element a linked list of attribute nodes and an end marker, and a style object (a
 * Proxy over a Map) made for every element ProseMirror looks at. linkedom builds its tree from the callbacks of
 * htmlparser2's Parser, the same release sanitize-html parses with (10: 12 closes an open heading at the next heading
 * and an <a> at the next <a>, so it builds other trees); the tree here is built from the same callbacks with the same
 * options, so it is the one linkedom built: htmlparser2's tokenizer, entity decoding and tree rules (an open <p>,
 * <li>, <td> … closed by the start of a sibling, a stray </p> read as an empty paragraph) are applied by htmlparser2
 * itself. Reading the cleaned markup as markup again matters: sanitize-html unwraps the tags it does not keep, so its
 * output can nest what its own parse did not (<p>a<u><p>b</p></u></p> comes out as <p>a<p>b</p></p>), and the
 * second parse is what decided the documents test/html-corpus.test.ts pins.
 */

const ELEMENT = 1;
const TEXT = 3;

export abstract class CleanNode {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: CleanElement | null = null;
  previousSibling: CleanNode | null = null;
  nextSibling: CleanNode | null = null;
  constructor(readonly ownerDocument: CleanDocument) {}
  abstract get textContent(): string;
  abstract cloneNode(deep?: boolean): CleanNode;

  remove(): void {
    const parent = this.parentNode;
    if (!parent) return;
    if (this.previousSibling) this.previousSibling.nextSibling = this.nextSibling;
    else parent.firstChild = this.nextSibling;
    if (this.nextSibling) this.nextSibling.previousSibling = this.previousSibling;
    else parent.lastChild = this.previousSibling;
    this.parentNode = this.previousSibling = this.nextSibling = null;
  }

  replaceWith(...nodes: CleanNode[]): void {
    const parent = this.parentNode;
    if (!parent) return;
    for (const node of nodes) if (node !== this) parent.insertBefore(node, this);
    if (!nodes.includes(this)) this.remove();
  }
}

export class CleanText extends CleanNode {
  readonly nodeType = TEXT;
  readonly nodeName = '#text';
  constructor(
    doc: CleanDocument,
    public nodeValue: string,
  ) {
    super(doc);
  }
  get textContent(): string {
    return this.nodeValue;
  }
  cloneNode(): CleanText {
    return new CleanText(this.ownerDocument, this.nodeValue);
  }
}

/** A style attribute as linkedom reads it (its CSSStyleDeclaration): declarations split at `;` and the first `:`. */
class CleanStyle {
  constructor(private readonly props: Map<string, string>) {}
  get length(): number {
    return this.props.size;
  }
  getPropertyValue(name: string): string {
    return this.props.get(name) ?? '';
  }
  // The properties the parse rules read by name (TipTap's bold and italic rules; ProseMirror's whitespace test).
  get fontWeight(): string {
    return this.getPropertyValue('font-weight');
  }
  get fontStyle(): string {
    return this.getPropertyValue('font-style');
  }
  get whiteSpace(): string {
    return this.getPropertyValue('white-space');
  }
  get textDecoration(): string {
    return this.getPropertyValue('text-decoration');
  }
  get textAlign(): string {
    return this.getPropertyValue('text-align');
  }
}
const NO_STYLE = new CleanStyle(new Map());

function parseStyle(value: string): CleanStyle {
  const props = new Map<string, string>();
  for (const rule of value.split(/\s*;\s*/)) {
    const colon = rule.indexOf(':');
    if (colon < 0) continue;
    const key = rule.slice(0, colon).trim();
    const v = rule.slice(colon + 1).trim();
    if (key && v) props.set(key, v);
  }
  return new CleanStyle(props);
}

const UPPER = new Map<string, string>();

export class CleanElement extends CleanNode {
  readonly nodeType = ELEMENT;
  firstChild: CleanNode | null = null;
  lastChild: CleanNode | null = null;
  private styleCache: CleanStyle | null = null;
  constructor(
    doc: CleanDocument,
    readonly localName: string,
    /** Attribute values by name, htmlparser2's object: read only through hasOwn, so no name reads an Object method. */
    readonly attrs: Record<string, string> = {},
  ) {
    super(doc);
  }
  // ProseMirror reads it for every element, some more than once.
  get nodeName(): string {
    let name = UPPER.get(this.localName);
    if (name === undefined) UPPER.set(this.localName, (name = this.localName.toUpperCase()));
    return name;
  }
  get tagName(): string {
    return this.nodeName;
  }
  // Read by TipTap's own parse helpers (a table's column widths, a code block's language class), which this schema's
  // rules do not reach today: present so that a rule added later does not fail on every text it reads.
  get parentElement(): CleanElement | null {
    return this.parentNode;
  }
  get firstElementChild(): CleanElement | null {
    for (let n = this.firstChild; n; n = n.nextSibling) if (n instanceof CleanElement) return n;
    return null;
  }
  get namespaceURI(): string {
    return 'http://www.w3.org/1999/xhtml';
  }
  getAttribute(name: string): string | null {
    return Object.hasOwn(this.attrs, name) ? this.attrs[name]! : null;
  }
  hasAttribute(name: string): boolean {
    return Object.hasOwn(this.attrs, name);
  }
  get style(): CleanStyle {
    if (!this.styleCache) {
      const value = this.getAttribute('style');
      this.styleCache = value === null ? NO_STYLE : parseStyle(value);
    }
    return this.styleCache;
  }
  get childNodes(): CleanNode[] {
    const out: CleanNode[] = [];
    for (let n = this.firstChild; n; n = n.nextSibling) out.push(n);
    return out;
  }
  get children(): CleanElement[] {
    const out: CleanElement[] = [];
    for (let n = this.firstChild; n; n = n.nextSibling) if (n instanceof CleanElement) out.push(n);
    return out;
  }
  get textContent(): string {
    let out = '';
    for (let n = this.firstChild; n; n = n.nextSibling) out += n.textContent;
    return out;
  }

  appendChild<T extends CleanNode>(node: T): T {
    return this.insertBefore(node, null);
  }
  insertBefore<T extends CleanNode>(node: T, before: CleanNode | null): T {
    node.remove();
    node.parentNode = this;
    node.nextSibling = before;
    node.previousSibling = before ? before.previousSibling : this.lastChild;
    if (node.previousSibling) node.previousSibling.nextSibling = node;
    else this.firstChild = node;
    if (before) before.previousSibling = node;
    else this.lastChild = node;
    return node;
  }
  cloneNode(deep = false): CleanElement {
    const copy = new CleanElement(this.ownerDocument, this.localName, { ...this.attrs });
    if (deep) for (let n = this.firstChild; n; n = n.nextSibling) copy.appendChild(n.cloneNode(true));
    return copy;
  }

  matches(selector: string): boolean {
    return matchesSelector(this, compileSelector(selector), this);
  }
  closest(selector: string): CleanElement | null {
    const sel = compileSelector(selector);
    for (let el: CleanElement | null = this; el; el = el.parentNode) if (matchesSelector(el, sel, el)) return el;
    return null;
  }
  querySelector(selector: string): CleanElement | null {
    const sel = compileSelector(selector);
    let found: CleanElement | null = null;
    this.walk((el) => {
      if (matchesSelector(el, sel, this)) found = el;
      return found !== null;
    });
    return found;
  }
  querySelectorAll(selector: string): CleanElement[] {
    const sel = compileSelector(selector);
    const out: CleanElement[] = [];
    this.walk((el) => {
      if (matchesSelector(el, sel, this)) out.push(el);
      return false;
    });
    return out;
  }
  /** The descendant elements in document order, until `visit` returns true. */
  private walk(visit: (el: CleanElement) => boolean): boolean {
    for (let n = this.firstChild; n; n = n.nextSibling) {
      if (n instanceof CleanElement && (visit(n) || n.walk(visit))) return true;
    }
    return false;
  }
}

export class CleanDocument {
  readonly body: CleanElement = new CleanElement(this, 'body');
  createElement(name: string): CleanElement {
    return new CleanElement(this, name.toLowerCase());
  }
  createTextNode(text: string): CleanText {
    return new CleanText(this, text);
  }
}

// linkedom's options (shared/parse-from-string.js), so that the tree and its text nodes are the ones it made.
const PARSER_OPTIONS = { xmlMode: false, decodeEntities: true, lowerCaseAttributeNames: false } as const;

/** sanitize-html's output as the tree htmlparser2 and linkedom made of it; the text is the body's content. */
export function parseCleanHtml(html: string): CleanDocument {
  const doc = new CleanDocument();
  let current = doc.body;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        current = current.appendChild(new CleanElement(doc, name, attribs));
      },
      // One node per call, as linkedom appended them: the tokenizer emits a run of text and each entity apart. Not
      // joined: ProseMirror collapses white space node by node, and one node per text changed 42 of 1,842 documents.
      ontext(text) {
        current.appendChild(new CleanText(doc, text));
      },
      // Called for every element the parser opened (the implied ends too), so it never climbs above the body.
      onclosetag() {
        current = current.parentNode ?? doc.body;
      },
      // Comments, declarations and processing instructions: no callback, so no node; ProseMirror skips them anyway.
    },
    PARSER_OPTIONS,
  );
  parser.write(html);
  parser.end();
  return doc;
}
