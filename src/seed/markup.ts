import type { Block, Doc, Inline, ListItem, Mark, TextNode } from '../content/document.js';

/*
 * The demo content's line markup (see the header of demo-types.ts) -> body document. Pure, no I/O.
 *
 * Blocks: blank lines separate them; "## "/"### " headings, "> " blockquote lines, "- " and "1. " list items,
 * "---" a rule, anything else a paragraph (consecutive lines joined with a space). A line of another kind ends the
 * block before it, so a quote or a list needs no blank line around it.
 *
 * Inline: **bold**, *italic*, [label](url), nested either way. Emphasis follows a small subset of CommonMark: an
 * opener must be followed by a non-space, a closer preceded by one, and a run of three stars closes the inner mark
 * first ("**a *b***"). An opener without its closer stays literal text, as does a "[" that is not a whole link.
 */

// ProseMirror's rank of StarterKit marks (link has the highest priority): a node's marks must be in this order.
const MARK_RANK: Record<Mark['type'], number> = { link: 0, bold: 1, code: 2, italic: 3, strike: 4 };

const HEADING_RE = /^(#{2,3})\s+(.*)$/;
const QUOTE_RE = /^>(?:\s+(.*))?$/;
const BULLET_RE = /^-\s+(.*)$/;
const ORDERED_RE = /^(\d{1,9})\.\s+(.*)$/;
const RULE_RE = /^-{3,}$/;
// Label: no brackets or newlines; URL: no spaces or parentheses.
const LINK_RE = /\[([^[\]\n]+)\]\(([^()\s]+)\)/y;
const SPACE_RE = /\s/;

type Pending =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'bullet'; items: string[] }
  | { kind: 'ordered'; start: number; items: string[] };

// "@name" alone on a line: a block the markup has no syntax for (table, pull quote, embed, fact box), given by name.
const BLOCK_REF_RE = /^@([a-z][\w-]*)$/;

export function docFromMarkup(markup: string, blocks: Readonly<Record<string, Block>> = {}): Doc {
  const content: Block[] = [];
  let pending = null as Pending | null;

  const flush = (): void => {
    const block = pending && finish(pending);
    if (block) content.push(block);
    pending = null;
  };
  // The open block if it is of this kind; otherwise the open block ends and a new one of this kind begins.
  const open = <K extends Pending['kind']>(kind: K, make: () => Extract<Pending, { kind: K }>): Extract<Pending, { kind: K }> => {
    if (pending?.kind === kind) return pending as Extract<Pending, { kind: K }>;
    flush();
    const fresh = make();
    pending = fresh;
    return fresh;
  };

  for (const raw of markup.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (!line) {
      flush();
    } else if (RULE_RE.test(line)) {
      flush();
      content.push({ type: 'horizontalRule' });
    } else if ((m = BLOCK_REF_RE.exec(line)) && m[1]! in blocks) {
      flush();
      content.push(blocks[m[1]!]!);
    } else if ((m = HEADING_RE.exec(line))) {
      flush();
      const inline = parseInline(m[2] ?? '');
      if (inline.length) content.push({ type: 'heading', attrs: { level: m[1] === '##' ? 2 : 3 }, content: inline });
    } else if ((m = QUOTE_RE.exec(line))) {
      open('quote', () => ({ kind: 'quote', lines: [] })).lines.push(m[1] ?? '');
    } else if ((m = BULLET_RE.exec(line))) {
      open('bullet', () => ({ kind: 'bullet', items: [] })).items.push(m[1] ?? '');
    } else if ((m = ORDERED_RE.exec(line))) {
      const start = Number(m[1]);
      open('ordered', () => ({ kind: 'ordered', start, items: [] })).items.push(m[2] ?? '');
    } else {
      open('paragraph', () => ({ kind: 'paragraph', lines: [] })).lines.push(line);
    }
  }
  flush();
  return { type: 'doc', content };
}

function paragraph(text: string): Block | null {
  const inline = parseInline(text);
  return inline.length ? { type: 'paragraph', content: inline } : null;
}

