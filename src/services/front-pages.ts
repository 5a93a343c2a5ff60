import { createHash } from 'node:crypto';
import { z } from 'zod';
import { arrangeFront, MAX_TOP_STORIES, noPins, orderSections, type FrontPagePins, type TopPin } from '../content/front-page.js';
import { auditActor, type Principal } from '../content/principal.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import type { ArticleSummary } from '../content/types.js';
import { isVisibleToReaders } from '../content/visibility.js';
import { listVisibleByIds } from '../db/article-lists.js';
import { insertAudit } from '../db/audit-repo.js';
import { lockPins, pinCandidates, readPins, recentPublished, writePins } from '../db/front-pages-repo.js';
import { listSections } from '../db/taxonomy-repo.js';
import { AppError, parseFields } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { sharedLists } from './shared-lists.js';

/**
 * The editor-curated front page: per language, the lead story, an ordered list of top stories (each with an optional
 * expiry) and the order of the section blocks. A save replaces the language's pins whole, writes an audit row in the
 * same transaction and, once committed, announces the language's home pages (`front-{lang}`), which the page cache
 * re-renders at once. An expiry passing is announced by services/front-page-watch.ts.
 */

const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** What a save may carry. Left-out fields mean nothing pinned there (the automatic order). */
export const FrontPageInput = z.strictObject({
  lead: z.number().int().positive().nullable().default(null),
  top: z.array(z.strictObject({ articleId: z.number().int().positive(), until: isoDate.nullable().optional() })).default([]),
  sections: z.array(z.string().trim().min(1).max(80)).default([]),
});
export type FrontPageInput = z.input<typeof FrontPageInput>;

/**
 * The pins, what readers are shown now because of them (pins readers cannot see are skipped, expired ones dropped),
 * and `version`: what a save sends back as `baseVersion` so that it cannot overwrite a save it has not seen.
 */
export type FrontPageView = FrontPagePins & { shown: { lead: number | null; top: number[] }; version: string };

/**
 * A front page's version: a digest of what is pinned (not of when or by whom). Two saves of the same pins have the
 * same version, and that is right: a save based on either overwrites nothing its editor has not seen. A digest needs
 * no column (and so no migration) and cannot collide for two saves in the same millisecond as a timestamp would.
 */
export function frontPageVersion(pins: Pick<FrontPagePins, 'lead' | 'top' | 'sections'>): string {
  const content = JSON.stringify([pins.lead, pins.top.map((t) => [t.articleId, t.until]), pins.sections]);
  return createHash('sha256').update(content).digest('base64url').slice(0, 16);
}

function knownLocale(locales: readonly string[], locale: string): void {
  if (!locales.includes(locale)) {
    throw new AppError('NOT_FOUND', `There is no front page for the language "${locale}".`, { hint: `The site's languages are: ${locales.join(', ')}.` });
  }
}

/** The lead and top stories a language's home page shows at `now`, given its pins and the automatic order (`latest`). */
export async function frontStories(
  deps: Deps,
  pins: FrontPagePins | null,
  now: string,
  latest: readonly ArticleSummary[],
): Promise<{ lead: ArticleSummary | null; top: ArticleSummary[] }> {
  if (!pins) return arrangeFront(noPins(''), now, new Map(), latest);
  const ids = [...(pins.lead === null ? [] : [pins.lead]), ...pins.top.map((t) => t.articleId)];
  const visible = await listVisibleByIds(deps.db.kysely, pins.locale, now, ids);
  return arrangeFront(pins, now, new Map(visible.map((a) => [a.id, a])), latest);
}

/** The section blocks' order on a language's home page. */
export const frontSections = <S extends { slug: string }>(pins: FrontPagePins | null, sections: readonly S[]): S[] =>
  pins ? orderSections(sections, pins.sections) : [...sections];

export async function readFrontPage(deps: Deps, who: Principal, locales: readonly string[], locale: string): Promise<FrontPageView> {
  assertCan(who.actor, 'front-page.view');
  knownLocale(locales, locale);
  return view(deps, locale);
}

