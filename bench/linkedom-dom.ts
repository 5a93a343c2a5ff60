/**
 * The cleaned markup read by linkedom, as the converter (importers/html-to-document.ts) read it before its own DOM
 * (clean-dom.ts): the reference the converter's tests and bench/html-convert.ts compare it with. Not used by the
 * converter.
 */
import { getSchema } from '@tiptap/core';
import { DOMParser } from '@tiptap/pm/model';
import * as linkedom from 'linkedom';
import { bodyExtensions } from '../src/content/body-extensions.js';
import type { Doc } from '../src/content/document.js';
import { type ParentEl, TABLE_PART_RE, unwrapStrayTableParts } from '../src/importers/html-to-document.js';

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
 * Both patches change linkedom's Element.prototype for the whole process (linkedom creates its elements from its own
 * classes, so a subclass would not be used): installed on the first read, in the processes of the tests and the bench.
 */
let patched = false;
function patchLinkedom(): void {
  if (patched) return;
  patched = true;
  const elementProto = linkedom.Element.prototype as { getAttribute(this: LinkedomEl, name: string): string | null };
  const linkedomGetAttribute = elementProto.getAttribute;
  elementProto.getAttribute = function (this: LinkedomEl, name: string) {
    return name === 'class' ? (this.getAttributeNode('class')?.value ?? null) : linkedomGetAttribute.call(this, name);
  };
  const elementMatches = linkedom.Element.prototype as { matches(this: MatchEl, selector: string): boolean };
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

type DomNode = Parameters<DOMParser['parse']>[0];
let dom: linkedom.DOMParser | null = null;

/** The body linkedom builds of the cleaned markup (`html`, sanitize-html's output), stray table parts unwrapped. */
export function linkedomBody(html: string): DomNode {
  if (!dom) {
    patchLinkedom();
    dom = new linkedom.DOMParser();
  }
  const body = dom.parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html').body;
  if (TABLE_PART_RE.test(html)) unwrapStrayTableParts(body as unknown as ParentEl);
  return body as unknown as DomNode;
}

let parser: DOMParser | null = null;
/** The document ProseMirror's parser reads from linkedom's body, before the converter's last steps (htmlToDocument). */
export function parseWithLinkedom(html: string): Doc {
  parser ??= DOMParser.fromSchema(getSchema(bodyExtensions()));
  return parser.parse(linkedomBody(html)).toJSON() as Doc;
}