function finish(p: Pending): Block | null {
  switch (p.kind) {
    case 'paragraph':
      return paragraph(p.lines.join(' '));
    case 'quote': {
      const paras = p.lines.map(paragraph).filter((b): b is Block => b !== null);
      return paras.length ? { type: 'blockquote', content: paras } : null;
    }
    case 'bullet':
    case 'ordered': {
      // An item with no text keeps its place in the list (listItem needs a paragraph, which may be empty).
      const items: ListItem[] = p.items.map((text) => ({ type: 'listItem', content: [paragraph(text) ?? { type: 'paragraph' }] }));
      if (p.kind === 'bullet') return { type: 'bulletList', content: items };
      return p.start === 1 ? { type: 'orderedList', content: items } : { type: 'orderedList', attrs: { start: p.start }, content: items };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Inline

const starRun = (s: string, i: number): number => {
  let n = 0;
  while (s[i + n] === '*') n++;
  return n;
};

const canOpenAt = (s: string, i: number, run: number): boolean => i + run < s.length && !SPACE_RE.test(s[i + run]!);

function matchLink(s: string, i: number): { label: string; href: string; end: number } | null {
  LINK_RE.lastIndex = i;
  const m = LINK_RE.exec(s);
  return m ? { label: m[1]!, href: m[2]!, end: LINK_RE.lastIndex } : null;
}

/**
 * Index of the closer for an opener of `delim` stars whose content starts at `from`, or -1. Links and emphasis of
 * the other kind that open inside are skipped whole, exactly as `parseInline` will parse them.
 */
function findClose(s: string, from: number, delim: 1 | 2): number {
  let k = from;
  while (k < s.length) {
    const c = s[k];
    if (c === '[') {
      k = matchLink(s, k)?.end ?? k + 1;
      continue;
    }
    if (c !== '*') {
      k++;
      continue;
    }
    const run = starRun(s, k);
    if (k > from && !SPACE_RE.test(s[k - 1]!)) {
      if (delim === 2 && run >= 2) return k;
      if (delim === 1 && run !== 2) return k;
    }
    const nested = nestedEnd(s, k, run);
    k = nested ?? k + run;
  }
  return -1;
}

/** If the star run at `i` opens emphasis that closes, the index just past its closer. */
function nestedEnd(s: string, i: number, run: number): number | null {
  if (!canOpenAt(s, i, run)) return null;
  if (run >= 2) {
    const j = findClose(s, i + 2, 2);
    return j >= 0 ? j + 2 : null;
  }
  const j = findClose(s, i + 1, 1);
  return j >= 0 ? j + 1 : null;
}

const sortMarks = (marks: Mark[]): Mark[] => [...marks].sort((a, b) => MARK_RANK[a.type] - MARK_RANK[b.type]);

function parseInline(text: string): Inline[] {
  const out: TextNode[] = [];
  walk(text, [], out);
  return merge(out);
}

function walk(s: string, marks: Mark[], out: TextNode[]): void {
  let buf = '';
  const flush = (): void => {
    if (buf) out.push(marks.length ? { type: 'text', text: buf, marks: sortMarks(marks) } : { type: 'text', text: buf });
    buf = '';
  };
  const has = (type: Mark['type']): boolean => marks.some((m) => m.type === type);

  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '[' && !has('link')) {
      const link = matchLink(s, i);
      if (link) {
        flush();
        walk(link.label, [...marks, { type: 'link', attrs: { href: link.href } }], out);
        i = link.end;
        continue;
      }
    }
    if (c === '*') {
      const run = starRun(s, i);
      if (canOpenAt(s, i, run)) {
        const delim = run >= 2 ? 2 : 1;
        const j = findClose(s, i + delim, delim);
        if (j >= 0) {
          flush();
          const type = delim === 2 ? 'bold' : 'italic';
          // "**a **b** c**": an inner mark already set changes nothing; the words keep their one mark.
          walk(s.slice(i + delim, j), has(type) ? marks : [...marks, { type }], out);
          i = j + delim;
          continue;
        }
      }
      buf += s.slice(i, i + run); // unclosed: the whole run stays literal
      i += run;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
}

const markKey = (m: Mark): string => (m.type === 'link' ? `link ${m.attrs.href}` : m.type);
const sameMarks = (a: Mark[] = [], b: Mark[] = []): boolean => a.length === b.length && a.every((m, i) => markKey(m) === markKey(b[i]!));

/** Adjacent text with the same marks becomes one node (ProseMirror normalises it so; our tests compare to it). */
function merge(nodes: TextNode[]): Inline[] {
  const out: TextNode[] = [];
  for (const n of nodes) {
    if (!n.text) continue;
    const last = out[out.length - 1];
    if (last && sameMarks(last.marks, n.marks)) out[out.length - 1] = { ...last, text: last.text + n.text };
    else out.push(n);
  }
  return out;
}
