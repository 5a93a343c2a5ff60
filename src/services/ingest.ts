import { enqueueJob, listJobs, runPendingJobsNow, type Job } from '../db/jobs-repo.js';
import { getFeedState, insertWireItem, pollablePartners, saveFeedState, wireItemExists, type NewWireItem } from '../db/wire-repo.js';
import { AppError, isAppError, notFound } from '../errors.js';
import { linkKey } from '../importers/feed-link-key.js';
import { FETCH_DEFAULTS, safeFetch, type SafeFetchOptions } from '../outbound/safe-fetch.js';
import { nowIso, type Deps } from './deps.js';
import { wireSearchTerms } from '../search/plain-text-search.js';
import { JOB_LEASE_MS } from './jobs.js';
import { extractArticleOffThread, parseFeedOffThread, WIRE_BUDGET_MS } from './wire-pool.js';

/**
 * Partner ingest (issue 14): polls each active partner's feed through the one outbound fetcher (SSRF-guarded,
 * bounded, conditional GET with the validators kept per partner), reads it off the event loop, stores each story
 * once (a guid or a link seen before is a duplicate), and completes a story the feed gave only a summary of by
 * extracting the article from its page (the same fetcher, the same worker). A feed that fails (unreachable, refused,
 * an HTML page, garbage) is recorded on the partner and reported; it never stops the poll of the others.
 */
export type IngestOptions = {
  /** ALLOW_PRIVATE_HOSTS. */
  allowPrivateHosts: readonly string[];
  /**
   * Origins allowed although internal (safeFetch's allowOrigins), by partner id: the demo partner's own feed, for that
   * partner only (another partner whose feed or story links point there is judged as any other internal address).
   */
  allowOrigins?: ReadonlyMap<number, readonly string[]>;
  fetch?: Pick<SafeFetchOptions, 'timeoutMs' | 'maxBytes'>;
  /** Fetch the page of a story the feed has no full text of (default true). */
  extract?: boolean;
  /** Pages fetched per poll, at most (the rest keep their summary). */
  maxExtractions?: number;
  /**
   * The whole poll's time, fetches and reading included (default POLL_BUDGET_MS). Once it is spent no more pages are
   * fetched: the stories left keep their summary, and the poll ends while its job's lease still holds.
   */
  budgetMs?: number;
};

/**
 * A scheduled poll runs under a job lease (JOB_LEASE_MS): one that outlived it could be claimed again by another
 * runner and polled twice at once. The feed (15 s), its reading (10 s) and 20 story pages (15 s + 10 s each) would
 * take up to ~9 minutes in the worst case, so the poll stops fetching at half the lease, leaving time to store.
 */
export const POLL_BUDGET_MS = Math.floor(JOB_LEASE_MS / 2);
// Below this, a fetch would only time out: the page is not asked for.
const MIN_FETCH_MS = 1_000;

export type PollReport = {
  partnerId: number;
  partner: string;
  notModified: boolean;
  new: number;
  duplicate: number;
  failed: { guid: string | null; reason: string }[];
  /** The feed itself failed: code and message; nothing was stored. */
  error: { code: string; message: string; hint: string | null } | null;
};

export const INGEST_POLL = 'ingest.poll';

/**
 * Stores a new wire story with what the inbox's full-text search matches of it (title, author, summary and text,
 * analysed in its language); false when the partner has it already.
 */
export function storeWireItem(db: Deps['db']['kysely'], item: Omit<NewWireItem, 'searchText'>): Promise<boolean> {
  return insertWireItem(db, { ...item, searchText: wireSearchTerms(item) });
}

