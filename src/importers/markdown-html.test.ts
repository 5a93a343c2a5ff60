import { expect, it } from 'vitest';
import { ghostBodyHtml } from './ghost-body.js';
import { MAX_BODY_HTML } from './html-limits.js';
import { markdownToHtml } from './markdown-html.js';

it('renders Markdown as Ghost did: headings, emphasis, lists, code, links, bare addresses, a single line break kept', () => {
  const html = markdownToHtml(
    '## Итоги\n\nТекст **из** _markdown_\nвторая строка\n\n- один\n- два\n\n```\nx < 1\n```\n\nсм. https://example.org/a и [ссылка](/about)',
  )!;
  expect(html).toContain('<h2>Итоги</h2>');
  expect(html).toContain('Текст <strong>из</strong> <em>markdown</em><br>\nвторая строка');
  expect(html).toContain('<ul>\n<li>один</li>\n<li>два</li>\n</ul>');
  expect(html).toContain('<pre><code>x &lt; 1\n</code></pre>');
  expect(html).toContain('<a href="https://example.org/a">https://example.org/a</a>');
  expect(html).toContain('<a href="/about">ссылка</a>');
});

it('refuses to render a text longer than the converter takes, so its time stays bounded', () => {
  expect(markdownToHtml('a'.repeat(MAX_BODY_HTML + 1))).toBeNull();
});

it('regression: Ghost Markdown (a 1.x-3.x Markdown card, a 0.x body without HTML) was kept as literal text, asterisks and all', () => {
  const card = ghostBodyHtml({
    mobiledoc: JSON.stringify({ version: '0.3.1', cards: [['card-markdown', { markdown: 'Текст **из** markdown' }]], sections: [[10, 0]] }),
  });
  expect(card.html).toContain('<strong>из</strong>');
  expect(card.warnings).toEqual([]);
  const zero = ghostBodyHtml({ markdown: '# Заголовок\n\n*курсив*' });
  expect(zero).toMatchObject({ source: 'markdown', warnings: [] });
  expect(zero.html).toContain('<h1>Заголовок</h1>');
  expect(zero.html).toContain('<em>курсив</em>');
});

it('keeps an over-long Markdown body as text paragraphs, with a warning', () => {
  const body = ghostBodyHtml({ markdown: `**${'a'.repeat(MAX_BODY_HTML)}**` });
  expect(body.warnings).toEqual(['Markdown too long to render: kept as text paragraphs']);
  expect(body.html.startsWith('<p>**')).toBe(true);
});
