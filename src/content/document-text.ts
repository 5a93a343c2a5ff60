import type { Doc } from './document.js';
import { attr, children, CONTROL, CONTROL_RE, isNode, MAX_DEPTH, str, type Loose } from './loose-node.js';

/*
 * The plain text of an article body: for descriptions, search, the "source changed" check of translations and the
 * revision diff. Pure, so services use it without the renderer.
 */

function inlineText(n: Loose, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  if (n.type === 'text') return str(n.text);
  if (n.type === 'hardBreak') return '\n';
  let out = '';
  for (const c of children(n)) if (isNode(c)) out += inlineText(c, depth + 1);
  return out;
}

function collectText(n: Loose, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  let t: string | undefined;
  if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'pullQuote' || n.type === 'text') t = inlineText(n, depth);
  // A caption is text the reader sees; the credit and alt are not part of the story.
  else if (n.type === 'image') t = str(attr(n, 'caption'));
  else {
    if (n.type === 'factBox') {
      const title = str(attr(n, 'title')).replace(CONTROL_RE, '').trim();
      if (title) out.push(title);
    }
    for (const c of children(n)) if (isNode(c)) collectText(c, out, depth + 1);
  }
  t = t?.replace(CONTROL_RE, '').trim();
  if (t) out.push(t);
}

/** Plain text of the body, one block per paragraph, separated by blank lines: for descriptions and search. */
export function documentText(doc: Doc): string {
  const out: string[] = [];
  if (isNode(doc)) collectText(doc, out, 0);
  return out.join('\n\n');
}

/** Words are whitespace-separated runs holding a letter or digit, so dashes and bullets don't count. */
export function documentWordCount(doc: Doc): number {
  // The count of documentText(doc)'s words, read straight from the tree: this runs on every page render (JSON-LD
  // wordCount), and building the text first cost more than counting it. Blocks are separate words (the text joins
  // them with blank lines); control characters are skipped, as documentText removes them.
  const w: WordCounter = { count: 0, inWord: false, counted: false };
  if (isNode(doc)) countBlock(doc, w, 0);
  return w.count;
}

type WordCounter = { count: number; inWord: boolean; counted: boolean };

// What each UTF-16 code unit is to the counter, looked up once per code unit met: the Unicode property tests are
// the slow part, and a page repeats the same few dozen letters.
const UNKNOWN = 0;
const SPACE_CHAR = 1;
const LETTER = 2;
const OTHER = 3;
const SKIP = 4;
const CHAR_CLASS = new Uint8Array(0x10000);

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  if (CONTROL_CHAR.test(ch)) return SKIP;
  if (SPACE.test(ch)) return SPACE_CHAR;
  return WORD_CHAR.test(ch) ? LETTER : OTHER;
}

function countText(s: string, w: WordCounter): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let k = CHAR_CLASS[c]!;
    if (k === UNKNOWN) CHAR_CLASS[c] = k = classify(c);
    if (k === SKIP) continue;
    if (k === SPACE_CHAR) {
      w.inWord = false;
      continue;
    }
    if (!w.inWord) ((w.inWord = true), (w.counted = false));
    if (!w.counted && k === LETTER) ((w.counted = true), w.count++);
  }
}

/** inlineText's walk, counting instead of concatenating. */
function countInline(n: Loose, w: WordCounter, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (n.type === 'text') countText(str(n.text), w);
  else if (n.type === 'hardBreak') w.inWord = false;
  else for (const c of children(n)) if (isNode(c)) countInline(c, w, depth + 1);
}

/** collectText's walk: each block's text starts a new word. */
function countBlock(n: Loose, w: WordCounter, depth: number): void {
  if (depth > MAX_DEPTH) return;
  w.inWord = false;
  if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'pullQuote' || n.type === 'text') countInline(n, w, depth);
  else if (n.type === 'image') countText(str(attr(n, 'caption')), w);
  else {
    if (n.type === 'factBox') countText(str(attr(n, 'title')), w);
    for (const c of children(n)) if (isNode(c)) countBlock(c, w, depth + 1);
  }
  w.inWord = false;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
const CONTROL_CHAR = new RegExp(`^[${CONTROL}]$`);
