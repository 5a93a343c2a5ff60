/*
 * The one way to write HTML on the server is this template (public pages, admin pages, feed entries). Measured by
 * bench/html-styles.ts (a 19 KB admin-like page, a 50-row table of escaped text and attributes, best of 7 alternating
 * rounds): hono/jsx 4,010-4,080 ops/s, this template 31,700-31,800 (7.8-7.9x), string concatenation 31,500-35,400
 * (7.7-8.8x). Concatenation is no faster to speak of and escapes only where someone remembers to; JSX escapes but
 * costs ~8x, and on an uncached article page creating and stringifying its nodes was about half of the request's
 * JavaScript time. The rule that made JSX safe stays: an interpolated value is escaped unless it is an Html, and an
 * Html is only made by this template or by raw(), so markup that skips escaping is always visible where it is made.
 * Only the body renderer (document-html.ts, a hot tree walk) builds strings by hand, escaping each text with escapeHtml.
 */

/** Markup known to be safe to put in a page as it is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * What a template accepts. Numbers are left out on purpose: `count && html`...`` would print "0", so a number must be
 * turned into text where it is used (String(width)). `false`, null and undefined print nothing, for `cond && html`...``.
 */
export type Interpolation = string | Html | null | undefined | false | readonly Interpolation[];

const FIRST = /[&<>"']/;

/** The escaping hono/jsx applied (the same five characters, the same entities), so pages stay byte-identical. */
export function escapeHtml(s: string): string {
  let i = s.search(FIRST);
  if (i === -1) return s;
  let out = '';
  let last = 0;
  for (; i < s.length; i++) {
    let entity: string;
    switch (s.charCodeAt(i)) {
      case 34:
        entity = '&quot;';
        break;
      case 38:
        entity = '&amp;';
        break;
      case 39:
        entity = '&#39;';
        break;
      case 60:
        entity = '&lt;';
        break;
      case 62:
        entity = '&gt;';
        break;
      default:
        continue;
    }
    out += s.slice(last, i) + entity;
    last = i + 1;
  }
  return out + s.slice(last);
}

function append(out: string, v: Interpolation): string {
  if (typeof v === 'string') return out + escapeHtml(v);
  if (v instanceof Html) return out + v.text;
  if (Array.isArray(v)) {
    for (const item of v as readonly Interpolation[]) out = append(out, item);
    return out;
  }
  if (v === null || v === undefined || v === false) return out;
  // Only reachable past the type checker (a cast, a JSX node): refusing beats printing "[object Object]" or markup.
  throw new TypeError(`html\`\`: cannot interpolate ${typeof v}`);
}

/** Markup with every interpolated value escaped, except nested html`` results and raw() values. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out = append(out, values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusts `text` as markup: only for what this code built or escaped itself (the article body, JSON-LD, CSS). */
export const raw = (text: string): Html => new Html(text);

/** An attribute that is left out when its value is: ` name="value"` or nothing. */
export const optionalAttr = (name: string, value: string | null | undefined): Html => (value == null ? EMPTY : raw(` ${name}="${escapeHtml(value)}"`));

const EMPTY = new Html('');
