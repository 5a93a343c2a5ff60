/*
 * How much untrusted HTML the converter (services/html-convert.ts) takes on, all in one place (README "Pasted and
 * imported HTML"), and the cheap look at a text that enforces the counts before any parser runs. Pure.
 *
 * Why limits at all: converting costs far more than reading. sanitize-html's parser (htmlparser2) keeps the open
 * elements in an array it shifts and searches, so unclosed nesting costs quadratic time (600,000 `<b>` took minutes),
 * and TipTap's parser spends a tenth of a millisecond or more on every element (a long article of 5,000
 * tags takes under a second; 249,000 `<p>a</p>` took minutes). The figures below leave a real article, however long
 * and however much Word or Google Docs wrap it, far inside, and cut off what no article is.
 */

/** The longest HTML text taken, in characters: a long article is well under 1 MB of HTML, even pasted from Word. */
export const MAX_BODY_HTML = 2_000_000;

/**
 * The most tags (start and end tags; comments, declarations and the text of script and style are not counted) one
 * conversion takes. A long article pasted from Word is 2,000 to 5,000; this is four times the longest of those. At
 * the limit the slowest markup we found (20,000 unclosed `<li>` or `<td>`) costs about 7 s of CPU and 300 MB.
 */
export const MAX_HTML_TAGS = 20_000;

/**
 * How deeply elements may nest, as sanitize-html's parser nests them (an unclosed `<b>` stays open; `<p>`, `<li>`,
 * `<td>` … close their open sibling). Word and Google Docs nest 10 to 20 deep; the sanitiser keeps no element below
 * 40 anyway (its nestingLimit), only their text.
 */
export const MAX_HTML_DEPTH = 100;

/**
 * The wall-clock time one conversion may take in its worker before the worker is terminated: about three times what
 * the slowest markup at the tag limit costs, for a busy machine. What it is for is markup whose cost the counts above
 * do not see coming.
 */
export const HTML_BUDGET_MS = 20_000;

/** Conversions that run at once (one worker thread each), at most; fewer on a machine with fewer cores to spare. */
export const HTML_MAX_WORKERS = 2;

/**
 * Texts converted one at a time (a text pasted into the API, a wire story) that may wait for a worker; one more is
 * refused (503, Retry-After) rather than queued. They go ahead of an importer's batches, so a paste waits for what the
 * workers are on and at most these, never for an import's read-ahead.
 */
export const HTML_QUEUE = 8;

/**
 * Texts of an importer's batches (`convertMany`) taken at once, running and waiting, counted one by one: with the
 * workers' own, room for an importer's two batches of bodies and excerpts in flight (about 34 texts). A batch beyond
 * waits for room rather than being refused: an import must not fail because the server is busy.
 */
export const HTML_QUEUE_BATCHES = 32;

/**
 * Characters of HTML the converter holds at once, running and waiting: what bounds its memory, since a text may be
 * anything up to MAX_BODY_HTML. About 32 MB of strings (64 as UTF-16).
 */
export const HTML_QUEUE_CHARS = 32_000_000;

/**
 * Of HTML_QUEUE_CHARS, what an importer's batches may hold at once: the rest (20,000,000, ten pastes of the largest
 * body) stays free for pasted texts, which an import's read-ahead filled before, and every paste was refused busy.
 */
export const HTML_QUEUE_BATCH_CHARS = 12_000_000;

/**
 * A worker idle this long is stopped: it holds the sanitiser, TipTap and the parser (about 60 MB when the parser was
 * linkedom), and most servers seldom receive HTML.
 */
export const HTML_WORKER_IDLE_MS = 5 * 60_000;

export type HtmlLimits = { maxChars: number; maxTags: number; maxDepth: number };
export const HTML_LIMITS: HtmlLimits = { maxChars: MAX_BODY_HTML, maxTags: MAX_HTML_TAGS, maxDepth: MAX_HTML_DEPTH };

/**
 * Which limit a text is over: its length (`found`: its length), its number of tags or its nesting (`found`: one more
 * than the limit: the look stops there, so refusing costs no more than reaching the limit).
 */