async function view(deps: Deps, locale: string): Promise<FrontPageView> {
  const k = deps.db.kysely;
  const pins = (await readPins(k, locale)) ?? noPins(locale);
  const { latest } = await sharedLists(deps)(locale);
  const { lead, top } = await frontStories(deps, pins, nowIso(deps), latest);
  return { ...pins, shown: { lead: lead?.id ?? null, top: top.map((a) => a.id) }, version: frontPageVersion(pins) };
}

/**
 * Replaces a language's pins. Refused, naming the offending entry: an article that does not exist
 * (UNKNOWN_ARTICLE) or is in another language (WRONG_LOCALE), a story pinned twice (DUPLICATE_PIN, the lead counts),
 * an unknown section slug (UNKNOWN_SECTION), more than MAX_TOP_STORIES top stories (TOO_MANY_TOP_STORIES). A story
 * readers cannot see yet may be pinned: it shows once it is published and its time has come.
 */
export async function saveFrontPage(
  deps: Deps,
  who: Principal,
  locales: readonly string[],
  locale: string,
  raw: unknown,
  opts: { baseVersion?: string | undefined } = {},
): Promise<FrontPageView> {
  assertCan(who.actor, 'front-page.edit');
  knownLocale(locales, locale);
  const input = parseFields(FrontPageInput, raw, 'front page');
  if (input.top.length > MAX_TOP_STORIES) {
    throw new AppError('TOO_MANY_TOP_STORIES', `${input.top.length} top stories were sent; a front page pins at most ${MAX_TOP_STORIES}.`, {
      hint: 'Unpin the least important ones: stories not pinned keep their place in the automatic order.',
      details: { pointer: `#/top/${MAX_TOP_STORIES}`, limit: MAX_TOP_STORIES },
    });
  }
  const top: TopPin[] = input.top.map((t) => ({ articleId: t.articleId, until: t.until ?? null }));
  const named = [
    ...(input.lead === null ? [] : [{ id: input.lead, pointer: '#/lead' }]),
    ...top.map((t, i) => ({ id: t.articleId, pointer: `#/top/${i}/articleId` })),
  ];
  const seen = new Map<number, string>();
  for (const n of named) {
    const first = seen.get(n.id);
    if (first !== undefined) {
      throw new AppError('DUPLICATE_PIN', `Article ${n.id} is pinned twice (${first} and ${n.pointer}).`, {
        hint: 'A story takes one place on the front page: the lead or one top-story slot.',
        details: { pointer: n.pointer, articleId: n.id },
      });
    }
    seen.set(n.id, n.pointer);
  }
  const seenSections = new Set<string>();
  input.sections.forEach((slug, i) => {
    if (seenSections.has(slug)) {
      throw new AppError('DUPLICATE_PIN', `The section "${slug}" is listed twice in the section order.`, {
        hint: 'Name each section once, in the order its block should come.',
        details: { pointer: `#/sections/${i}`, section: slug },
      });
    }
    seenSections.add(slug);
  });

  const k = deps.db.kysely;
  const now = nowIso(deps);
  await k.transaction().execute(async (trx) => {
    await lockPins(trx, locale, now);
    const before = await readPins(trx, locale);
    const current = frontPageVersion(before ?? noPins(locale));
    if (opts.baseVersion !== undefined && opts.baseVersion !== current) {
      throw new AppError('FRONT_PAGE_CHANGED', `The ${locale} front page was changed by someone else since you opened it.`, {
        hint: 'Nothing was saved. Reload it to see their pins, then make your change again (GET it for the new "version").',
        details: { baseVersion: opts.baseVersion, currentVersion: current },
      });
    }
    const found = new Map(
      (
        await pinCandidates(
          trx,
          named.map((n) => n.id),
        )
      ).map((a) => [a.id, a]),
    );
    for (const n of named) {
      const a = found.get(n.id);
      if (!a) {
        throw new AppError('UNKNOWN_ARTICLE', `There is no article ${n.id} (${n.pointer}).`, {
          hint: 'Pin articles by their id, as GET /api/admin/v1/articles lists them.',
          details: { pointer: n.pointer, articleId: n.id },
        });
      }
      if (a.locale !== locale) {
        throw new AppError('WRONG_LOCALE', `Article ${n.id} is in "${a.locale}", not "${locale}" (${n.pointer}).`, {
          hint: `Each language has its own front page: pin the story's "${locale}" version, or pin this one on /front-pages/${a.locale}.`,
          details: { pointer: n.pointer, articleId: n.id, locale: a.locale },
        });
      }
    }
    const sections = await listSections(trx, locale);
    const bySlug = new Map(sections.map((s) => [s.slug, s.id]));
    const sectionIds = input.sections.map((slug, i) => {
      const id = bySlug.get(slug);
      if (id === undefined) {
        throw new AppError('UNKNOWN_SECTION', `There is no section "${slug}" (#/sections/${i}).`, {
          hint: `Sections are named by slug: ${sections.map((s) => s.slug).join(', ') || '(none yet)'}.`,
          details: { pointer: `#/sections/${i}`, section: slug },
        });
      }
      return id;
    });
    const { actorUserId, via } = auditActor(who);
    await storePins(trx, locale, before, { lead: input.lead, top, sectionIds, sections: input.sections }, now, { userId: who.userId, actorUserId, via });
  });
  await deps.changes.publish([surrogateKey.front(locale)]);
  return view(deps, locale);
}

