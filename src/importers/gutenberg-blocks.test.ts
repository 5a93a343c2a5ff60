import { describe, expect, it } from 'vitest';
import type { Block, Doc } from '../content/document.js';
import { documentIssues } from '../content/document-validate.js';
import { gutenbergToHtml } from './gutenberg-blocks.js';
import { htmlToDocument } from './html-to-document.js';

/* Block markup as WordPress 6.x (and, where it differs, 5.x) saves it in post_content, one fixture per block. */
const UP = 'https://courier.example/wp-content/uploads/2026/11';
const BLOCKS = {
  paragraph: `<!-- wp:paragraph --><p>Первый абзац с <strong>жирным</strong>, <em>курсивом</em> и <a href="https://example.org/x">ссылкой</a>.</p><!-- /wp:paragraph -->`,
  heading: `<!-- wp:heading --><h2 class="wp-block-heading">Итоги</h2><!-- /wp:heading --><!-- wp:heading {"level":4} --><h4 class="wp-block-heading">Подробности</h4><!-- /wp:heading -->`,
  quote: `<!-- wp:quote --><blockquote class="wp-block-quote"><!-- wp:paragraph --><p>Мы договорились.</p><!-- /wp:paragraph --><cite>Министр</cite></blockquote><!-- /wp:quote -->`,
  pullquote: `<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Главное — урожай.</p><cite>Фермер</cite></blockquote></figure><!-- /wp:pullquote -->`,
  list: `<!-- wp:list --><ul class="wp-block-list"><!-- wp:list-item --><li>Один</li><!-- /wp:list-item --><!-- wp:list-item --><li>Два<!-- wp:list --><ul class="wp-block-list"><!-- wp:list-item --><li>Вложенный</li><!-- /wp:list-item --></ul><!-- /wp:list --></li><!-- /wp:list-item --></ul><!-- /wp:list -->`,
  orderedList: `<!-- wp:list {"ordered":true,"start":3} --><ol start="3" class="wp-block-list"><!-- wp:list-item --><li>Третий</li><!-- /wp:list-item --></ol><!-- /wp:list -->`,
  image: `<!-- wp:image {"id":55,"sizeSlug":"large","linkDestination":"none"} --><figure class="wp-block-image size-large"><img src="${UP}/step-1024x640.jpg" alt="Степь" class="wp-image-55"/><figcaption class="wp-element-caption">Степь весной</figcaption></figure><!-- /wp:image -->`,
  embedYoutube: `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube","responsive":true} --><figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure><!-- /wp:embed -->`,
  embedLegacy: `<!-- wp:core-embed/twitter {"url":"https://twitter.com/courier/status/1234567890"} --><figure class="wp-block-embed-twitter wp-block-embed is-provider-twitter"><div class="wp-block-embed__wrapper">
https://twitter.com/courier/status/1234567890
</div></figure><!-- /wp:core-embed/twitter -->`,
  embedOther: `<!-- wp:embed {"url":"https://vimeo.com/76979871","type":"video","providerNameSlug":"vimeo"} --><figure class="wp-block-embed is-provider-vimeo"><div class="wp-block-embed__wrapper">
https://vimeo.com/76979871
</div></figure><!-- /wp:embed -->`,
  gallery: `<!-- wp:gallery {"linkTo":"none"} --><figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":61} --><figure class="wp-block-image size-large"><img src="${UP}/b.jpg" alt="Б" class="wp-image-61"/><figcaption class="wp-element-caption">Первая</figcaption></figure><!-- /wp:image --><!-- wp:image {"id":62} --><figure class="wp-block-image size-large"><img src="${UP}/c.jpg" alt="В" class="wp-image-62"/></figure><!-- /wp:image --><figcaption class="blocks-gallery-caption wp-element-caption">Ярмарка в Алматы</figcaption></figure><!-- /wp:gallery -->`,
  galleryOld: `<!-- wp:gallery {"ids":[71,72]} --><figure class="wp-block-gallery columns-2 is-cropped"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="${UP}/d.jpg" alt="Г" data-id="71"/></figure></li><li class="blocks-gallery-item"><figure><img src="${UP}/e.jpg" alt="Д" data-id="72"/><figcaption class="blocks-gallery-item__caption">Вторая</figcaption></figure></li></ul></figure><!-- /wp:gallery -->`,
  table: `<!-- wp:table --><figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr><th>Год</th><th>Урожай</th></tr></thead><tbody><tr><td>2025</td><td>1,2 млн т</td></tr></tbody></table><figcaption class="wp-element-caption">Источник: минсельхоз</figcaption></figure><!-- /wp:table -->`,
  separator: `<!-- wp:separator --><hr class="wp-block-separator has-alpha-channel-opacity"/><!-- /wp:separator -->`,
  unknown: `<!-- wp:acme/poll {"id":9} --><div class="wp-block-acme-poll" onclick="vote()"><p>Голосуйте: <b>да</b></p><script>steal()</script><iframe src="https://poll.acme.example/9"></iframe><button onclick="vote()">Да</button><style>p{color:red}</style></div><!-- /wp:acme/poll -->`,
} as const;

