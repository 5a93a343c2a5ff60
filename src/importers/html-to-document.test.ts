import { describe, expect, it } from 'vitest';
import type { Block, Doc, Inline, Mark } from '../content/document.js';
import { documentIssues } from '../content/document-validate.js';
import { renderDocument } from '../render/document-html.js';
import { htmlToDocument, sanitizeBodyHtml } from './html-to-document.js';

const doc = (...content: Block[]): Doc => ({ type: 'doc', content });
const t = (text: string, ...marks: (Mark['type'] | Mark)[]): Inline => {
  const m = marks.map((x) => (typeof x === 'string' ? { type: x } : x) as Mark);
  return m.length ? { type: 'text', text, marks: m } : { type: 'text', text };
};
const p = (...content: Inline[]): Block => ({ type: 'paragraph', content });
const link = (href: string): Mark => ({ type: 'link', attrs: { href, target: null, rel: null, class: null, title: null } }) as unknown as Mark;
const image = (attrs: Record<string, unknown>): Block =>
  ({ type: 'image', attrs: { alt: '', title: null, caption: null, credit: null, mediaId: null, ...attrs } }) as Block;
const cellAttrs = { colspan: 1, rowspan: 1, colwidth: null };
const cell = (type: 'tableCell' | 'tableHeader', ...content: Inline[]) => ({ type, attrs: cellAttrs, content: [p(...content)] });

// Snippets as Word, Google Docs, other CMSs and attackers paste them, and the clean document each must become.
const snippets: [string, string, Doc][] = [
  [
    'Google Docs: a whole-document <b style="font-weight:normal"> wrapper, bold and italic as spans with styles',
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-7f2a"><p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:700;">Breaking:</span><span style="font-size:11pt;font-family:Arial"> the council </span><span style="font-style:italic;font-family:Arial">voted</span><span style="font-family:Arial;text-decoration:line-through"> no</span>.</p></b>',
    doc(p(t('Breaking:', 'bold'), t(' the council '), t('voted', 'italic'), t(' no', 'strike'), t('.'))),
  ],
  [
    'Word: MsoNormal classes, <o:p>, conditional comments, spacer paragraphs, a style sheet',
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head><body lang=EN-GB><div class=WordSection1><p class=MsoNormal><b><span lang=EN-GB>Kyiv</span></b><span lang=EN-GB> — officials said.<o:p></o:p></span></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><h1>Title</h1><p class=MsoListParagraph style="mso-list:l0 level1 lfo1">Second<o:p></o:p></p></div></body></html>',
    doc(p(t('Kyiv', 'bold'), t(' — officials said.')), { type: 'heading', attrs: { level: 2 }, content: [t('Title')] }, p(t('Second'))),
  ],
  [
    'script, style and noscript go with their content',
    '<p>Before<script>alert(1)</script><style>p{color:red}</style><noscript>nojs</noscript> after</p>',
    doc(p(t('Before after'))),
  ],
  [
    'event handlers and javascript: links go; the words stay',
    '<p onclick="alert(1)">Read <a href="javascript:alert(1)" onmouseover="alert(2)">this</a> and <a href=" JaVaScRiPt:alert(1)">that</a> or <a href="https://example.com/ok" target="_blank" rel="nofollow">ok</a>.</p>',
    doc(p(t('Read this and that or '), t('ok', link('https://example.com/ok')), t('.'))),
  ],
  [
    '<img onerror> keeps only a safe image; data: and javascript: sources go',
    '<img src="https://cdn.example/a.jpg" alt="A" onerror="alert(1)"><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="b"><img src="javascript:alert(1)">',
    doc(image({ src: 'https://cdn.example/a.jpg', alt: 'A' })),
  ],
  ['<svg onload> and <math> go entirely', '<p>x<svg onload="alert(1)"><text>svg text</text></svg><math><mi>y</mi></math></p>', doc(p(t('x')))],
  [
    'a YouTube player frame becomes an embed; other frames, objects and forms go',
    '<iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" allowfullscreen></iframe><iframe src="https://evil.example/"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe><object data="x.swf"></object><form action="javascript:alert(1)"><input value="v"><button>b</button></form>',
    doc({ type: 'embed', attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', provider: 'youtube' } }),
  ],
  [
    'headings map into h2/h3; divs and spans unwrap',
    '<div><h1>One</h1><h3>Three</h3><h5>Five</h5><div><span>Loose text</span></div></div>',
    doc(
      { type: 'heading', attrs: { level: 2 }, content: [t('One')] },
      { type: 'heading', attrs: { level: 3 }, content: [t('Three')] },
      { type: 'heading', attrs: { level: 3 }, content: [t('Five')] },
      p(t('Loose text')),
    ),
  ],
  [
    'a table with thead, styles and a stray colgroup',
    '<table style="width:100%" border="1"><colgroup><col width="50"></colgroup><thead><tr><th style="background:red">City</th><th>Votes</th></tr></thead><tbody><tr><td>Kyiv</td><td><b>12</b></td></tr></tbody></table>',
    doc({
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', t('City')), cell('tableHeader', t('Votes'))] },
        { type: 'tableRow', content: [cell('tableCell', t('Kyiv')), cell('tableCell', t('12', 'bold'))] },
      ],
    } as Block),
  ],
  [
    'lists, quotes and rules',
    '<ul><li>One</li><li>Two<ol start="3"><li>Three</li></ol></li></ul><blockquote><p>Quoted</p></blockquote><hr>',
    doc(
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(t('One'))] },
          {
            type: 'listItem',
            content: [
              p(t('Two')),
              { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [p(t('Three'))] }] } as Block,
            ],
          },
        ],
      },
      { type: 'blockquote', content: [p(t('Quoted'))] },
      { type: 'horizontalRule' },
    ),
  ],
  [
    'our own markup round-trips: pull quote, embed, fact box, figure with caption and credit',
    '<figure class="pull-quote"><blockquote><p>We <em>stay</em>.</p></blockquote><figcaption>Mayor</figcaption></figure><figure class="embed" data-provider="telegram"><figcaption>Telegram</figcaption><a href="https://t.me/channel/5">https://t.me/channel/5</a></figure><aside class="fact-box"><h2>Facts</h2><div><p>One.</p></div></aside><figure><img src="/m/a.jpg" alt="A"><figcaption>Caption <small>AP</small></figcaption></figure>',
    doc(
      { type: 'pullQuote', attrs: { attribution: 'Mayor' }, content: [t('We '), t('stay', 'italic'), t('.')] },
      { type: 'embed', attrs: { url: 'https://t.me/channel/5', provider: 'telegram' } },
      { type: 'factBox', attrs: { title: 'Facts' }, content: [p(t('One.'))] } as Block,
      image({ src: '/m/a.jpg', alt: 'A', caption: 'Caption', credit: 'AP' }),
    ),
  ],
  [
    'an embed figure pointing elsewhere is only its words',
    '<figure class="embed" data-provider="youtube"><a href="https://evil.example/x">watch</a></figure>',
    doc(p(t('watch', link('https://evil.example/x')))),
  ],
];

