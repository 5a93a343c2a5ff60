import { describe, expect, it } from 'vitest';
import { parseArticleInput } from './article-input.js';
import { revisionSnapshot } from './article-store.js';

describe('revisionSnapshot', () => {
  const body = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Итоги «дня»' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'a "quoted" \\ line\n', marks: [{ type: 'bold' }] }] },
    ],
  };
  const inputs = [
    { locale: 'ru', headline: '  Переговоры  ', body, sectionId: 3 },
    {
      locale: 'en',
      kind: 'page',
      headline: 'About',
      deck: null,
      slug: 'about',
      body: { type: 'doc', content: [] },
      sectionId: 1,
      tagIds: [4, 5],
      bylines: [{ contributorId: 2, role: 'author' }],
      hero: { mediaId: 9, alt: 'x' },
      seoTitle: undefined,
      seoDescription: 'd',
      canonicalUrl: null,
      status: 'published',
      publishedAt: '2020-01-01T01:00:00+02:00',
    },
  ];
  it('is the JSON of { ...input, slug } as JSON.stringify writes it, with the body spliced in', () => {
    for (const raw of inputs) {
      const input = parseArticleInput(raw);
      const json = revisionSnapshot(input, 'the-slug', JSON.stringify(input.body)).json;
      expect(json).toBe(JSON.stringify({ ...input, slug: 'the-slug' }));
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ ...input, slug: 'the-slug' })));
    }
  });
});
