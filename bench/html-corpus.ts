/**
 * Bodies for the HTML converter's bench (bench/html-convert.ts): the generated WXR's post bodies (as
 * bench/wxr-file.ts writes them), the bench archive's stories rendered as our own markup, and messy
 * markup as Word, Google Docs, WordPress blocks and attackers give it.
 */
import { renderDocument } from '../src/render/document-html.js';
import { rng } from './prng.js';
import { body } from './text.js';

const WORDS = 'степь ветер город рынок зерно поезд совет мост река школа новости власть цены погода'.split(' ');
const word = (i: number) => WORDS[i % WORDS.length]!;

/** Post `n`'s content:encoded in the generated WXR (the same words as bench/wxr-file.ts). */
export function wxrBody(n: number): string {
  const paragraphs = Array.from(
    { length: 6 },
    (_, p) =>
      `<!-- wp:paragraph -->\n<p>${Array.from({ length: 30 }, (_, w) => word(n + p * 7 + w)).join(' ')} <strong>${word(n + p)}</strong> &amp; «${word(p)}».</p>\n<!-- /wp:paragraph -->`,
  );
  return [`<!-- wp:heading -->\n<h2>${word(n)} ${n}</h2>\n<!-- /wp:heading -->`, ...paragraphs].join('\n\n');
}

/** `count` bench stories (bench/text.ts) rendered as the site renders a body. */
export function renderedBodies(count: number): string[] {
  const r = rng(14);
  return Array.from({ length: count }, (_, i) => renderDocument(body(r, i % 2 ? 'en' : 'ru')));
}

const UP = 'https://courier.example/wp-content/uploads/2026/11';
const GDOCS_RUN = (text: string, style: string) => `<span style="font-size:11pt;font-family:Arial;color:#000000;${style}">${text}</span>`;