const convert = (html: string) => {
  const r = gutenbergToHtml(html);
  const doc = htmlToDocument(r.html);
  // What an import saves is checked as any saved body is.
  expect(documentIssues(doc)).toEqual([]);
  return { doc, warnings: r.warnings };
};
const types = (d: Doc) => d.content.map((b) => b.type);
const text = (nodes: unknown): string => JSON.stringify(nodes);

describe('Gutenberg blocks into the body document', () => {
  it('paragraphs keep their marks and links', () => {
    const { doc, warnings } = convert(BLOCKS.paragraph);
    expect(types(doc)).toEqual(['paragraph']);
    expect(text(doc)).toContain('"marks":[{"type":"bold"}],"text":"жирным"');
    expect(text(doc)).toContain('"href":"https://example.org/x"');
    expect(warnings).toEqual([]);
  });

  it('headings keep their level within the outline (h4 becomes a subsection)', () => {
    const { doc } = convert(BLOCKS.heading);
    expect(doc.content).toMatchObject([
      { type: 'heading', attrs: { level: 2 } },
      { type: 'heading', attrs: { level: 3 } },
    ]);
  });

  it('quotes keep their text and citation; a pull quote becomes ours with its attribution', () => {
    expect(convert(BLOCKS.quote).doc.content[0]).toMatchObject({ type: 'blockquote' });
    expect(text(convert(BLOCKS.quote).doc)).toContain('Министр');
    expect(convert(BLOCKS.pullquote).doc.content).toEqual([
      { type: 'pullQuote', attrs: { attribution: 'Фермер' }, content: [{ type: 'text', text: 'Главное — урожай.' }] },
    ]);
  });

  it('lists, nested and ordered (with their start)', () => {
    const { doc } = convert(BLOCKS.list);
    expect(types(doc)).toEqual(['bulletList']);
    expect(text(doc)).toContain('Вложенный');
    expect((doc.content[0] as Extract<Block, { type: 'bulletList' }>).content).toHaveLength(2);
    expect(convert(BLOCKS.orderedList).doc.content[0]).toMatchObject({ type: 'orderedList', attrs: { start: 3 } });
  });

  it('an image with its alt text and caption', () => {
    expect(convert(BLOCKS.image).doc.content).toMatchObject([
      { type: 'image', attrs: { src: `${UP}/step-1024x640.jpg`, alt: 'Степь', caption: 'Степь весной' } },
    ]);
  });

  it('embeds: YouTube and X (also the 5.x core-embed form) become embeds; another provider a link, with a warning', () => {
    expect(convert(BLOCKS.embedYoutube).doc.content).toEqual([
      { type: 'embed', attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', provider: 'youtube' } },
    ]);
    expect(convert(BLOCKS.embedLegacy).doc.content).toEqual([
      { type: 'embed', attrs: { url: 'https://twitter.com/courier/status/1234567890', provider: 'x' } },
    ]);
    const other = convert(BLOCKS.embedOther);
    expect(other.doc.content).toMatchObject([
      { type: 'paragraph', content: [{ text: 'https://vimeo.com/76979871', marks: [{ type: 'link', attrs: { href: 'https://vimeo.com/76979871' } }] }] },
    ]);
    expect(other.warnings).toEqual(['embeds the body cannot show kept as links: vimeo']);
  });

  it('regression: a gallery keeps every image (they were read as one, the others lost), captions and the gallery’s caption', () => {
    const { doc, warnings } = convert(BLOCKS.gallery);
    expect(doc.content).toMatchObject([
      { type: 'image', attrs: { src: `${UP}/b.jpg`, alt: 'Б', caption: 'Первая' } },
      { type: 'image', attrs: { src: `${UP}/c.jpg`, alt: 'В' } },
      { type: 'paragraph', content: [{ type: 'text', text: 'Ярмарка в Алматы' }] },
    ]);
    expect(warnings).toEqual([]);
    // WordPress 5.x's list markup: no empty list items left behind.
    expect(convert(BLOCKS.galleryOld).doc.content).toMatchObject([
      { type: 'image', attrs: { src: `${UP}/d.jpg`, alt: 'Г' } },
      { type: 'image', attrs: { src: `${UP}/e.jpg`, alt: 'Д', caption: 'Вторая' } },
    ]);
  });

  it('tables with header cells; the caption kept as text', () => {
    const { doc } = convert(BLOCKS.table);
    expect(types(doc)).toEqual(['table', 'paragraph']);
    expect(text(doc.content[0])).toContain('"type":"tableHeader"');
    expect(text(doc.content[0])).toContain('1,2 млн т');
    expect(text(doc.content[1])).toContain('Источник: минсельхоз');
    expect(types(convert(BLOCKS.separator).doc)).toEqual(['horizontalRule']);
  });

  it('an unknown block is kept as safe HTML (its text, no script, frame, handler, button or style), with a warning naming it', () => {
    const r = gutenbergToHtml(BLOCKS.unknown);
    expect(r.warnings).toEqual(['blocks kept as cleaned HTML (scripts, frames and styles dropped): wp:acme/poll']);
    const { doc } = convert(BLOCKS.unknown);
    expect(doc.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Голосуйте: ' },
          { type: 'text', marks: [{ type: 'bold' }], text: 'да' },
        ],
      },
    ]);
    expect(text(doc)).not.toMatch(/steal|vote|iframe|color:red/);
  });

  it('a whole post of every block at once, in order; classic HTML (no block comments) passes unchanged', () => {
    const all = Object.values(BLOCKS).join('\n');
    const { doc, warnings } = convert(all);
    expect(types(doc)).toEqual([
      'paragraph',
      'heading',
      'heading',
      'blockquote',
      'pullQuote',
      'bulletList',
      'orderedList',
      'image',
      'embed',
      'embed',
      'paragraph',
      'image',
      'image',
      'paragraph',
      'image',
      'image',
      'table',
      'paragraph',
      'horizontalRule',
      'paragraph',
    ]);
    expect(warnings).toHaveLength(2);
    const classic = '<p>Classic <em>post</em></p><img src="https://x.example/a.jpg" alt="">';
    expect(gutenbergToHtml(classic)).toEqual({ html: classic, warnings: [] });
  });
});

