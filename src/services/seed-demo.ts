import fs from 'node:fs';
import path from 'node:path';
import { slugFromHeadline } from '../content/slug.js';
import { findByLocaleSlug } from '../db/load-article.js';
import { getArticleRow, insertCorrection } from '../db/articles-repo.js';
import { setTranslatedFrom } from '../db/desk-repo.js';
import { addMissingContributorNames } from '../db/contributors-repo.js';
import { ensureTag, upsertContributor, upsertMedia, upsertPartner, upsertSection } from '../db/taxonomy-repo.js';
import { demoContent } from '../seed/demo-content.js';
import { demoImageSvg } from '../seed/demo-images.js';
import type { DemoContent } from '../seed/demo-types.js';
import { docFromMarkup } from '../seed/markup.js';
import { createArticle } from './article-store.js';
import { nowIso, type Deps } from './deps.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Loads the bundled bilingual demo newsroom. Idempotent: a version whose (locale, slug) exists is left alone, so a
 * second run (or a run after an editor changed a demo story) adds nothing and overwrites nothing.
 * Dates are relative to now, so the demo always looks current.
 */
export async function seedDemo(deps: Deps, dataDir: string, content: DemoContent = demoContent): Promise<{ created: number; skipped: number }> {
  const k = deps.db.kysely;
  const now = deps.clock().getTime();
  const at = nowIso(deps);

  const sections = new Map<string, number>();
  for (const [position, s] of content.sections.entries()) sections.set(s.slug, await upsertSection(k, { slug: s.slug, position, names: s.names }, at));
  const contributors = new Map<string, number>();
  for (const c of content.contributors) {
    const id = await upsertContributor(k, c, at);
    contributors.set(c.slug, id);
    // Bylines on the Russian and Kazakh pages read in Cyrillic; a name an editor has since changed is kept.
    if (c.names) await addMissingContributorNames(k, id, c.names);
  }
  const partners = new Map<string, number>();
  for (const p of content.partners) partners.set(p.key, await upsertPartner(k, { name: p.name, url: p.url, locale: p.locale, licence: p.licence }, at));

  const mediaDir = path.join(dataDir, 'media', 'demo');
  fs.mkdirSync(mediaDir, { recursive: true });
  const images = new Map<string, { id: number }>();
  for (const img of content.images) {
    fs.writeFileSync(path.join(mediaDir, `${img.key}.svg`), demoImageSvg(img));
    const id = await upsertMedia(
      k,
      { path: `/media/demo/${img.key}.svg`, mime: 'image/svg+xml', width: img.width, height: img.height, alt: '', credit: null },
      at,
    );
    images.set(img.key, { id });
  }

  let created = 0;
  let skipped = 0;
  for (const story of content.stories) {
    const day = new Date(now - story.daysAgo * DAY);
    day.setUTCHours(story.hour, 0, 0, 0);
    // Today's stories scheduled for later hours would be invisible until then; pull them into the past.
    const first = Math.min(day.getTime(), now - (story.versions.length + 1) * HOUR);
    let storyId: number | undefined;
    // The first version is the story's original; later ones are its translations (the desk tracks them as such).
    let original: number | undefined;
    for (const v of story.versions) {
      const slug = v.slug ?? slugFromHeadline(v.headline);
      const publishedAt = Math.min(first + (v.delayMinutes ?? 0) * 60_000, now - 60_000);
      const existing = await findByLocaleSlug(k, v.locale, slug, at);
      if (existing) {
        skipped++;
        storyId ??= (await getArticleRow(k, existing.id))!.story_id;
        original ??= existing.id;
        continue;
      }
      const tagIds = [];
      for (const name of v.tags) tagIds.push(await ensureTag(k, v.locale, slugFromHeadline(name), name));
      const id = await createArticle(deps, {
        locale: v.locale,
        storyId,
        slug,
        headline: v.headline,
        deck: v.deck,
        body: docFromMarkup(v.body, v.blocks),
        dateline: v.dateline,
        sectionId: required(sections, story.section, 'section'),
        tagIds,
        bylines: v.contributors.map((c) => ({ contributorId: required(contributors, c.slug, 'contributor'), role: c.role })),
        hero: v.hero ? { mediaId: required(images, v.hero.image, 'image').id, alt: v.hero.alt, caption: v.hero.caption, credit: v.hero.credit } : null,
        source: v.source
          ? { partnerId: required(partners, v.source.partner, 'partner'), url: v.source.url, headline: v.source.headline, locale: v.source.locale }
          : null,
        status: 'published',
        publishedAt: new Date(publishedAt).toISOString(),
      });
      storyId ??= (await getArticleRow(k, id))!.story_id;
      if (original === undefined) original = id;
      else {
        const source = (await getArticleRow(k, original))!;
        await setTranslatedFrom(k, id, original, source.text_revision);
      }
      for (const c of v.corrections ?? []) {
        await insertCorrection(k, id, c.text, new Date(Math.min(publishedAt + c.hoursAfter * HOUR, now)).toISOString());
      }
      created++;
    }
  }
  // Pages (About): published, so each language's footer links to them after `npm start`.
  const firstSection = sections.values().next().value;
  for (const page of content.pages ?? []) {
    if (firstSection === undefined) break;
    let storyId: number | undefined;
    let original: number | undefined;
    for (const v of page.versions) {
      const existing = await findByLocaleSlug(k, v.locale, v.slug, at);
      if (existing) {
        skipped++;
        storyId ??= (await getArticleRow(k, existing.id))!.story_id;
        original ??= existing.id;
        continue;
      }
      const id = await createArticle(deps, {
        locale: v.locale,
        kind: 'page',
        storyId,
        slug: v.slug,
        headline: v.title,
        deck: v.deck,
        body: docFromMarkup(v.body),
        sectionId: firstSection,
        status: 'published',
        publishedAt: new Date(now - 30 * DAY).toISOString(),
      });
      storyId ??= (await getArticleRow(k, id))!.story_id;
      if (original === undefined) original = id;
      else await setTranslatedFrom(k, id, original, (await getArticleRow(k, original))!.text_revision);
      created++;
    }
  }
  return { created, skipped };
}

function required<T>(map: Map<string, T>, key: string, what: string): T {
  const v = map.get(key);
  if (v === undefined) throw new Error(`Demo content refers to unknown ${what} "${key}"`);
  return v;
}