/** Messy and hostile markup: each exercises a different parse rule, a different sanitizer path or a parser quirk. */
export const MESSY: readonly string[] = [
  // Google Docs: a whole-document <b style="font-weight:normal">, marks as styles.
  `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-7f2a">${Array.from(
    { length: 12 },
    (_, i) =>
      `<p dir="ltr" style="line-height:1.38;margin-top:0pt">${GDOCS_RUN(`Lead ${i}:`, 'font-weight:700;')}${GDOCS_RUN(' the council ', '')}${GDOCS_RUN('voted', 'font-style:italic;')}${GDOCS_RUN(' no', 'text-decoration:line-through;')}${GDOCS_RUN(' normal', 'font-weight:400;font-style:normal')}.</p><br>`,
  ).join('')}<ul><li dir="ltr"><p dir="ltr">${GDOCS_RUN('item', 'font-weight:bold')}</p></li></ul></b>`,
  // Word: namespaces, conditional comments, spacer paragraphs, a style sheet, lists as paragraphs.
  `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--></head><body lang=EN-GB><div class=WordSection1>${Array.from(
    { length: 10 },
    (_, i) =>
      `<p class=MsoNormal><b><span lang=EN-GB>Kyiv ${i}</span></b><span lang=EN-GB> — officials said.<o:p></o:p></span></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span>Point ${i}<o:p></o:p></p>`,
  ).join(
    '',
  )}<h1>Title</h1><table class=MsoTableGrid border=1><tr><td width=200><p class=MsoNormal>A<o:p></o:p></p></td><td><p class=MsoNormal><i>B</i></p></td></tr></table></div></body></html>`,
  // Our own markup with every node the schema has.
  '<figure class="pull-quote"><blockquote><p>We <em>stay</em>.</p></blockquote><figcaption>Mayor</figcaption></figure><figure class="embed" data-provider="telegram"><figcaption>Telegram</figcaption><a href="https://t.me/channel/5">https://t.me/channel/5</a></figure><aside class="fact-box"><h2>Facts</h2><div><p>One.</p><ul><li>Two</li></ul></div></aside><aside class="fact-box"><h3>No div</h3><p>Three.</p></aside><figure><img src="/m/a.jpg" alt="A" data-media-id="12"><figcaption>Caption <small>AP</small></figcaption></figure><figure><img src="/m/b.jpg"></figure><p><img src="/m/inline.jpg" alt="in"> text</p>',
  // Tables: thead, spans, stray colgroup, cells with blocks and marks, a table inside a cell.
  '<table style="width:100%" border="1"><caption>Votes</caption><colgroup><col width="50"></colgroup><thead><tr><th style="background:red" colspan="2">City</th></tr></thead><tbody><tr><td rowspan="2">Kyiv</td><td><b>12</b><br>more</td></tr><tr><td><p>p1</p><p>p2</p><ul><li>in cell</li></ul></td></tr><tr><td><table><tr><td>inner</td></tr></table></td><td><img src="https://x.example/i.jpg"></td></tr></tbody><tfoot><tr><td>f</td><td>g</td></tr></tfoot></table><table><tr><td>no tbody</td></tr></table><tr><td>orphan row</td></tr>',
  // Lists, quotes, rules, code, nesting and loose inline text between blocks.
  'loose <b>start</b><ul><li>One</li><li>Two<ol start="3"><li>Three</li><li><p>Four</p><blockquote>q</blockquote></li></ol></li><li></li></ul>between<blockquote><p>Quoted</p>bare<h2>h in q</h2></blockquote><hr><p>a <code>code()</code> b <s>s</s> <del>d</del> <strike>k</strike> <i><b>bi</b></i></p><ol start="-2"><li>neg</li></ol><ol start="x"><li>bad</li></ol><li>stray li</li>',
  // Links: every scheme, titles, nested, empty, relative, protocol-relative.
  '<p><a href="https://example.com/ok" title="T">ok</a> <a href="mailto:a@b.example">mail</a> <a href="/rel">rel</a> <a href="//cdn.example/x">pr</a> <a href="ftp://x">ftp</a> <a href="javascript:alert(1)">js</a> <a>none</a> <a href="https://a.example"><b>bold link</b> tail</a> <a href="https://x.example"><img src="https://x.example/i.jpg" alt="linked"></a></p>',
  // Whitespace: pre-like text, nbsp, newlines, tabs, entities.
  '<p>  leading   and\n\n  trailing  \t</p><p>&nbsp;</p><p> </p><p>a&nbsp;&nbsp;b &amp; &lt;tag&gt; &quot;q&quot; &#8212; &hellip; &#x1F600;</p>\n\n<p>\n</p><pre>  pre\n   text</pre><div>  div text <span> span </span> </div>',
  // Parser quirks: unclosed and misnested tags, a block inside a p, stray end tags, uppercase, attributes unquoted.
  '<P CLASS=x>upper <B>bold <I>both</B> italic?</I> tail<p>unclosed one<p>unclosed two<div>div in p</div></p></p></b></i><h2>head <p>p in h</p></h2><span>span <div>div in span</div></span><em>em<p>p in em</p></em><blockquote><li>li in bq</li></blockquote><ul>text in ul<p>p in ul</p></ul>',
  // Hostile.
  '<img src=x onerror=alert(1)><svg><script>alert(1)</script></svg><a href="javascript&colon;alert(1)">a</a><a href="&#106;avascript:alert(1)">b</a><math><mtext><table><mglyph><style><img src=x onerror=alert(1)><details open ontoggle=alert(1)><p style="background:url(javascript:alert(1))">s</p><base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><link rel=import href=x><embed src=x><isindex action=javascript:alert(1)>',
  '<p>Before<script>alert(1)</script><style>p{color:red}</style><noscript>nojs</noscript> after</p><template><p>t</p></template><textarea><p>ta</p></textarea><select><option>o</option></select><button>b</button><!--<script>x</script>--><![CDATA[cdata]]><title>ti</title>',
  '<iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" allowfullscreen></iframe><iframe src="https://evil.example/">fallback</iframe><iframe srcdoc="<script>alert(1)</script>"></iframe><p>x<iframe src="https://www.youtube-nocookie.com/embed/abcdefghijk"></iframe>y</p><object data="x.swf"></object><form action="javascript:alert(1)"><input value="v"></form>',
  '"><img src=x onerror="window.__xss=1"><a href=" JaVaScRiPt:alert(1)">that</a><a href="data:text/html,x">d</a><img src="data:image/png;base64,AAAA"><img src="//cdn.example/pr.jpg"><img alt="no src"><span style="font-weight:bold;position:fixed;color:red">s</span><b style="font-weight:normal">nb</b><i style="font-style:normal">ni</i><span style="font-weight:900">heavy</span><span style="font-weight:lighter">light</span><span style="text-decoration:underline line-through">u</span>',
  // Deep nesting near the sanitizer's limit.
  `${'<div><span>'.repeat(25)}deep${'</span></div>'.repeat(25)}${'<blockquote>'.repeat(12)}q${'</blockquote>'.repeat(12)}${'<ul><li>'.repeat(10)}l${'</li></ul>'.repeat(10)}`,
  // WordPress blocks that gutenbergToHtml leaves alone or that reach the converter as classic content.
  `<figure class="wp-block-image size-large"><img src="${UP}/step.jpg" alt="Степь" class="wp-image-55"/><figcaption class="wp-element-caption">Степь весной</figcaption></figure><figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th>Год</th><th>Урожай</th></tr></thead><tbody><tr><td>2025</td><td>1,2 млн т</td></tr></tbody></table><figcaption>Источник</figcaption></figure><figure class="wp-block-pullquote"><blockquote><p>Главное — урожай.</p><cite>Фермер</cite></blockquote></figure>[caption id="x" width="300"]<img src="${UP}/c.jpg"> Подпись[/caption]\n\nClassic paragraph one.\n\nClassic <em>two</em>.`,
  // Empty and near-empty.
  '',
  '   ',
  '<p></p><div></div><span></span><br><br><hr>',
  'just text, no markup',
];

