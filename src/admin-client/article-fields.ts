import type { Editor, JSONContent } from '@tiptap/core';
import type { Json } from './api-call.js';
import type { Payload } from './autosave.js';
import { inputById } from './by-id.js';
import type { Byline, BylineRows } from './byline-rows.js';
import type { TagChips } from './tag-chips.js';

/** The edit form as the payload a save sends: read from the page, or written back into it (a restore, theirs). */
export type ArticleFields = { read(): Payload; apply(p: Payload): void };

export function articleFields(o: { editor: Editor; tags: TagChips; bylines: BylineRows }): ArticleFields {
  const text = (id: string) => inputById(id).value;
  const orNull = (id: string) => inputById(id).value.trim() || null;

  function read(): Payload {
    const bylines = o.bylines.read();
    const slug = text('slug').trim();
    return {
      headline: text('headline'),
      deck: orNull('deck'),
      ...(slug ? { slug } : {}),
      body: o.editor.getJSON(),
      dateline: orNull('dateline'),
      sectionId: Number(text('sectionId')),
      tagIds: o.tags.ids(),
      bylines,
      hero: text('heroMediaId').trim()
        ? { mediaId: Number(text('heroMediaId')), alt: orNull('heroAlt'), caption: orNull('heroCaption'), credit: orNull('heroCredit') }
        : null,
      source: text('sourcePartnerId')
        ? { partnerId: Number(text('sourcePartnerId')), url: orNull('sourceUrl'), headline: orNull('sourceHeadline'), locale: orNull('sourceLocale') }
        : null,
      seoTitle: orNull('seoTitle'),
      seoDescription: orNull('seoDescription'),
      canonicalUrl: orNull('canonicalUrl'),
    };
  }

  function apply(p: Payload) {
    const set = (id: string, v: unknown) => (inputById(id).value = v === null || v === undefined ? '' : String(v));
    set('headline', p.headline);
    set('deck', p['deck']);
    set('slug', p['slug'] ?? text('slug'));
    set('dateline', p['dateline']);
    set('sectionId', p['sectionId']);
    const hero = p['hero'] as Json | null;
    set('heroMediaId', hero?.['mediaId']);
    set('heroAlt', hero?.['alt']);
    set('heroCaption', hero?.['caption']);
    set('heroCredit', hero?.['credit']);
    const source = p['source'] as Json | null;
    set('sourcePartnerId', source?.['partnerId']);
    set('sourceUrl', source?.['url']);
    set('sourceHeadline', source?.['headline']);
    set('sourceLocale', source?.['locale']);
    set('seoTitle', p['seoTitle']);
    set('seoDescription', p['seoDescription']);
    set('canonicalUrl', p['canonicalUrl']);
    o.tags.setIds((p['tagIds'] as number[] | undefined) ?? []);
    o.bylines.set((p['bylines'] as Byline[] | undefined) ?? []);
    o.editor.commands.setContent((p['body'] as JSONContent) ?? { type: 'doc', content: [] }, { emitUpdate: false });
  }

  return { read, apply };
}