export type HtmlOverrun = { measure: 'characters' | 'tags' | 'depth'; found: number; limit: number };

// htmlparser2 10 (sanitize-html's parser), Parser.ts: which elements are void, which open tags close an open sibling,
// where self-closing syntax counts (svg and math, not inside their HTML islands), and whose text is not markup.
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FOREIGN = new Set(['math', 'svg']);
const HTML_ISLAND = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const OPEN_CLOSES: Record<string, readonly string[]> = {
  tr: ['tr', 'th', 'td'],
  th: ['th'],
  td: ['thead', 'th', 'td'],
  body: ['head', 'link', 'script'],
  li: ['li'],
  p: P,
  h1: P,
  h2: P,
  h3: P,
  h4: P,
  h5: P,
  h6: P,
  select: FORM,
  input: FORM,
  output: FORM,
  button: FORM,
  datalist: FORM,
  textarea: FORM,
  option: ['option'],
  optgroup: ['optgroup', 'option'],
  dd: ['dd', 'dt'],
  dt: ['dd', 'dt'],
  address: P,
  article: P,
  aside: P,
  blockquote: P,
  details: P,
  div: P,
  dl: P,
  fieldset: P,
  figcaption: P,
  figure: P,
  footer: P,
  form: P,
  header: P,
  hr: P,
  main: P,
  nav: P,
  ol: P,
  pre: P,
  section: P,
  table: P,
  ul: P,
  rt: ['rt', 'rp'],
  rp: ['rt', 'rp'],
  tbody: ['thead', 'tbody'],
  tfoot: ['thead', 'tbody'],
};

const GT = 0x3e,
  SLASH = 0x2f,
  EQ = 0x3d,
  DQ = 0x22,
  SQ = 0x27,
  BANG = 0x21,
  QUESTION = 0x3f;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isAlpha = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

// The tokenizer's states inside a start tag, after its name.
const S = { BeforeName: 0, Name: 1, AfterName: 2, BeforeValue: 3, Quoted: 4, Unquoted: 5, SelfClosing: 6 } as const;

/**
 * Where a start tag's attributes end, read as htmlparser2's tokenizer reads them (a quoted value may hold `>`, `<`
 * or `/>`), so that what follows is cut where the sanitiser will cut it. -1 when the text ends inside the tag.
 */
function endOfStartTag(html: string, i: number): { end: number; selfClosing: boolean } {
  let state: number = S.BeforeName;
  let quote = 0;
  for (; i < html.length; i++) {
    const c = html.charCodeAt(i);
    switch (state) {
      case S.BeforeName:
        if (c === GT) return { end: i, selfClosing: false };
        if (c === SLASH) state = S.SelfClosing;
        else if (!isSpace(c)) state = S.Name;
        break;
      case S.SelfClosing:
        if (c === GT) return { end: i, selfClosing: true };
        if (!isSpace(c)) {
          state = S.BeforeName;
          i--;
        }
        break;
      case S.Name:
        if (c === EQ) state = S.BeforeValue;
        else if (c === SLASH || c === GT || isSpace(c)) {
          state = S.AfterName;
          i--;
        }
        break;
      case S.AfterName:
        if (c === EQ) state = S.BeforeValue;
        else if (c === SLASH || c === GT) {
          state = S.BeforeName;
          i--;
        } else if (!isSpace(c)) state = S.Name;
        break;
      case S.BeforeValue:
        if (c === DQ || c === SQ) {
          quote = c;
          state = S.Quoted;
        } else if (!isSpace(c)) {
          state = S.Unquoted;
          i--;
        }
        break;
      case S.Quoted: {
        const close = html.indexOf(String.fromCharCode(quote), i);
        if (close < 0) return { end: -1, selfClosing: false };
        i = close;
        state = S.BeforeName;
        break;
      }
      case S.Unquoted:
        if (c === GT || isSpace(c)) {
          state = S.BeforeName;
          i--;
        }
        break;
    }
  }
  return { end: -1, selfClosing: false };
}

