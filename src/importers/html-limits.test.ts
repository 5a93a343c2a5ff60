import { describe, expect, it } from 'vitest';
import { htmlOverrun, MAX_BODY_HTML, MAX_HTML_DEPTH, MAX_HTML_TAGS } from './html-limits.js';

const small = { maxChars: 10_000, maxTags: 50, maxDepth: 5 };
const nest = (tag: string, n: number) => `<${tag}>`.repeat(n);

describe('htmlOverrun: the look at pasted HTML before any parser', () => {
  // Regression (security review, issue 10): these took 150 s and 214 s of the server's only thread.
  it('refuses the inputs that stalled the server: <p>a</p> × 249,000 by its tags, <b> × 600,000 by its nesting', () => {
    expect(htmlOverrun('<p>a</p>'.repeat(249_000))).toEqual({ measure: 'tags', found: MAX_HTML_TAGS + 1, limit: MAX_HTML_TAGS });
    expect(htmlOverrun('<b>'.repeat(600_000))).toEqual({ measure: 'depth', found: MAX_HTML_DEPTH + 1, limit: MAX_HTML_DEPTH });
    expect(htmlOverrun('x'.repeat(MAX_BODY_HTML + 1))).toEqual({ measure: 'characters', found: MAX_BODY_HTML + 1, limit: MAX_BODY_HTML });
  });

  it('takes a long article as Word and Google Docs paste it', () => {
    const word =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head><body lang=EN-GB><div class=WordSection1>' +
      '<p class=MsoNormal><b><span lang=EN-GB>Kyiv</span></b><span lang=EN-GB style=\'font-family:"Calibri",sans-serif\'> — officials said <i>so</i>.<o:p></o:p></span></p>'.repeat(
        400,
      ) +
      '</div></body></html>';
    const docs = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-7f2a">${'<p dir="ltr" style="line-height:1.38"><span style="font-weight:700;">Breaking:</span><span> the council </span><span style="font-style:italic">voted</span>.</p>'.repeat(400)}</b>`;
    expect(htmlOverrun(word)).toBeNull();
    expect(htmlOverrun(docs)).toBeNull();
  });

  it('counts start and end tags, not comments, declarations, or the text of script and style', () => {
    expect(htmlOverrun('<p>x</p>'.repeat(25), small)).toBeNull();
    expect(htmlOverrun('<p>x</p>'.repeat(25) + '<br>', small)?.measure).toBe('tags');
    const noTags = `<!DOCTYPE html><?xml version="1.0"?>${'<!-- <b><b> -->'.repeat(100)}<![CDATA[<b><b>]]><script>${'if (a<b) x();'.repeat(100)}</script><style>${'a<b{}'.repeat(100)}</style>`;
    expect(htmlOverrun(noTags, { ...small, maxTags: 4 })).toBeNull();
    expect(htmlOverrun(noTags, { ...small, maxTags: 3 })).toEqual({ measure: 'tags', found: 4, limit: 3 });
  });

  it('nests as the sanitiser parses: unclosed <p>, <li>, <td> close their sibling; unclosed <b> and a stray end tag do not', () => {
    expect(htmlOverrun('<p>a'.repeat(40), { ...small, maxTags: 100 })).toBeNull();
    expect(htmlOverrun(`<ul>${'<li>a'.repeat(40)}</ul>`, { ...small, maxTags: 100 })).toBeNull();
    expect(htmlOverrun(`<table><tr>${'<td>a'.repeat(40)}</table>`, { ...small, maxTags: 100 })).toBeNull();
    expect(htmlOverrun(nest('b', 5) + '</b>'.repeat(5) + nest('i', 5), small)).toBeNull();
    expect(htmlOverrun(nest('b', 6), small)?.measure).toBe('depth');
    // `</i>` closes nothing when no <i> is open: the <b>s stay open.
    expect(htmlOverrun('<b></i>'.repeat(6), small)?.measure).toBe('depth');
    // <p> does not close an open <li>, nor <li> a <p>: they nest.
    expect(htmlOverrun('<p><li>'.repeat(3), small)?.measure).toBe('depth');
    // An end tag closes everything opened inside its element.
    expect(htmlOverrun(`<div>${nest('b', 4)}</div>`.repeat(10), { ...small, maxTags: 100 })).toBeNull();
  });

  it('honours <x/> only inside svg and math, as the sanitiser does', () => {
    expect(htmlOverrun('<b/>'.repeat(6), small)?.measure).toBe('depth');
    expect(htmlOverrun(`<svg>${'<path d="M0 0"/>'.repeat(40)}</svg>`, { ...small, maxTags: 100 })).toBeNull();
    expect(htmlOverrun(`<svg><foreignObject>${'<b/>'.repeat(6)}</foreignObject></svg>`, small)?.measure).toBe('depth');
  });

  it('reads quoted attributes as the tokenizer does, so markup inside a value can hide no tags', () => {
    // `>` inside a quoted value does not end the tag: a comment or <script> "opened" there would skip what follows.
    expect(htmlOverrun(`<a title="x><!--">${nest('b', 6)}`, small)?.measure).toBe('depth');
    expect(htmlOverrun(`<a title='x><script>'>${nest('b', 6)}`, small)?.measure).toBe('depth');
    expect(htmlOverrun(`<a title="${nest('b', 6)}">x</a>`, small)).toBeNull();
    // `/>` inside a value is not self-closing.
    expect(htmlOverrun(`<svg>${'<g title="/>">'.repeat(6)}</svg>`, small)?.measure).toBe('depth');
  });

  it('reads through text full of "<" that open nothing, and a very long tag', () => {
    expect(htmlOverrun('< '.repeat(900_000))).toBeNull();
    expect(htmlOverrun(`<p ${'a="1" '.repeat(300_000)}>x</p>`)).toBeNull();
  });
});