describe('htmlToDocument: pasted and imported HTML', () => {
  it.each(snippets)('%s', (_name, html, expected) => {
    const got = htmlToDocument(html);
    expect(got).toEqual(expected);
    expect(documentIssues(got)).toEqual([]);
  });

  it('gives an empty document for empty or hostile-only input', () => {
    for (const html of ['', '   ', '<script>alert(1)</script>', '<!-- comment -->', '<style>x{}</style>']) expect(htmlToDocument(html)).toEqual(doc());
  });

  it('cleans to an allow-list: no handler, script, frame, style sheet or javascript: URL survives', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '<svg><script>alert(1)</script></svg>',
      '<a href="javascript&colon;alert(1)">a</a>',
      '<a href="&#106;avascript:alert(1)">b</a>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<details open ontoggle=alert(1)>',
      '<p style="background:url(javascript:alert(1))">s</p>',
      '<base href="javascript:alert(1)//">',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
      '<link rel=import href=x>',
      '<embed src=x>',
      '<isindex action=javascript:alert(1)>',
    ].join('');
    const clean = sanitizeBodyHtml(hostile);
    expect(clean).not.toMatch(/\son[a-z]+=|<script|<style|<iframe|<svg|<math|<embed|<object|<base|<meta|<link|javascript|srcdoc|style=/i);
    const rendered = renderDocument(htmlToDocument(hostile));
    expect(rendered).not.toMatch(/\son[a-z]+=|<script|<iframe|<svg|javascript/i);
  });

  it('reads the rows and cells of a table outside any table as text, as a browser does', () => {
    expect(htmlToDocument('<tr><td>orphan row</td></tr>')).toEqual(doc(p(t('orphan row'))));
    expect(htmlToDocument('<td>lone</td><tbody><tr><th>head</th></tr></tbody><p>next</p>')).toEqual(doc(p(t('lonehead')), p(t('next'))));
  });

  it('reads cells straight inside a table as one row of that table', () => {
    // happy-dom, the DOM before linkedom, made an empty table in front of it.
    expect(htmlToDocument('<table><td>no row</td></table>')).toEqual(
      doc({ type: 'table', content: [{ type: 'tableRow', content: [cell('tableCell', t('no row'))] }] } as Block),
    );
  });

  it('a pull quote whose blockquote has no <p> converts (it threw, and the whole text failed)', () => {
    expect(htmlToDocument('<figure class="pull-quote"><blockquote>We <em>stay</em>.</blockquote><figcaption>Mayor</figcaption></figure>')).toEqual(
      doc({ type: 'pullQuote', attrs: { attribution: 'Mayor' }, content: [t('We '), t('stay', 'italic'), t('.')] }),
    );
  });

  // Regression: start="-2", start="x", colspan="x" or colspan="5000" made a document the save refused, and the whole
  // post failed to import.
  it('drops a list start or cell span the body schema does not allow, and keeps the list or cell', () => {
    const list = (start: string) => htmlToDocument(`<ol start="${start}"><li>One</li></ol>`);
    for (const start of ['-2', 'x', '1e3', '2000000', '']) {
      expect(documentIssues(list(start)), start).toEqual([]);
      expect(list(start).content[0]).toMatchObject({ type: 'orderedList', attrs: { start: 1 } });
    }
    expect(list('0').content[0]).toMatchObject({ attrs: { start: 0 } });
    expect(list('12').content[0]).toMatchObject({ attrs: { start: 12 } });
    for (const span of ['x', '0', '-1', '5000']) {
      const got = htmlToDocument(`<table><tr><td colspan="${span}" rowspan="${span}">a</td><th colspan="2">b</th></tr></table>`);
      expect(documentIssues(got), span).toEqual([]);
      const [td, th] = (got.content[0] as { content: { content: { attrs: object }[] }[] }).content[0]!.content;
      expect(td!.attrs).toMatchObject({ colspan: 1, rowspan: 1 });
      expect(th!.attrs).toMatchObject({ colspan: 2 });
    }
  });

  it('reads a mark style written with !important (italic and bold were lost, and a normal-weight wrapper bolded all)', () => {
    expect(htmlToDocument('<p><span style="font-style:italic !important">i</span><span style="font-weight:bold!important">b</span></p>')).toEqual(
      doc(p(t('i', 'italic'), t('b', 'bold'))),
    );
    expect(htmlToDocument('<b style="font-weight:normal !important"><p>whole doc</p></b>')).toEqual(doc(p(t('whole doc'))));
    expect(sanitizeBodyHtml('<span style="text-decoration:line-through ! IMPORTANT">s</span>')).toBe('<span style="text-decoration:line-through">s</span>');
  });

  it('a <br> inside bold, italic or a link becomes a break without marks (the save refused it: the post failed to import)', () => {
    const br = { type: 'hardBreak' } as Inline;
    const d = htmlToDocument('<p><b>a<br>b</b></p><p><em>c<br>d</em></p><p><a href="https://x.example/">e<br>f</a></p>');
    expect(d).toEqual(
      doc(
        p(t('a', 'bold'), br, t('b', 'bold')),
        p(t('c', 'italic'), br, t('d', 'italic')),
        p(t('e', link('https://x.example/')), br, t('f', link('https://x.example/'))),
      ),
    );
    expect(documentIssues(d)).toEqual([]);
  });

  it('a pull quote keeps all its text, and its attribution once (the figcaption came out twice; text beside a <p> was lost)', () => {
    const pq = (attribution: string | null, ...content: Inline[]) => ({ type: 'pullQuote', attrs: { attribution }, content }) as unknown as Block;
    const br = { type: 'hardBreak' } as Inline;
    expect(htmlToDocument('<figure class="pull-quote">Quote<figcaption>Mayor</figcaption></figure>')).toEqual(doc(pq('Mayor', t('Quote'))));
    expect(htmlToDocument('<figure class="pull-quote"><blockquote>\n<p>a</p>\n<p><b>b</b></p>\n</blockquote><figcaption>M</figcaption></figure>')).toEqual(
      doc(pq('M', t('a'), br, t('b', 'bold'))),
    );
    expect(htmlToDocument('<figure class="pull-quote"><blockquote>lead<p>a</p>tail</blockquote></figure>')).toEqual(
      doc(pq(null, t('lead'), br, t('a'), br, t('tail'))),
    );
  });

  it('keeps only the mark styles of spans', () => {
    expect(sanitizeBodyHtml('<span style="color:red;font-weight:bold;position:fixed">x</span>')).toBe('<span style="font-weight:bold">x</span>');
  });
});
