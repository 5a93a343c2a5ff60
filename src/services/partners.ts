import { z } from 'zod';
import { LOCALE_RE } from '../content/locales.js';
import { auditActor, type Principal } from '../content/principal.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { existingIds } from '../db/admin-articles-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  deletePartnerRow,
  insertPartnerRow,
  listPartnerRecords,
  setPartnerTexts,
  updatePartnerRow,
  type PartnerRecord,
  type PartnerRow,
} from '../db/partners-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError, issueFields, notFound, validationFailed } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { scheduleIngest } from './ingest.js';

export type { PartnerRecord };

/**
 * Partner outlets (issue 13): the outlet's name per language, site, logo (a media library item), language, licence
 * terms, the credit line readers see per language ("This story was first published by …") and whether the partnership
 * is active. Reading needs only a newsroom account (every writer credits a partner); every change needs
 * `partner.manage`, writes an audit row in its transaction and, once committed, announces the site shell: the
 * credit is on stories of every language. A partner credited on any story is not deleted (make it inactive).
 */

// An address a person typed: its own message, and no user:password@ (the fetcher drops credentials, so the feed would be
// polled without them and fail in a way the form never explained).
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'not an http:// or https:// address (e.g. https://partner.example/feed.xml)' })
  .max(2048, 'at most 2,048 characters')
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'an address with a user name or password in it is not supported: give it without user:password@')
  .refine((u) => !/\s/.test(u), 'contains spaces: percent-encode them (%20) or check the address');
const perLocale = (max: number) => z.record(z.string().regex(LOCALE_RE), z.string().trim().max(max));

const PartnerFields = z.strictObject({
  names: perLocale(200),
  url: httpUrl,
  locale: z.string().regex(LOCALE_RE),
  licence: z.string().trim().max(4000).nullish(),
  logoMediaId: z.number().int().positive().nullish(),
  /** Polled by the ingest (issue 14): RSS 0.9x/1.0/2.0, Atom or JSON Feed. */
  feedUrl: httpUrl.nullish(),
  creditLines: perLocale(300).optional(),
  active: z.boolean().optional(),
});
const PartnerPatch = PartnerFields.partial();

const URL_FIELDS = ['url', 'feedUrl'];
const URL_HINT =
  'Give full addresses starting with http:// or https://: the outlet’s site (url) and, to have the Wire poll it, its RSS, Atom or JSON Feed (feedUrl). Nothing was stored.';

/** The fields, with a hint about addresses when one of them is what is wrong. */
function parsePartner<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const fields = issueFields(r.error);
  throw validationFailed('partner', fields, Object.keys(fields).some((f) => URL_FIELDS.includes(f)) ? { hint: URL_HINT } : {});
}

export type PartnerInput = z.input<typeof PartnerFields>;

/** The keys of `names`/`creditLines` must be the site's languages; the outlet needs a name in its own language. */
function checkTexts(
  locales: readonly string[],
  input: { names?: Record<string, string> | undefined; creditLines?: Record<string, string> | undefined; locale?: string | undefined },
) {
  const bad: Record<string, string> = {};
  for (const field of ['names', 'creditLines'] as const) {
    for (const l of Object.keys(input[field] ?? {})) if (!locales.includes(l)) bad[`${field}.${l}`] = `not one of the site's languages (${locales.join(', ')})`;
  }
  if (Object.keys(bad).length) throw validationFailed('partner', bad, { hint: `Key names and credit lines by the site's languages: ${locales.join(', ')}.` });
}

/** The name stored on the row: in the outlet's language, else the first one given. */
function ownName(names: Record<string, string>, locale: string): string | undefined {
  return names[locale] || Object.values(names).find(Boolean);
}

async function checkLogo(deps: Deps, id: number | null | undefined) {
  if (id == null) return;
  if (!(await existingIds(deps.db.kysely, 'media', [id])).has(id)) throw validationFailed('partner', { logoMediaId: `no media ${id}` });
}

const nameTaken = (name: string) =>
  new AppError('DUPLICATE', `Another partner is already called "${name}".`, {
    hint: 'Partners are told apart by their name in their own language: edit the existing one, or name this one differently.',
    details: { fields: { names: 'taken' }, name },
  });

const announce = (deps: Deps) => deps.changes.publish([surrogateKey.site]);

/**
 * A partner with a feed that is active (new, or given a feed, or made active again) gets its first poll queued now:
 * the server's job runner, woken by the change notice that follows, polls it without a restart. The schedule of one
 * already polled is left as it is (a poll waits for it), unless its feed URL changed: then that poll is moved to now.
 */