describe('regression: an embed whose URL is not a valid URL aborted the whole import', () => {
  it.each(['https:// www.youtube.com/watch?v=x', 'http://', 'https://vimeo.com:99999/1'])('%s is no URL, with a warning', (url) => {
    const block = `<!-- wp:embed {"url":${JSON.stringify(url)},"providerNameSlug":""} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">${url}</div></figure><!-- /wp:embed -->`;
    const r = gutenbergToHtml(`<!-- wp:paragraph --><p>До</p><!-- /wp:paragraph -->${block}<!-- wp:paragraph --><p>После</p><!-- /wp:paragraph -->`);
    expect(r.warnings).toEqual(['blocks kept as cleaned HTML (scripts, frames and styles dropped): wp:embed (no URL)']);
    expect(r.html).toContain('<p>До</p>');
    expect(r.html).toContain('<p>После</p>');
    expect(r.html).not.toContain('wp-block-embed');
  });
});

describe('regression: hostile block markup took seconds (quadratic regexes) on the import’s main thread', () => {
  const SIZE = 200 * 1024;
  const fill = (unit: string, head = '', tail = '') => head + unit.repeat(Math.ceil(SIZE / unit.length)) + tail;
  const best = (input: string) => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      gutenbergToHtml(input);
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  // The same size of ordinary blocks: what a linear reading costs on this machine now.
  const benign = fill(BLOCKS.paragraph + BLOCKS.gallery + BLOCKS.embedOther + BLOCKS.pullquote);
  const HOSTILE = {
    'figcaption openers in a gallery': fill('<figcaption class="', '<!-- wp:gallery --><figure class="wp-block-gallery">', '<!-- /wp:gallery -->'),
    'unclosed figcaptions in a gallery image': fill(
      '<figcaption>x',
      '<!-- wp:gallery --><figure><figure><img src="a.jpg">',
      '</figure></figure><!-- /wp:gallery -->',
    ),
    'embed comment openers': fill('<!-- wp:embed {'),
    'embed comment openers before one end': fill('<!-- wp:embed {', '', ' -->'),
    'embed openers with no closer': fill('<!-- wp:embed {"url":"https://x.example/"} -->'),
    'figure openers in a gallery': fill('<figure ', '<!-- wp:gallery -->', '<!-- /wp:gallery -->'),
    'unclosed paragraphs in a pull quote': fill('<p>x', '<!-- wp:pullquote -->', '<!-- /wp:pullquote -->'),
  };

  it.each(Object.entries(HOSTILE))('%s: about as fast as ordinary blocks of the same size', (_name, input) => {
    const base = best(benign);
    const took = best(input);
    expect(took).toBeLessThan(Math.max(100, 10 * base));
  });

  it('the ordinary blocks still come out the same', () => {
    const r = gutenbergToHtml(BLOCKS.gallery + BLOCKS.embedOther);
    expect(r.html).toBe(
      `<figure><img src="${UP}/b.jpg" alt="Б" class="wp-image-61"/><figcaption>Первая</figcaption></figure><figure><img src="${UP}/c.jpg" alt="В" class="wp-image-62"/></figure><p>Ярмарка в Алматы</p><p><a href="https://vimeo.com/76979871">https://vimeo.com/76979871</a></p>`,
    );
  });
});