/** Where parsers disagree: a browser's (and happy-dom's) HTML parser against htmlparser2's (sanitize-html's, linkedom's). */
export const PARSER_QUIRKS: readonly string[] = [
  '<tr><td>orphan row</td></tr>',
  '<td>lone td</td><th>lone th</th>',
  '<tbody><tr><td>row group</td></tr></tbody>',
  '<table>text before<tr><td>x</td></tr></table>',
  '<table><tr>text in tr<td>x</td></tr></table>',
  '<table><p>p in table</p><tr><td>x</td></tr></table>',
  '<p>a<table><tr><td>t</td></tr></table>b</p>',
  '<table><tr><td>a<td>b<tr><td>c</table>',
  '<p><li>li in p</li></p><div><li>li in div</li></div>',
  '<b>bold<p>para</p>after</b><a href="https://x.example">a<p>p in a</p></a>',
  '<h2>a<h3>b</h3></h2><ul><li>a<li>b</ul><p>x<hr>y</p><p>x<blockquote>q</blockquote></p><em><blockquote>q</blockquote></em>',
  '<p>one<br/>two</br>three</p><img src="https://x.example/a.jpg"/>after',
  '<p>&amp;lt; &notanentity; &copy &#0; &nbsp; a</p><a href="https://x.example/?a=1&amp;b=2&c=3">q</a><img src="https://x.example/?a=1&amp;b=2" alt="&quot;q&quot; &lt;">',
  '<span style="font-weight: bold ; font-style : italic">sp</span><b style="font-weight:400">b400</b><span style="text-decoration: line-through">lt</span>',
  '<figure><figcaption>cap</figcaption><img src="https://x.example/a.jpg"></figure><figure class="embed"><a href="https://youtu.be/dQw4w9WgXcQ">x</a></figure>',
  '<aside class="fact-box"><h3>T</h3><ul><li>a</li></ul></aside><aside class="fact-box">loose<b>text</b></aside><figure class="pull-quote"><blockquote>no p</blockquote></figure>',
  '<figure class="embed pull-quote"><blockquote><p>two classes</p></blockquote></figure><aside class=" fact-box  x"><p>spaced class</p></aside>',
  '<table><tr><td colspan="2" rowspan="3">s</td></tr></table>',
  'a\u00a0b\u2028c\r\nd\re<pre>x\n y</pre><p>  </p><p>\u00a0</p><h2></h2><blockquote></blockquote><ul></ul>',
];

/*
 * Marks, text and blocks straight inside <table> or <tr>, where the parsers disagree in what they keep and no text is
 * lost: htmlparser2 (linkedom's) keeps them where they stand, so text and marks read as a cell of their own and a block
 * ends the table (an empty table of one row before it, the rest after); happy-dom kept the text in a cell but dropped
 * its marks, and left an empty block before the table for a block; a browser moves them all in front of the table.
 * Recorded from the converter on linkedom, not from happy-dom: bench/html-convert.ts --compare lists the differences.
 */
export const TABLE_CONTENT: readonly string[] = [
  '<table><b>bold</b><tr><td>x</td></tr></table>',
  '<table><tr><em>em in tr</em><td>x</td></tr></table>',
  '<table><tr><td>x</td></tr><a href="https://x.example/">link</a></table>',
  '<table><h2>head</h2><tr><td>x</td></tr></table>',
  '<table><ul><li>li</li></ul><tr><td>x</td></tr></table>',
];