const schedulePoll = async (deps: Deps, p: PartnerRow, id: number, opts: { feedChanged?: boolean } = {}) => {
  // A new feed URL is polled at once too (the form says so): its waiting poll is moved to now.
  if (p.active && p.feedUrl) await scheduleIngest(deps, { partnerId: id, atOnce: opts.feedChanged ?? false });
};

export async function listAllPartners(deps: Deps): Promise<PartnerRecord[]> {
  return listPartnerRecords(deps.db.kysely);
}

export async function findPartner(deps: Deps, id: number): Promise<PartnerRecord> {
  const [p] = await listPartnerRecords(deps.db.kysely, { id });
  if (!p) throw notFound(`Partner ${id}`, 'GET /api/admin/v1/partners lists them.');
  return p;
}

export async function createPartner(deps: Deps, who: Principal, locales: readonly string[], raw: unknown): Promise<PartnerRecord> {
  assertCan(who.actor, 'partner.manage');
  const input = parsePartner(PartnerFields, raw);
  checkTexts(locales, input);
  const name = ownName(input.names, input.locale);
  if (!name) throw validationFailed('partner', { [`names.${input.locale}`]: "the outlet's name, at least in its own language" });
  await checkLogo(deps, input.logoMediaId);
  const row: PartnerRow = {
    name,
    url: input.url,
    locale: input.locale,
    licence: input.licence || null,
    logoMediaId: input.logoMediaId ?? null,
    active: input.active ?? true,
    feedUrl: input.feedUrl ?? null,
  };
  const now = nowIso(deps);
  const id = await deps.db.kysely
    .transaction()
    .execute(async (trx) => {
      const id = await insertPartnerRow(trx, row, now);
      await setPartnerTexts(trx, id, input.names, input.creditLines ?? {});
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, { at: now, actorUserId, action: 'partner.created', subjectType: 'partner', subjectId: id, details: { name, ...via } });
      return id;
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken(name) : err;
    });
  await schedulePoll(deps, row, id);
  await announce(deps);
  return findPartner(deps, id);
}

/** Changes what is sent (names and credit lines, when sent, replace the stored ones whole). */
export async function updatePartner(deps: Deps, who: Principal, locales: readonly string[], id: number, raw: unknown): Promise<PartnerRecord> {
  assertCan(who.actor, 'partner.manage');
  const input = parsePartner(PartnerPatch, raw);
  checkTexts(locales, input);
  const current = await findPartner(deps, id);
  const locale = input.locale ?? current.locale;
  const names = input.names ?? { ...current.names, ...(current.names[current.locale] ? {} : { [current.locale]: current.name }) };
  const name = ownName(names, locale);
  if (!name) throw validationFailed('partner', { [`names.${locale}`]: "the outlet's name, at least in its own language" });
  await checkLogo(deps, input.logoMediaId);
  const row: PartnerRow = {
    name,
    url: input.url ?? current.url,
    locale,
    licence: input.licence === undefined ? current.licence : input.licence || null,
    logoMediaId: input.logoMediaId === undefined ? current.logoMediaId : input.logoMediaId,
    active: input.active ?? current.active,
    feedUrl: input.feedUrl === undefined ? current.feedUrl : input.feedUrl || null,
  };
  const now = nowIso(deps);
  await deps.db.kysely
    .transaction()
    .execute(async (trx) => {
      await updatePartnerRow(trx, id, row, now);
      await setPartnerTexts(trx, id, names, input.creditLines ?? current.creditLines);
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, {
        at: now,
        actorUserId,
        action: 'partner.updated',
        subjectType: 'partner',
        subjectId: id,
        details: { fields: Object.keys(input), ...via },
      });
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken(name) : err;
    });
  await schedulePoll(deps, row, id, { feedChanged: row.feedUrl !== current.feedUrl });
  await announce(deps);
  return findPartner(deps, id);
}

/** Deletes a partner no article credits; one that is credited is kept (its stories name it): make it inactive instead. */
export async function deletePartner(deps: Deps, who: Principal, id: number): Promise<void> {
  assertCan(who.actor, 'partner.manage');
  const current = await findPartner(deps, id);
  if (current.articles > 0) {
    throw new AppError('PARTNER_IN_USE', `${current.articles} article(s) credit "${current.name}"; it cannot be deleted.`, {
      hint: 'Make the partner inactive instead: its stories keep the credit and it is no longer offered for new ones.',
      details: { articles: current.articles },
    });
  }
  const now = nowIso(deps);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await deletePartnerRow(trx, id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, { at: now, actorUserId, action: 'partner.deleted', subjectType: 'partner', subjectId: id, details: { name: current.name, ...via } });
  });
}