export async function pollPartner(
  deps: Deps,
  partner: { id: number; name: string; feedUrl: string; locale: string },
  opts: IngestOptions,
): Promise<PollReport> {
  const k = deps.db.kysely;
  const report: PollReport = { partnerId: partner.id, partner: partner.name, notModified: false, new: 0, duplicate: 0, failed: [], error: null };
  const state = (await getFeedState(k, partner.id)) ?? {
    etag: null,
    lastModified: null,
    lastPolledAt: null,
    lastOkAt: null,
    lastError: null,
    lastErrorCode: null,
  };
  const fetchOpts = { allow: [...opts.allowPrivateHosts], allowOrigins: [...(opts.allowOrigins?.get(partner.id) ?? [])], ...opts.fetch };
  const polledAt = nowIso(deps);
  // Real time, not deps.clock (which tests may stop): it bounds real fetches.
  const deadline = performance.now() + (opts.budgetMs ?? POLL_BUDGET_MS);
  const left = () => Math.max(Math.floor(deadline - performance.now()), 0);
  const fetchTimeout = () => Math.min(opts.fetch?.timeoutMs ?? FETCH_DEFAULTS.timeoutMs, left());
  try {
    const res = await safeFetch(partner.feedUrl, {
      ...fetchOpts,
      timeoutMs: Math.max(fetchTimeout(), MIN_FETCH_MS),
      etag: state.etag,
      lastModified: state.lastModified,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    });
    if (res.notModified) {
      report.notModified = true;
      await saveFeedState(k, partner.id, { ...state, lastPolledAt: polledAt, lastOkAt: polledAt, lastError: null, lastErrorCode: null });
      return report;
    }
    const feed = await parseFeedOffThread(res.body, res.contentType, res.url, Math.max(Math.min(WIRE_BUDGET_MS, left()), MIN_FETCH_MS));
    report.failed.push(...feed.failed);
    let extractions = opts.maxExtractions ?? 20;
    for (const item of feed.items) {
      try {
        const key = linkKey(item.link);
        if (await wireItemExists(k, partner.id, item.guid, key)) {
          report.duplicate++;
          continue;
        }
        let contentHtml = item.contentHtml;
        let extractError: string | null = null;
        if (!contentHtml && item.link && opts.extract !== false && extractions > 0 && fetchTimeout() < MIN_FETCH_MS) {
          extractError = 'not fetched: the poll’s time was spent (the summary is kept)';
        } else if (!contentHtml && item.link && opts.extract !== false && extractions-- > 0) {
          try {
            const page = await safeFetch(item.link, { ...fetchOpts, timeoutMs: fetchTimeout(), accept: 'text/html,application/xhtml+xml' });
            const article = await extractArticleOffThread(page.body, page.contentType, page.url, Math.max(Math.min(WIRE_BUDGET_MS, left()), MIN_FETCH_MS));
            if (article) contentHtml = article.html;
            else extractError = 'no article text found on its page';
          } catch (err) {
            extractError = isAppError(err) ? `${err.code}: ${err.message}` : String(err);
          }
        }
        const stored = await storeWireItem(k, {
          partnerId: partner.id,
          guid: item.guid,
          link: item.link,
          linkKey: key,
          title: item.title,
          author: item.author,
          summary: item.summary,
          contentHtml,
          language: item.language ?? partner.locale,
          publishedAt: item.publishedAt,
          fetchedAt: nowIso(deps),
          fullText: contentHtml !== null,
          extractError,
        });
        if (stored) report.new++;
        else report.duplicate++;
      } catch (err) {
        report.failed.push({ guid: item.guid, reason: isAppError(err) ? `${err.code}: ${err.message}` : (err as Error).message });
      }
    }
    await saveFeedState(k, partner.id, {
      etag: res.etag,
      lastModified: res.lastModified,
      lastPolledAt: polledAt,
      lastOkAt: polledAt,
      lastError: null,
      lastErrorCode: null,
    });
  } catch (err) {
    if (!isAppError(err)) deps.log.error({ err, partner: partner.id }, 'ingest: polling a feed failed unexpectedly');
    const e = isAppError(err) ? err : new AppError('FEED_UNREADABLE', `Polling ${partner.feedUrl} failed: ${(err as Error).message}`);
    report.error = { code: e.code, message: e.message, hint: e.hint ?? null };
    await saveFeedState(k, partner.id, { ...state, lastPolledAt: polledAt, lastError: e.message, lastErrorCode: e.code });
  }
  if (report.new) deps.log.info({ partner: partner.id, new: report.new, duplicate: report.duplicate }, 'ingest: new wire items');
  return report;
}

/** Polls every active partner with a feed now (or the one asked for, by id or name): `masthead ingest run`. */
export async function runIngest(deps: Deps, opts: IngestOptions & { partner?: string }): Promise<PollReport[]> {
  let partners = await pollablePartners(deps.db.kysely);
  if (opts.partner !== undefined) {
    const ref = opts.partner.trim().toLowerCase();
    partners = partners.filter((p) => String(p.id) === ref || p.name.toLowerCase() === ref);
    if (!partners.length)
      throw notFound(`An active partner with a feed called "${opts.partner}"`, 'masthead partner list shows them; add a feed with masthead partner add.');
  }
  const reports: PollReport[] = [];
  for (const p of partners) reports.push(await pollPartner(deps, p, opts));
  return reports;
}

/**
 * The durable schedule: one pending poll per pollable partner, each re-queued by its handler `intervalMinutes` later.
 * Called at start, and when a partner is added, given a feed or made active again (services/partners.ts), so a
 * running server polls it without a restart: queues a poll, due now, for a partner that has none waiting.
 */
export async function scheduleIngest(deps: Deps, only: { partnerId?: number; atOnce?: boolean } = {}): Promise<number> {
  const k = deps.db.kysely;
  const live = (await listJobs(k, { kind: INGEST_POLL, limit: 10_000 })).filter((j) => j.state === 'pending' || j.state === 'running');
  const waiting = new Set(live.map((j) => Number(j.payload.partnerId)));
  let queued = 0;
  const now = nowIso(deps);
  // A partner given a new feed is polled at once: its waiting poll is moved to now (not a second one queued, which
  // would start a second schedule beside the first).
  if (only.atOnce && only.partnerId !== undefined) {
    const ids = live.filter((j) => j.state === 'pending' && Number(j.payload.partnerId) === only.partnerId).map((j) => j.id);
    queued += await runPendingJobsNow(k, { ids, now });
  }
  for (const p of await pollablePartners(k)) {
    if (waiting.has(p.id) || (only.partnerId !== undefined && p.id !== only.partnerId)) continue;
    await enqueueJob(k, { kind: INGEST_POLL, runAt: now, dedupeKey: `${INGEST_POLL}:${p.id}@${now}`, payload: { partnerId: p.id }, now });
    queued++;
  }
  return queued;
}

/** The job handler: polls one partner (if it is still active with a feed) and queues its next poll. */
export function ingestPollHandler(deps: Deps, opts: IngestOptions & { intervalMinutes: number }) {
  return async (job: Job): Promise<void> => {
    const partnerId = Number(job.payload.partnerId);
    const partner = (await pollablePartners(deps.db.kysely)).find((p) => p.id === partnerId);
    if (!partner) return; // removed, made inactive, or its feed taken away: the schedule ends here
    const r = await pollPartner(deps, partner, opts);
    if (r.error) deps.log.warn({ partner: partnerId, code: r.error.code }, `ingest: ${r.error.message}`);
    const next = new Date(deps.clock().getTime() + opts.intervalMinutes * 60_000).toISOString();
    await enqueueJob(deps.db.kysely, {
      kind: INGEST_POLL,
      runAt: next,
      dedupeKey: `${INGEST_POLL}:${partnerId}@${next}`,
      payload: { partnerId },
      now: nowIso(deps),
    });
  };
}