/** A story as the front-page screen lists it: enough to choose it and to say whether readers see it. */
export type PinChoice = { id: number; headline: string; status: string; publishedAt: string | null; visible: boolean };

/** Stories offered for pinning on the admin screen. */
const CHOICES = 60;

/**
 * What the admin's front-page screen shows: the pins and what readers get now, the language's sections, the newest
 * published stories to choose from (embargoed and scheduled ones included), and every pinned story's headline and
 * state (a pinned one may be older than the choices, or no longer published).
 */
type Trx = Parameters<typeof writePins>[0];

/**
 * The one way a front page's pins are written: the pins and the audit row saying what they were and became, in the
 * caller's transaction (the editors' save, the WordPress import's sticky posts). The caller announces the change.
 */
export async function storePins(
  trx: Trx,
  locale: string,
  before: Awaited<ReturnType<typeof readPins>>,
  pins: { lead: number | null; top: TopPin[]; sectionIds: number[]; sections: string[] },
  now: string,
  by: { userId: number | null; actorUserId: number | null; via: Record<string, unknown> },
): Promise<void> {
  await writePins(trx, locale, { lead: pins.lead, top: pins.top, sectionIds: pins.sectionIds }, now, by.userId);
  await insertAudit(trx, {
    at: now,
    actorUserId: by.actorUserId,
    action: 'front-page.update',
    subjectType: 'front-page',
    subjectId: null,
    details: {
      locale,
      from: before ? { lead: before.lead, top: before.top, sections: before.sections } : null,
      to: { lead: pins.lead, top: pins.top, sections: pins.sections },
      ...by.via,
    },
  });
}

export async function frontPageScreen(deps: Deps, who: Principal, locales: readonly string[], locale: string) {
  assertCan(who.actor, 'front-page.edit');
  knownLocale(locales, locale);
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const v = await view(deps, locale);
  const [recent, sections] = await Promise.all([recentPublished(k, locale, CHOICES), listSections(k, locale)]);
  const pinnedIds = [...(v.lead === null ? [] : [v.lead]), ...v.top.map((t) => t.articleId)];
  const missing = pinnedIds.filter((id) => !recent.some((r) => r.id === id));
  const rows = [...recent, ...(await pinCandidates(k, missing))];
  const choice = (r: (typeof rows)[number]): PinChoice => ({
    id: r.id,
    headline: r.headline,
    status: r.status,
    publishedAt: r.published_at,
    visible: isVisibleToReaders({ status: r.status, publishedAt: r.published_at }, now),
  });
  return {
    view: v,
    now,
    choices: recent.map(choice),
    stories: new Map(rows.map((r) => [r.id, choice(r)])),
    sections: sections.map((s) => ({ slug: s.slug, name: s.name })),
  };
}
export type FrontPageScreen = Awaited<ReturnType<typeof frontPageScreen>>;
