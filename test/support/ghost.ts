/* Ghost export (JSON) files for the importer's tests, in the shapes Ghost 0.x, 4.x and 5.x/6.x write them. */

type Row = Record<string, unknown>;

const USERS_NEW = [
  { id: '5951f5fca366002ebd5dbef7', name: 'Наталья Гришина', slug: 'ngrishina', email: 'n@courier.example' },
  { id: '5951f5fca366002ebd5dbef8', name: 'Boris Translator', slug: 'boris', email: 'b@courier.example' },
];
const TAGS_NEW = [
  { id: '6001', name: 'Trade & tariffs', slug: 'trade', visibility: 'public' },
  { id: '6002', name: '#hero-layout', slug: 'hash-hero-layout', visibility: 'internal' },
];

/** A lexical document (Ghost 5.x/6.x) of a heading, a paragraph with bold and a link, a list, an image and an unknown card. */
export const LEXICAL = JSON.stringify({
  root: {
    type: 'root',
    children: [
      { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Итоги', format: 0 }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Жирный', format: 1 },
          { type: 'text', text: ' и ', format: 0 },
          { type: 'link', url: 'https://example.org/x', children: [{ type: 'text', text: 'ссылка', format: 0 }] },
        ],
      },
      { type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [{ type: 'text', text: 'пункт один', format: 0 }] }] },
      { type: 'image', src: '__GHOST_URL__/content/images/2026/11/body.jpg', altText: 'степь', caption: '' },
      { type: 'product', productTitle: 'Неизвестная карточка', productDescription: '<script>alert(1)</script>описание' },
    ],
  },
});

/** A mobiledoc 0.3 document (Ghost 1.x-4.x): a heading, a paragraph with an em and a link, a list, a markdown card, an html card. */
export const MOBILEDOC = JSON.stringify({
  version: '0.3.1',
  atoms: [],
  cards: [
    ['markdown', { markdown: 'Текст **из** markdown' }],
    ['html', { html: '<p>Из <b>HTML</b>-карточки</p>' }],
    ['paywall', {}],
  ],
  markups: [['em'], ['a', ['href', 'https://example.org/m']]],
  sections: [
    [1, 'h2', [[0, [], 0, 'Заголовок']]],
    [
      1,
      'p',
      [
        [0, [0], 1, 'курсив'],
        [0, [], 0, ' и '],
        [0, [1], 1, 'ссылка'],
      ],
    ],
    [3, 'ol', [[[0, [], 0, 'первый']], [[0, [], 0, 'второй']]]],
    [10, 0],
    [10, 1],
    [10, 2],
  ],
});

/** A post row as Ghost 5.x/6.x writes it (no `html` when `withHtml` is false: the body is rendered from lexical). */
export function post(n: number, extra: Row = {}): Row {
  return {
    id: `64a0000000000000000000${String(n).padStart(2, '0')}`,
    uuid: `0b5d3e6a-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
    title: `Переговоры ${n}`,
    slug: `peregovory-${n}`,
    lexical: LEXICAL,
    mobiledoc: null,
    html: null,
    feature_image: null,
    type: 'post',
    status: 'published',
    visibility: 'public',
    custom_excerpt: 'Коротко & ясно',
    created_at: '2026-11-29T10:00:00.000Z',
    published_at: '2026-11-30T08:00:00.000Z',
    updated_at: '2026-12-01T09:30:00.000Z',
    ...extra,
  };
}

/** A Ghost 5.x/6.x export: `{db: [{meta, data}]}`, relation tables after the posts (as Ghost writes them). */
export function ghost6(opts: { posts?: Row[]; postsTags?: Row[]; postsAuthors?: Row[]; postsMeta?: Row[]; version?: string; wrap?: boolean } = {}): string {
  const posts = opts.posts ?? [post(1)];
  const data = {
    posts,
    users: USERS_NEW,
    tags: TAGS_NEW,
    posts_tags:
      opts.postsTags ??
      posts.flatMap((p, i) => [
        { id: `pt${i}a`, post_id: p.id, tag_id: '6001', sort_order: 0 },
        { id: `pt${i}b`, post_id: p.id, tag_id: '6002', sort_order: 1 },
      ]),
    posts_authors: opts.postsAuthors ?? posts.map((p, i) => ({ id: `pa${i}`, post_id: p.id, author_id: USERS_NEW[0]!.id, sort_order: 0 })),
    posts_meta: opts.postsMeta ?? [],
  };
  const exp = { meta: { exported_on: Date.now(), version: opts.version ?? '6.3.0' }, data };
  return JSON.stringify(opts.wrap === false ? exp : { db: [exp] }, null, 1);
}

/** A Ghost 4.x export, without the db wrapper: mobiledoc bodies, no html column. */
export function ghost4(posts: Row[]): string {
  return JSON.stringify(
    {
      meta: { exported_on: 1700000000000, version: '4.48.2' },
      data: {
        posts: posts.map((p) => ({ ...p, lexical: undefined, mobiledoc: MOBILEDOC })),
        users: USERS_NEW,
        tags: TAGS_NEW,
        posts_tags: [],
        posts_authors: posts.map((p, i) => ({ id: `pa${i}`, post_id: p.id, author_id: USERS_NEW[1]!.id, sort_order: 0 })),
      },
    },
    null,
    2,
  );
}

/** A Ghost 0.x (LTS) export: the `{db: [...]}` wrapper, integer ids, `markdown` and `html`, `page` flags, `author_id`, `image`. */
export function ghost0(posts: Row[] = []): string {
  return JSON.stringify({
    db: [
      {
        meta: { exported_on: 1420070400000, version: '003' },
        data: {
          posts: posts.length
            ? posts
            : [
                {
                  id: 1,
                  uuid: 'c9a0c1f0-0000-4000-8000-000000000001',
                  title: 'Старая заметка',
                  slug: 'staraya-zametka',
                  markdown: 'Первый абзац.\n\nВторой абзац.',
                  html: '<p>Первый абзац.</p>\n<p>Второй абзац.</p>',
                  image: '/content/images/2014/12/old.jpg',
                  page: 0,
                  status: 'published',
                  author_id: 1,
                  created_at: 1419984000000,
                  published_at: '2014-12-31 10:00:00',
                },
                {
                  id: 2,
                  uuid: 'c9a0c1f0-0000-4000-8000-000000000002',
                  title: 'О нас',
                  slug: 'o-nas',
                  markdown: 'Мы — **газета**.',
                  html: null,
                  page: 1,
                  status: 'published',
                  author_id: 1,
                  published_at: 1419984000000,
                },
              ],
          users: [{ id: 1, uuid: 'u-1', name: 'Old Editor', slug: 'old-editor', email: 'old@courier.example' }],
          tags: [{ id: 1, uuid: 't-1', name: 'Архив', slug: 'arhiv' }],
          posts_tags: [{ id: 1, post_id: 1, tag_id: 1 }],
        },
      },
    ],
  });
}
