/*
 * The CSS selectors of the body schema's parse rules (src/content/body-extensions.ts, TipTap's own rules), for the
 * converter's small DOM (clean-dom.ts): `tag`, `.class`, `[attr]`, `[attr="v"]`, `[attr^="v"]`, `:scope`, `:not(…)`
 * of those, joined by descendant or child combinators, in a list. Each selector is compiled once and kept.
 *
 * A selector outside this set throws (SelectorUnsupported), so that a rule added to the schema with a new kind of
 * selector fails the converter's tests at once instead of matching nothing.
 */

/** What the matcher reads of an element. */
export type SelEl = {
  readonly localName: string;
  readonly parentNode: unknown;
  getAttribute(name: string): string | null;
};

type Attr = { name: string; op: '' | '=' | '^='; value: string };
type Compound = { tag: string | null; classes: string[]; attrs: Attr[]; not: Compound[]; scope: boolean };
/** Right to left: `parts[0]` is the subject; `combinators[i]` joins parts[i] to parts[i + 1] (its left). */
type Complex = { parts: Compound[]; combinators: ('>' | ' ')[] };
export type Selector = Complex[];

export class SelectorUnsupported extends Error {}

const cache = new Map<string, Selector>();

export function compileSelector(selector: string): Selector {
  let compiled = cache.get(selector);
  if (!compiled) {
    compiled = splitList(selector).map(complex);
    cache.set(selector, compiled);
  }
  return compiled;
}

function unsupported(selector: string): never {
  throw new SelectorUnsupported(`the converter's DOM does not read the selector ${JSON.stringify(selector)}`);
}

// Commas outside brackets and parentheses.
function splitList(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(selector.slice(from, i));
      from = i + 1;
    }
  }
  out.push(selector.slice(from));
  return out.map((s) => s.trim());
}

const NAME = /^[a-z][a-z0-9-]*/;
const CLASS = /^\.([\w-]+)/;
const ATTR = /^\[\s*([a-z][a-z0-9-]*)\s*(?:(\^?=)\s*(?:"([^"]*)"|'([^']*)'|([\w-]+))\s*)?\]/;

function complex(selector: string): Complex {
  if (!selector) unsupported(selector);
  const parts: Compound[] = [];
  const combinators: ('>' | ' ')[] = [];
  let rest = selector;
  for (;;) {
    const [c, after] = compound(rest, selector);
    parts.unshift(c);
    rest = after;
    if (!rest) break;
    const m = /^\s*(>)?\s*/.exec(rest)!;
    combinators.unshift(m[1] ? '>' : ' ');
    rest = rest.slice(m[0].length);
    if (!rest) unsupported(selector);
  }
  return { parts, combinators };
}

function compound(text: string, selector: string): [Compound, string] {
  const c: Compound = { tag: null, classes: [], attrs: [], not: [], scope: false };
  let rest = text;
  const tag = NAME.exec(rest);
  if (tag) {
    c.tag = tag[0];
    rest = rest.slice(tag[0].length);
  }
  let any = !!tag;
  for (;;) {
    let m: RegExpExecArray | null;
    if ((m = CLASS.exec(rest))) c.classes.push(m[1]!);
    else if ((m = ATTR.exec(rest))) c.attrs.push({ name: m[1]!, op: (m[2] ?? '') as Attr['op'], value: m[3] ?? m[4] ?? m[5] ?? '' });
    else if ((m = /^:scope/.exec(rest))) c.scope = true;
    else if ((m = /^:not\(([^()]*)\)/.exec(rest))) {
      const [inner, left] = compound(m[1]!.trim(), selector);
      if (left) unsupported(selector);
      c.not.push(inner);
    } else break;
    rest = rest.slice(m[0].length);
    any = true;
  }
  if (!any || (rest && !/^[\s>]/.test(rest))) unsupported(selector);
  return [c, rest];
}

function matchesCompound(el: SelEl, c: Compound, scope: SelEl | null): boolean {
  if (c.tag !== null && el.localName !== c.tag) return false;
  if (c.scope && el !== scope) return false;
  for (const a of c.attrs) {
    const v = el.getAttribute(a.name);
    if (v === null) return false;
    // As css-select: an empty value never matches a prefix.
    if (a.op === '=' ? v !== a.value : a.op === '^=' ? !a.value || !v.startsWith(a.value) : false) return false;
  }
  if (c.classes.length) {
    const cls = el.getAttribute('class');
    if (cls === null) return false;
    const names = cls.split(/[ \t\n\f\r]+/);
    for (const name of c.classes) if (!names.includes(name)) return false;
  }
  for (const n of c.not) if (matchesCompound(el, n, scope)) return false;
  return true;
}

const isEl = (n: unknown): n is SelEl => !!n && (n as { nodeType?: number }).nodeType === 1;

function matchesFrom(el: SelEl, sel: Complex, i: number, scope: SelEl | null): boolean {
  if (!matchesCompound(el, sel.parts[i]!, scope)) return false;
  if (i === sel.parts.length - 1) return true;
  if (sel.combinators[i] === '>') {
    const parent = el.parentNode;
    return isEl(parent) && matchesFrom(parent, sel, i + 1, scope);
  }
  for (let p = el.parentNode; isEl(p); p = p.parentNode) if (matchesFrom(p, sel, i + 1, scope)) return true;
  return false;
}

/** Whether `el` matches `selector`; `:scope` is `scope` (the element querySelector is called on). */
export function matchesSelector(el: SelEl, selector: Selector, scope: SelEl | null): boolean {
  for (const sel of selector) if (matchesFrom(el, sel, 0, scope)) return true;
  return false;
}