/** The end of a tag name: htmlparser2 ends it at white space, `/` or `>`. */
function endOfName(html: string, i: number): number {
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === SLASH || c === GT || isSpace(c)) break;
    i++;
  }
  return i;
}

/**
 * The first limit an HTML text is over, or null, in one pass over its characters and no parser: it finds the tags as
 * sanitize-html's tokenizer does (comments, declarations and the text of script, style, title, textarea and xmp hold
 * none) and keeps the stack of open elements as its parser does, bounded by `maxDepth`, so its cost is linear in the
 * text. Where it could differ from the parser it counts more, never less; and the time budget of the conversion
 * stands behind it either way.
 */
export function htmlOverrun(html: string, limits: HtmlLimits = HTML_LIMITS): HtmlOverrun | null {
  if (html.length > limits.maxChars) return { measure: 'characters', found: html.length, limit: limits.maxChars };
  const stack: string[] = [];
  // htmlparser2's own quirk kept: an element closed implicitly or by an outer end tag leaves this stack alone.
  const foreign: boolean[] = [];
  let tags = 0;
  let i = 0;
  const close = (name: string) => {
    if (FOREIGN.has(name) || HTML_ISLAND.has(name)) foreign.pop();
    if (VOID.has(name)) return;
    const at = stack.lastIndexOf(name);
    if (at >= 0) stack.length = at;
  };
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt + 1 >= html.length) break;
    const c = html.charCodeAt(lt + 1);
    if (c === BANG) {
      // A comment (`<!-->` closes at once), a CDATA section (read as a comment), or a declaration up to `>`.
      const [terminator, from] = html.startsWith('--', lt + 2) ? ['-->', lt + 2] : html.startsWith('[CDATA[', lt + 2) ? [']]>', lt + 9] : ['>', lt + 2];
      const end = html.indexOf(terminator, from);
      if (end < 0) break;
      i = end + terminator.length;
    } else if (c === QUESTION) {
      const end = html.indexOf('>', lt + 2);
      if (end < 0) break;
      i = end + 1;
    } else if (c === SLASH) {
      let n = lt + 2;
      while (n < html.length && isSpace(html.charCodeAt(n))) n++;
      if (n < html.length && isAlpha(html.charCodeAt(n))) {
        // An end tag's name ends at white space or `>` (a `/` is part of it), and it runs to the next `>`.
        let e = n;
        while (e < html.length && html.charCodeAt(e) !== GT && !isSpace(html.charCodeAt(e))) e++;
        if (++tags > limits.maxTags) return { measure: 'tags', found: tags, limit: limits.maxTags };
        close(html.slice(n, e).toLowerCase());
      }
      const end = html.indexOf('>', n);
      if (end < 0) break;
      i = end + 1;
    } else if (isAlpha(c)) {
      const nameEnd = endOfName(html, lt + 1);
      const name = html.slice(lt + 1, nameEnd).toLowerCase();
      const { end, selfClosing } = endOfStartTag(html, nameEnd);
      if (++tags > limits.maxTags) return { measure: 'tags', found: tags, limit: limits.maxTags };
      const closes = OPEN_CLOSES[name];
      if (closes) while (stack.length && closes.includes(stack.at(-1)!)) stack.pop();
      if (!VOID.has(name)) {
        stack.push(name);
        if (FOREIGN.has(name)) foreign.push(true);
        else if (HTML_ISLAND.has(name)) foreign.push(false);
        if (stack.length > limits.maxDepth) return { measure: 'depth', found: stack.length, limit: limits.maxDepth };
        if (selfClosing && foreign.at(-1)) stack.pop();
      }
      if (end < 0) break;
      i = end + 1;
      if (RAW_TEXT.has(name) && !selfClosing) {
        // The tokenizer reads the element's text as text up to its end tag, `</name` and then white space or `>`.
        const endTag = new RegExp(`</${name}[\\t\\n\\f\\r >]`, 'gi');
        endTag.lastIndex = i;
        const m = endTag.exec(html);
        if (!m) break;
        i = m.index;
      }
    } else {
      i = lt + 1;
    }
  }
  return null;
}
