import { z } from 'zod';
import { LOCALE_RE } from '../content/locales.js';
import type { Principal } from '../content/principal.js';
import { auditActor } from '../content/principal.js';
import { slugFromName } from '../content/slug.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  contributorOfUser,
  ensureContributor,
  firstSectionId,
  getWireItem,
  listWireItems,
  markWireItemAdapted,
  setSourcePublishedAt,
  wireLanguages,
  type WireFilter,
  type WireItem,
} from '../db/wire-repo.js';
import { AppError, notFound, parseFields, validationFailed } from '../errors.js';
import { assertCan } from './assert-can.js';
import { createArticle } from './article-store.js';
import { nowIso, type Deps } from './deps.js';
import { plainTextMatch } from '../search/plain-text-search.js';
import { convertHtml } from './html-convert.js';
import type { MachineTranslator } from '../outbound/machine-translate.js';

export type { MachineTranslator };
export { machineTranslator } from '../outbound/machine-translate.js';

export type { WireItem };

/**
 * The wire desk (issue 14): the stories partner feeds brought in, and "Adapt", which turns one into a draft in one
 * of the newsroom's languages with the partner's credit filled in (outlet, original URL and headline, source
 * language, first published time), the original author credited as `original_author` and the adapting user, when
 * they have a contributor profile, as `translator`. The draft starts from the original text (converted by the one
 * bounded HTML converter) for the translator to work over, with the original shown beside the editor.
 */
const Filter = z.strictObject({
  partner: z.coerce.number().int().positive().optional(),
  language: z.string().regex(LOCALE_RE).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export type WireQuery = z.input<typeof Filter>;

export function parseWireQuery(raw: Record<string, string | undefined>): WireFilter {
  const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const f = parseFields(Filter, clean, 'filters', { plural: true });
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    ...(f.partner !== undefined ? { partnerId: f.partner } : {}),
    ...(f.language ? { language: f.language } : {}),
    ...(f.from ? { from: `${f.from}T00:00:00.000Z` } : {}),
    ...(f.to ? { to: dayAfter(f.to) } : {}),
    ...(f.q ? { q: f.q } : {}),
    limit: f.limit,
    offset: f.offset,
  };
}

/** Reading the wire needs only a newsroom account (as reading partners does); adapting needs `article.create`. */
export async function listWire(deps: Deps, _who: Principal, filter: WireFilter) {
  const k = deps.db.kysely;
  const matching = filter.q?.trim() ? plainTextMatch(k, 'wire_items', 'w.id', filter.q) : undefined;
  const [page, languages] = await Promise.all([listWireItems(k, { ...filter, ...(matching ? { matching } : {}) }), wireLanguages(k)]);
  return { ...page, languages };
}

export async function readWireItem(deps: Deps, _who: Principal, id: number): Promise<WireItem> {
  const item = await getWireItem(deps.db.kysely, id);
  if (!item) throw notFound(`Wire item ${id}`, 'GET /api/admin/v1/wire lists them.');
  return item;
}

const AdaptInput = z.strictObject({
  locale: z.string().regex(LOCALE_RE),
  sectionId: z.coerce.number().int().positive().optional(),
  /** Machine-translate the headline and text into `locale` (only when a translator is configured). */
  machineTranslate: z.boolean().optional(),
});

/** Creates the draft; returns its id. Adapting an item twice makes a second draft (say, in another language). */
export async function adaptWireItem(
  deps: Deps,
  who: Principal,
  locales: readonly string[],
  id: number,
  raw: unknown,
  translator: MachineTranslator | null = null,
): Promise<number> {
  assertCan(who.actor, 'article.create');
  const input = parseFields(AdaptInput, raw, 'adaptation');
  if (!locales.includes(input.locale)) throw validationFailed('adaptation', { locale: `not one of the site's languages (${locales.join(', ')})` });
  const item = await readWireItem(deps, who, id);
  const k = deps.db.kysely;
  const sectionId = input.sectionId ?? (await firstSectionId(k));
  if (sectionId === null) {
    throw new AppError('VALIDATION_FAILED', 'The site has no section to put the draft in.', {
      hint: 'Create a section first (Admin → Sections).',
      details: { fields: { sectionId: 'required' } },
    });
  }
  let html = item.contentHtml ?? (item.summary ? `<p>${escapeHtml(item.summary)}</p>` : '<p></p>');
  let headline = item.title;
  if (input.machineTranslate) {
    if (!translator) {
      throw validationFailed('adaptation', { machineTranslate: 'no machine translation is configured (TRANSLATE_URL)' });
    }
    const from = item.language ?? 'auto';
    if (from !== input.locale) {
      [headline, html] = await Promise.all([
        translator.translate(escapeHtml(item.title), from, input.locale).then(plain),
        translator.translate(html, from, input.locale),
      ]);
    }
  }
  const body = await convertHtml(html);
  const now = nowIso(deps);
  const bylines: { contributorId: number; role: 'original_author' | 'translator' }[] = [];
  if (item.author) {
    // A name the slug cannot spell (Chinese, Korean…) keeps its own slug: one fixed slug made all of them one person.
    const slug = slugFromName(item.author);
    bylines.push({ contributorId: await ensureContributor(k, slug, item.author, now), role: 'original_author' });
  }
  const translatorId = who.userId !== null ? await contributorOfUser(k, who.userId) : null;
  if (translatorId !== null && !bylines.some((b) => b.contributorId === translatorId)) bylines.push({ contributorId: translatorId, role: 'translator' });
  const { actorUserId, via } = auditActor(who);
  return createArticle(
    deps,
    {
      locale: input.locale,
      headline: (headline || item.title).slice(0, 300),
      body,
      sectionId,
      bylines,
      source: { partnerId: item.partnerId, url: item.link, headline: item.title.slice(0, 500), locale: item.language },
      status: 'draft',
    },
    who.userId,
    async (trx, articleId) => {
      await setSourcePublishedAt(trx, articleId, item.publishedAt);
      await markWireItemAdapted(trx, item.id, articleId, now);
      await insertAudit(trx, {
        at: now,
        actorUserId,
        action: 'article.created',
        subjectType: 'article',
        subjectId: articleId,
        details: { locale: input.locale, wireItemId: item.id, ...via },
      });
    },
  );
}

const plain = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
