import { compileSelector, matchesSelector } from './clean-dom-select.js';

/*
 * The tree the converter's document builder reads (ProseMirror's DOMParser with the body schema's parse rules), built
 * straight from sanitize-html's output. That output is a small language of its own: tags of the allow-list, each with
 * its attributes as ` name="value"` (or a bare ` name`), `<br />`-style void tags, and text; every `&`, `<` and `>` of
 * a text, and every `"` of a value as well, escaped as &amp; &lt; &gt; &quot;, and nothing else (no comment,
 * declaration, CDATA or raw-text element survives the sanitiser). So it is read here with a few indexOf calls and
 * regular expressions, not by a second HTML parser, into plain objects.
 *
 * It was read by linkedom, whose nodes cost most of the converter's time and garbage: each one an event target with a
 * WeakMap entry and a Map, each element a linked list of attribute nodes and an end marker, and a style object (a
 * Proxy over a Map) made for every element ProseMirror looks at. linkedom parsed with htmlparser2, as sanitize-html
 * does, and the tree here is what that parse built from the same text: htmlparser2's tree rules are applied below as
 * its Parser applies them (an open <p>, <li>, <td>, <tr> … closed by the start of a sibling, an end tag closing what
 * is open down to its element, a stray </p> read as an empty paragraph), and text is cut into one node per entity, as
 * its tokenizer emits it. Reading the cleaned markup as markup again matters: sanitize-html unwraps the tags it does not
 * keep, so its output can nest what its own parse did not (<p>a<u><p>b</p></u></p> comes out as <p>a<p>b</p></p>),
 * and the second parse is what decided the documents test/html-corpus.test.ts pins.
 *
 * Anything outside that language (a sanitize-html that writes its output otherwise) makes parseCleanHtml return null,
 * and the converter reads the text with linkedom as before. Only what ProseMirror and the parse rules use is here.
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
    /** Attribute values by name; a null prototype, so that no name reads an Object method. */
    readonly attrs: Record<string, string> = Object.create(null) as Record<string, string>,
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
  get namespaceURI(): string {
    return 'http://www.w3.org/1999/xhtml';
  }
  getAttribute(name: string): string | null {
    return this.attrs[name] ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attrs[name] !== undefined;
  }
  get style(): CleanStyle {
    if (!this.styleCache) {
      const value = this.attrs.style;
      this.styleCache = value === undefined ? NO_STYLE : parseStyle(value);
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
    const copy = new CleanElement(this.ownerDocument, this.localName, Object.assign(Object.create(null) as Record<string, string>, this.attrs));
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

// htmlparser2 10 (Parser.ts), for the tags sanitize-html may write: which are void, and which start tags close which
// open element when it is the innermost one.
const VOID = new Set(['br', 'hr', 'img']);
const P = new Set(['p']);
const IMPLIES_CLOSE: Record<string, ReadonlySet<string>> = {
  tr: new Set(['tr', 'th', 'td']),
  th: new Set(['th']),
  td: new Set(['thead', 'th', 'td']),
  li: new Set(['li']),
  p: P,
  h1: P,
  h2: P,
  h3: P,
  h4: P,
  h5: P,
  h6: P,
  aside: P,
  blockquote: P,
  div: P,
  figcaption: P,
  figure: P,
  hr: P,
  ol: P,
  table: P,
  ul: P,
  tbody: new Set(['thead', 'tbody']),
  tfoot: new Set(['thead', 'tbody']),
};

const START_TAG = /<([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*(?:="[^"<>]*")?)*)( \/)?>/y;
const ATTRIBUTE = / ([a-z][a-z0-9-]*)(?:="([^"<>]*)")?/g;
const END_TAG = /<\/([a-z][a-z0-9]*)>/y;
const ENTITY = /&(?:(amp)|(lt)|(gt)|(quot));/g;
const STRAY_AMPERSAND = /&(?!(?:amp|lt|gt|quot);)/;
const decode = (s: string) => s.replace(ENTITY, (_m, amp, lt, gt) => (amp ? '&' : lt ? '<' : gt ? '>' : '"'));

/**
 * sanitize-html's output (`allowed`: the tag names it may write) as the tree htmlparser2 and linkedom made of it; the
 * text is the body's content. Null when the text is not in the sanitiser's output language (see above).
 */
export function parseCleanHtml(html: string, allowed: ReadonlySet<string>): CleanDocument | null {
  const doc = new CleanDocument();
  const open: CleanElement[] = [doc.body];
  let current = doc.body;
  const text = (from: number, to: number): boolean => {
    // One node per run of text and one per entity, as htmlparser2's tokenizer emits them and linkedom appended them.
    // Not joined: ProseMirror collapses white space node by node, and one node per text changed 42 of 1,842 documents.
    let i = from;
    while (i < to) {
      const amp = html.indexOf('&', i);
      if (amp < 0 || amp >= to) {
        current.appendChild(new CleanText(doc, html.slice(i, to)));
        return true;
      }
      if (amp > i) current.appendChild(new CleanText(doc, html.slice(i, amp)));
      const semi = html.indexOf(';', amp);
      if (semi < 0 || semi >= to) return false;
      const entity = html.slice(amp, semi + 1);
      const value = entity === '&amp;' ? '&' : entity === '&lt;' ? '<' : entity === '&gt;' ? '>' : entity === '&quot;' ? '"' : null;
      if (value === null) return false;
      current.appendChild(new CleanText(doc, value));
      i = semi + 1;
    }
    return true;
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i) {
      const gt = html.indexOf('>', i);
      if ((gt >= 0 && gt < textEnd) || !text(i, textEnd)) return null;
    }
    if (lt < 0) break;
    if (html.charCodeAt(lt + 1) === 0x2f) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(html);
      if (!m || !allowed.has(m[1]!)) return null;
      const name = m[1]!;
      i = END_TAG.lastIndex;
      if (VOID.has(name)) {
        // htmlparser2 reads </br> as <br>, and ignores the end tag of any other void element.
        if (name === 'br') current.appendChild(new CleanElement(doc, 'br'));
        continue;
      }
      let at = open.length - 1;
      while (at > 0 && open[at]!.localName !== name) at--;
      if (at > 0) {
        open.length = at;
        current = open[at - 1]!;
      } else if (name === 'p') {
        // An end tag with nothing open to close: htmlparser2 reads </p> as an empty paragraph, and ignores the rest.
        current.appendChild(new CleanElement(doc, 'p'));
      }
      continue;
    }
    START_TAG.lastIndex = lt;
    const m = START_TAG.exec(html);
    if (!m || !allowed.has(m[1]!)) return null;
    i = START_TAG.lastIndex;
    const name = m[1]!;
    const closes = IMPLIES_CLOSE[name];
    if (closes) {
      while (open.length > 1 && closes.has(current.localName)) {
        open.pop();
        current = open[open.length - 1]!;
      }
    }
    const el = new CleanElement(doc, name);
    if (m[2]) {
      for (const a of m[2].matchAll(ATTRIBUTE)) {
        const value = a[2] ?? '';
        if (value.includes('&') && STRAY_AMPERSAND.test(value)) return null;
        // htmlparser2 keeps the first of two attributes of one name.
        if (el.attrs[a[1]!] === undefined) el.attrs[a[1]!] = value.includes('&') ? decode(value) : value;
      }
    }
    current.appendChild(el);
    if (!VOID.has(name)) {
      open.push(el);
      current = el;
    }
  }
  return doc;
}
