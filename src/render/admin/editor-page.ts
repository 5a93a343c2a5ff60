import { html, optionalAttr, raw, type Html } from '../html.js';
import { languageName } from '../../content/locales.js';
import { CONTRIBUTOR_ROLES, CORRECTION_MAX, type Article } from '../../content/types.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, When, type AdminContext } from './admin-layout.js';
import { ADMIN_EN } from './admin-messages-en.js';
import type { AdminMessages } from './admin-messages.js';
import type { FormError } from './auth-pages.js';
import { SharePreview, type SharePreviewView } from './share-preview-panel.js';

/*
 * The article editor's page. Without JavaScript it is a complete form (every field but the body, which is shown as
 * readers will see it) that saves by POST. With JavaScript, src/admin-client/editor.ts mounts TipTap on the body,
 * autosaves through the Admin API and adds the history; the ids and data-* attributes below are its contract.
 */

/** The form's values as strings, from the stored article or from a form sent back with an error. */
export type EditorValues = {
  headline: string;
  deck: string;
  slug: string;
  sectionId: string;
  tags: string[];
  bylines: { contributorId: string; role: string }[];
  dateline: string;
  heroMediaId: string;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  heroSrc: string;
  sourcePartnerId: string;
  sourceUrl: string;
  sourceHeadline: string;
  sourceLocale: string;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
};

export function valuesOfArticle(a: Article): EditorValues {
  return {
    headline: a.headline,
    deck: a.deck ?? '',
    slug: a.slug,
    sectionId: String(a.section.id),
    tags: a.tags.map((t) => t.name),
    bylines: a.bylines.map((b) => ({ contributorId: String(b.contributorId), role: b.role })),
    dateline: a.dateline ?? '',
    heroMediaId: a.hero ? String(a.hero.mediaId) : '',
    heroAlt: a.hero?.alt ?? '',
    heroCaption: a.hero?.caption ?? '',
    heroCredit: a.hero?.credit ?? '',
    heroSrc: a.hero?.src ?? '',
    sourcePartnerId: a.source ? String(a.source.partnerId) : '',
    sourceUrl: a.source?.url ?? '',
    sourceHeadline: a.source?.headline ?? '',
    sourceLocale: a.source?.locale ?? '',
    seoTitle: a.seoTitle ?? '',
    seoDescription: a.seoDescription ?? '',
    canonicalUrl: a.canonicalUrl ?? '',
  };
}

/**
 * The form's values from a revision's content (a live story's pending changes, as a save sends them). The hero's
 * preview is the live one's when it is the same image; another image shows after the next load of the library.
 */
export function valuesOfContent(c: Record<string, unknown>, live: Article): EditorValues {
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : null);
  const hero = obj(c['hero']);
  const source = obj(c['source']);
  const tags = Array.isArray(c['tags']) ? (c['tags'] as { name: string }[]) : [];
  const bylines = Array.isArray(c['bylines']) ? (c['bylines'] as { contributorId: number; role: string }[]) : [];
  return {
    headline: str(c['headline']),
    deck: str(c['deck']),
    slug: str(c['slug']) || live.slug,
    sectionId: str(c['sectionId']),
    tags: tags.map((t) => t.name),
    bylines: bylines.map((b) => ({ contributorId: String(b.contributorId), role: b.role })),
    dateline: str(c['dateline']),
    heroMediaId: hero ? str(hero['mediaId']) : '',
    heroAlt: str(hero?.['alt']),
    heroCaption: str(hero?.['caption']),
    heroCredit: str(hero?.['credit']),
    heroSrc: hero && live.hero && hero['mediaId'] === live.hero.mediaId ? live.hero.src : '',
    sourcePartnerId: source ? str(source['partnerId']) : '',
    sourceUrl: str(source?.['url']),
    sourceHeadline: str(source?.['headline']),
    sourceLocale: str(source?.['locale']),
    seoTitle: str(c['seoTitle']),
    seoDescription: str(c['seoDescription']),
    canonicalUrl: str(c['canonicalUrl']),
  };
}

/** A live story's pending changes as the edit page shows them. */
export type PendingView = {
  revision: number;
  liveRevision: number | null;
  state: 'draft' | 'in_review';
  who: string | null;
  savedAt: string;
  textChanged: boolean;
  /** When a scheduled update makes them live (POST …/pending/schedule); null or absent when none is set. */
  scheduledAt?: string | null;
};

export type EditorView = {
  id: number;
  /** A page (About, policies) is edited without the fields a page does not have; absent: a story. */
  kind?: 'story' | 'page';
  locale: string;
  locales: string[];
  revision: number;
  state: string;
  timeZone: string;
  /** The reader's address, when readers can see the story. */
  publicUrl: string | null;
  /** When a scheduled story goes public, as a datetime-local value in timeZone. */
  scheduledLocal: string;
  canEdit: boolean;
  /**
   * Published or scheduled: edits are saved as pending changes (the `pending` section) and readers keep the live
   * version until Update. `canUpdate`: this user may make them live; `canSubmitChanges`: send them for review.
   */
  live: boolean;
  pending: PendingView | null;
  canUpdate: boolean;
  canSubmitChanges: boolean;
  /** May add a new contributor from the byline picker (the Admin API's POST /contributors). */
  canCreateContributor?: boolean;
  /** The slug still follows the headline (never published, never set by hand). */
  slugFollowsHeadline: boolean;
  moves: { to: string; what: string }[];
  /** The story's other versions; one the user may not read shows its language and status only. */
  versions: ({ readable: true; id: number; locale: string; status: string; headline: string } | { readable: false; locale: string; status: string })[];
  values: EditorValues;
  bodyHtml: string;
  bodyJson: string;
  /** Corrections readers see, oldest first; `canCorrect`: this user may add one now (the story has been public). */
  corrections: { id: number; text: string; at: string }[];
  canCorrect: boolean;
  /** A translation's source, shown beside the text while translating. */
  source: { id: number; locale: string; headline: string; deck: string | null; bodyHtml: string; needsUpdate: boolean } | null;
  /** A draft adapted from a wire story: the story as the partner's feed gave it, shown beside the text (read-only). */
  wireOriginal?: {
    id: number;
    partner: string;
    locale: string | null;
    headline: string;
    author: string | null;
    link: string | null;
    html: string | null;
    summary: string | null;
  } | null;
  options: {
    sections: { id: number; name: string }[];
    tags: { id: number; name: string }[];
    contributors: { id: number; name: string }[];
    partners: { id: number; name: string }[];
  };
  error?: (FormError & { fields?: Record<string, string> }) | undefined;
  notice?: string | undefined;
  /** The Preview card (share links); absent when this person may not preview the story. */
  preview?: SharePreviewView | undefined;
};

/** "In review": the state as the first word of a line, in the interface language. */
const stateTitle = (t: AdminMessages, s: string) => {
  const label = t.states[s] ?? s;
  return label.charAt(0).toUpperCase() + label.slice(1);
};

// Blank rows after the bylines, so a second or third contributor can be added without JavaScript.
const SPARE_BYLINES = 2;

function Field(p: { id: string; label: string; note?: string; children?: Html }) {
  return html`<div class="field"><label for="${p.id}">${p.label}</label>${p.children}${p.note ? html`<p class="note" id="${p.id}-note">${p.note}</p>` : null}</div>`;
}

function Text(p: { id: string; name: string; label: string; value: string; max: number; note?: string; type?: string; required?: boolean; list?: string }) {
  return Field({
    id: p.id,
    label: p.label,
    ...(p.note ? { note: p.note } : {}),
    children: html`<input id="${p.id}" name="${p.name}" form="article-form" type="${p.type ?? 'text'}" value="${p.value}" maxlength="${String(p.max)}"${p.required ? raw(' required=""') : null}${optionalAttr('list', p.list)}${optionalAttr('aria-describedby', p.note ? `${p.id}-note` : undefined)}/>`,
  });
}

function Options(p: { items: { id: number; name: string }[]; selected: string; none?: string }) {
  return html`${p.none !== undefined ? html`<option value="">${p.none}</option>` : null}${p.items.map((o) => html`<option value="${String(o.id)}"${String(o.id) === p.selected ? raw(' selected=""') : null}>${o.name}</option>`)}`;
}

function Bylines(p: { v: EditorView; t: AdminMessages }) {
  const t = p.t.editor;
  const rows = [...p.v.values.bylines, ...Array.from({ length: SPARE_BYLINES }, () => ({ contributorId: '', role: 'author' }))];
  return html`<fieldset class="plain" id="bylines" data-can-create="${p.v.canCreateContributor ? 'true' : 'false'}"${p.v.canEdit ? null : raw(' disabled=""')}><legend class="visually-hidden">${t.contributors}</legend><p class="note" id="bylines-nojs">${t.bylinesNote}</p><ol class="rows" id="byline-rows">${rows.map((b, i) => html`<li class="row byline"><div><label for="byline-${String(i)}-contributor">${t.contributorN(i + 1)}</label><select id="byline-${String(i)}-contributor" name="byline-${String(i)}-contributor" form="article-form">${Options({ items: p.v.options.contributors, selected: b.contributorId, none: t.nobody })}</select></div><div><label for="byline-${String(i)}-role">${t.role}</label><select id="byline-${String(i)}-role" name="byline-${String(i)}-role" form="article-form">${CONTRIBUTOR_ROLES.map((r) => html`<option value="${r}"${r === b.role ? raw(' selected=""') : null}>${p.t.bylineRoles[r] ?? r}</option>`)}</select></div></li>`)}</ol></fieldset>`;
}

/**
 * "Pending changes — not live": on a live story, what is saved waits here until Update. Rendered (hidden) on every
 * live story, so that the editor's first autosave can show it without a reload; its forms work without JavaScript.
 * `data-confirm` is what the editor's confirmation says will happen.
 */
/** Without JavaScript too: schedule the pending changes to go live later, or cancel that (README "Scheduling an update"). */
function ScheduleUpdate(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  const t = p.ctx.t.editor;
  const at = v.pending?.scheduledAt;
  return at
    ? html`<form method="post" action="/admin/articles/${String(v.id)}/pending/unschedule" class="pending-action" id="pending-unschedule">${CsrfField({ token: p.ctx.csrfToken })}<p id="pending-scheduled">${t.scheduledFor(p.ctx.dates.dateTime(at))}</p><button type="submit" class="secondary">${t.cancelScheduled}</button></form>`
    : html`<form method="post" action="/admin/articles/${String(v.id)}/pending/schedule" class="pending-action" id="pending-schedule">${CsrfField({ token: p.ctx.csrfToken })}<div class="field"><label for="pending-publish-at">${t.updateAt(v.timeZone)}</label><input id="pending-publish-at" name="publishAt" type="datetime-local" required=""/></div><button type="submit" class="secondary">${t.scheduleUpdate}</button></form>`;
}

function Pending(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  if (!v.live) return null;
  const x = v.pending;
  const t = p.ctx.t.editor;
  const base = html`<input type="hidden" name="baseRevision" value="${String(v.revision)}"/>`;
  return html`<section class="side-part pending" id="pending" aria-labelledby="pending-title" data-live-revision="${String(x?.liveRevision ?? '')}" data-pending-revision="${String(x?.revision ?? '')}" data-text-changed="${x?.textChanged ? 'true' : 'false'}"${x ? null : raw(' hidden=""')}><h2 id="pending-title">${t.pendingTitle}</h2><p id="pending-summary"><span id="pending-saved">${x ? t.pendingSaved(p.ctx.dates.dateTime(x.savedAt), x.who, x.revision, x.state === 'in_review') : null}</span> ${t.readersSee(v.canUpdate)}</p><div class="moves">${v.canUpdate ? html`<form method="post" action="/admin/articles/${String(v.id)}/pending/publish" class="pending-action" id="pending-update" data-confirm="${t.confirmUpdate(languageName(v.locale), v.state === 'scheduled')}">${CsrfField({ token: p.ctx.csrfToken })}${base}${v.canCorrect ? html`<div class="field"><label for="pending-correction">${t.correctionOptional}</label><textarea id="pending-correction" name="correction" rows="2" maxlength="${String(CORRECTION_MAX)}" aria-describedby="pending-correction-note"></textarea><p class="note" id="pending-correction-note">${t.correctionOptionalNote}</p></div>` : null}<button type="submit">${t.update}</button></form>${ScheduleUpdate(p)}` : null}${v.canSubmitChanges && x?.state !== 'in_review' ? html`<form method="post" action="/admin/articles/${String(v.id)}/pending/submit" class="pending-action" id="pending-submit">${CsrfField({ token: p.ctx.csrfToken })}<button type="submit" class="secondary">${t.submitChanges}</button></form>` : null}<form method="post" action="/admin/articles/${String(v.id)}/pending/discard" class="pending-action" id="pending-discard" data-confirm="${t.confirmDiscard}">${CsrfField({ token: p.ctx.csrfToken })}${base}<button type="submit" class="secondary">${t.discard}</button></form></div><p><a href="/admin/articles/${String(v.id)}/compare" id="pending-compare">${t.compareLive}</a></p><div id="pending-diff" aria-live="polite"></div></section>`;
}

/** What the confirmation of a move says will happen: every move that readers see (on or off the site) asks first. */
export function moveConfirmation(
  v: { locale: string; state: string; kind?: string | undefined },
  to: string,
  t: AdminMessages['editor'] = ADMIN_EN.editor,
): string | undefined {
  const lang = languageName(v.locale);
  if (v.kind === 'page') {
    if (to === 'published') return t.confirmPublishPage(lang);
    if (to === 'unpublished' || to === 'archived') return t.confirmUnpublishPage(lang);
    return undefined;
  }
  if (to === 'published') return v.state === 'unpublished' ? t.confirmRepublish(lang) : t.confirmPublish(lang);
  if (to === 'scheduled') return t.confirmSchedule(lang);
  if (to === 'unpublished') return t.confirmUnpublish(lang);
  if (to === 'archived') return t.confirmArchive(lang);
  if (to === 'draft' && v.state === 'scheduled') return t.confirmCancelSchedule;
  return undefined;
}

function Workflow(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  const t = p.ctx.t.editor;
  return html`<section class="side-part" aria-labelledby="workflow-title" id="workflow"><h2 id="workflow-title">${t.workflow}</h2><p>${t.state} <strong id="article-state">${stateTitle(p.ctx.t, v.state)}</strong>${v.state === 'scheduled' && v.scheduledLocal ? t.goesPublic(v.scheduledLocal.replace('T', ' '), v.timeZone) : ''}${v.publicUrl ? html` · <a href="${v.publicUrl}">${t.publicPage}</a>` : null}${v.preview ? html` · <a href="/admin/articles/${String(v.id)}/preview">${t.preview}</a>` : null}</p>${v.moves.length === 0 ? html`<p class="note">${t.noMoves}</p>` : null}<div class="moves">${v.moves.map((m) => html`<form method="post" action="/admin/articles/${String(v.id)}/status" class="move" data-move="${m.to}"${optionalAttr('data-confirm', moveConfirmation(v, m.to, t))}>${CsrfField({ token: p.ctx.csrfToken })}<input type="hidden" name="to" value="${m.to}"/>${m.to === 'scheduled' ? html`<div><label for="publish-at-${m.what.replace(/\W+/g, '-')}">${t.publishAt(v.timeZone)}</label><input id="publish-at-${m.what.replace(/\W+/g, '-')}" name="publishAt" type="datetime-local" required="" value="${v.scheduledLocal}"/></div>` : null}<button type="submit"${optionalAttr('class', m.to === 'published' || m.to === 'scheduled' ? undefined : 'secondary')}>${p.ctx.t.moves[m.what] ?? m.what[0]!.toUpperCase() + m.what.slice(1)}</button></form>`)}</div></section>`;
}

/**
 * The original beside the translation: the translator reads it paragraph by paragraph while writing, without leaving
 * the page. Read-only; it sits next to the text on a wide screen and after it on a narrow one.
 */
function SourcePanel(p: { id: number; source: NonNullable<EditorView['source']>; ctx: AdminContext }) {
  const s = p.source;
  const t = p.ctx.t.editor;
  return html`<section class="source-panel" id="source-panel" aria-labelledby="source-title" lang="${s.locale}"><h2 id="source-title" lang="${p.ctx.locale}">${t.original(languageName(s.locale))}</h2>${s.needsUpdate ? html`<p class="note" lang="${p.ctx.locale}">${t.originalChanged} <a href="/admin/articles/${String(p.id)}/translation">${t.seeChanged}</a>.</p>` : null}<p class="source-headline">${s.headline}</p>${s.deck ? html`<p class="source-deck">${s.deck}</p>` : null}<div class="body-static">${s.bodyHtml ? raw(s.bodyHtml) : html`<p lang="${p.ctx.locale}">${t.noText}</p>`}</div></section>`;
}

/**
 * The partner's original beside a draft adapted from the wire: the adapter translates or rewrites it while reading the
 * story as the feed gave it, without going back to the Wire. Read-only, laid out as a translation's source is. The HTML
 * was cleaned on ingest by the same sanitizer as pasted HTML.
 */
function WirePanel(p: { w: NonNullable<EditorView['wireOriginal']>; ctx: AdminContext }) {
  const w = p.w;
  const t = p.ctx.t.wireOriginal;
  const lang = w.locale ?? '';
  return html`<section class="source-panel" id="wire-original" aria-labelledby="wire-original-title"${optionalAttr('lang', lang || undefined)}><h2 id="wire-original-title" lang="${p.ctx.locale}">${t.title(w.partner, w.locale ? languageName(w.locale) : '?')}</h2><p class="note" lang="${p.ctx.locale}"><a href="/admin/wire/${String(w.id)}">${t.inWire}</a>${w.link && /^https?:\/\//i.test(w.link) ? html` · <a href="${w.link}" rel="noopener noreferrer">${t.atPartner}</a>` : null}</p><p class="source-headline">${w.headline}</p>${w.author ? html`<p class="source-deck">${w.author}</p>` : null}<div class="body-static">${w.html ? raw(w.html) : w.summary ? html`<p>${w.summary}</p>` : html`<p lang="${p.ctx.locale}">${t.noText}</p>`}</div></section>`;
}

/** Corrections are added, never edited: a reader who saw the story must be able to see what changed and when. */
function Corrections(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  const t = p.ctx.t.editor;
  if (!v.canCorrect && v.corrections.length === 0) return null;
  return html`<section class="side-part" aria-labelledby="corrections-title" id="corrections"><h2 id="corrections-title">${t.corrections}</h2>${v.corrections.length ? html`<ol>${v.corrections.map((x) => html`<li>${When({ iso: x.at, dates: p.ctx.dates })}: ${x.text}</li>`)}</ol>` : html`<p class="note">${t.noCorrections}</p>`}${v.canCorrect ? html`<form method="post" action="/admin/articles/${String(v.id)}/corrections">${CsrfField({ token: p.ctx.csrfToken })}<label for="correction-text">${t.addCorrection}</label><textarea id="correction-text" name="text" rows="3" maxlength="${String(CORRECTION_MAX)}" required="" aria-describedby="correction-note"></textarea><p class="note" id="correction-note">${t.correctionNote}</p><button type="submit">${t.publishCorrection}</button></form>` : null}</section>`;
}

function Versions(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  const t = p.ctx.t.editor;
  return html`<section class="side-part" aria-labelledby="versions-title" id="language-versions"><h2 id="versions-title">${t.versions}</h2>${
    v.versions.length === 0
      ? html`<p class="note">${t.noVersions}</p>`
      : html`<ul id="versions">${v.versions.map((x) =>
          x.readable
            ? html`<li lang="${x.locale}"><a href="/admin/articles/${String(x.id)}/edit">${x.headline || t.articleN(x.id)}</a> <span lang="${p.ctx.locale}">(${languageName(x.locale)}, ${stateTitle(p.ctx.t, x.status)}) · <a href="/admin/articles/${String(x.id)}/translation">${t.translationDesk}</a></span></li>`
            : html`<li>${t.versionExists(html`<span lang="${x.locale}">${languageName(x.locale)}</span>`, stateTitle(p.ctx.t, x.status))}</li>`,
        )}</ul>`
  }<p><a href="/admin/articles/${String(v.id)}/translation">${t.deskOfThis}</a></p></section>`;
}

/**
 * A group of the sidebar: a <details>, so that it opens and closes without JavaScript. Its id is where a workflow
 * step's redirect comes back to (`#publish`), so the editor keeps their place.
 */
/** `hidden`: fields a page does not have (section, tags, bylines, partner, dateline), kept in the form unseen so a save sends them as they are. */
function Group(p: { id: string; title: string; open?: boolean; hidden?: boolean; children: Html | null }) {
  return html`<details class="side-group" id="${p.id}"${p.open ? raw(' open=""') : null}${p.hidden ? raw(' hidden=""') : null}><summary>${p.title}</summary><div class="group-body">${p.children}</div></details>`;
}

/** Fields of the article form that sit in the sidebar, outside the <form> element (form="article-form"). */
function SideFields(p: { v: EditorView; legend: string; children: Html }) {
  return html`<fieldset class="plain"${p.v.canEdit ? null : raw(' disabled=""')}><legend class="visually-hidden">${p.legend}</legend>${p.children}</fieldset>`;
}

function heroGroup(v: EditorView, t: AdminMessages['editor']): Html {
  const x = v.values;
  return SideFields({
    v,
    legend: t.hero,
    children: html`<div id="hero-picker" class="hero-picker">${x.heroSrc ? html`<img class="hero-preview" id="hero-preview" src="${x.heroSrc}" alt="${x.heroAlt}"/>` : null}<div id="hero-nojs">${Field({ id: 'heroMediaId', label: t.mediaId, note: t.mediaIdNote, children: html`<input id="heroMediaId" name="heroMediaId" form="article-form" type="number" min="1" step="1" value="${x.heroMediaId}" aria-describedby="heroMediaId-note"/>` })}<p class="field"><a href="/admin/media">${t.openLibrary}</a></p></div></div>${Text({ id: 'heroAlt', name: 'heroAlt', label: t.alt, value: x.heroAlt, max: 500, note: t.altNote })}${Text({ id: 'heroCaption', name: 'heroCaption', label: t.caption, value: x.heroCaption, max: 1000 })}${Text({ id: 'heroCredit', name: 'heroCredit', label: t.credit, value: x.heroCredit, max: 300 })}`,
  });
}

function sourceGroup(v: EditorView, t: AdminMessages['editor']): Html {
  const x = v.values;
  return SideFields({
    v,
    legend: t.source,
    children: html`<p class="note">${t.sourceNote}</p>${Field({ id: 'sourcePartnerId', label: t.firstPublishedBy, children: html`<select id="sourcePartnerId" name="sourcePartnerId" form="article-form">${Options({ items: v.options.partners, selected: x.sourcePartnerId, none: t.ownStory })}</select>` })}${Field({ id: 'sourceLocale', label: t.originalLanguage, children: html`<select id="sourceLocale" name="sourceLocale" form="article-form"><option value="">${t.unknown}</option>${[...new Set([...v.locales, ...(x.sourceLocale ? [x.sourceLocale] : [])])].map((l) => html`<option value="${l}"${l === x.sourceLocale ? raw(' selected=""') : null}>${languageName(l)}</option>`)}</select>` })}${Text({ id: 'sourceUrl', name: 'sourceUrl', label: t.originalAddress, type: 'url', value: x.sourceUrl, max: 2048 })}${Text({ id: 'sourceHeadline', name: 'sourceHeadline', label: t.originalHeadline, value: x.sourceHeadline, max: 500 })}`,
  });
}

function seoGroup(v: EditorView, t: AdminMessages['editor']): Html {
  const x = v.values;
  return SideFields({
    v,
    legend: t.seoLegend,
    children: html`${Text({ id: 'slug', name: 'slug', label: t.slug, value: x.slug, max: 80, note: t.slugNote })}${Text({ id: 'seoTitle', name: 'seoTitle', label: t.seoTitle, value: x.seoTitle, max: 200, note: t.seoTitleNote })}<div class="field"><label for="seoDescription">${t.seoDescription}</label><textarea id="seoDescription" name="seoDescription" form="article-form" rows="3" maxlength="500" aria-describedby="seoDescription-note">${x.seoDescription}</textarea><p class="note" id="seoDescription-note">${t.seoDescriptionNote}</p></div>${Text({ id: 'canonicalUrl', name: 'canonicalUrl', label: t.canonical, type: 'url', value: x.canonicalUrl, max: 2048, note: t.canonicalNote })}`,
  });
}

export function renderEditorPage(ctx: AdminContext, v: EditorView) {
  const x = v.values;
  const t = ctx.t.editor;
  const isPage = v.kind === 'page';
  const fieldErrors = v.error?.fields ?? {};
  const writing = html`<form id="article-form" class="card editor-form" method="post" action="/admin/articles/${String(v.id)}" data-article-id="${String(v.id)}" data-locale="${v.locale}" data-revision="${String(v.revision)}" data-live="${v.live ? 'true' : 'false'}" data-slug-follows="${v.slugFollowsHeadline ? 'true' : 'false'}">${CsrfField({ token: ctx.csrfToken })}<input type="hidden" name="baseRevision" value="${String(v.revision)}"/><fieldset class="plain"${!v.canEdit ? raw(' disabled=""') : null}><legend class="visually-hidden">${isPage ? t.thePage : t.theArticle}</legend><div class="field"><label for="headline">${isPage ? t.pageTitle : t.headline}</label><input id="headline" name="headline" type="text" class="headline" value="${x.headline}" maxlength="300" required=""/></div><div class="field"><label for="deck">${t.deck}</label><textarea id="deck" name="deck" rows="2" maxlength="1000" aria-describedby="deck-note">${x.deck}</textarea><p class="note" id="deck-note">${isPage ? t.pageDeckNote : t.deckNote}</p></div><div class="${v.source || v.wireOriginal ? 'translate-pair' : 'single'}"><div class="field body-field"><span class="label" id="body-label">${t.text}</span><div id="body-static" class="body-static" aria-labelledby="body-label" role="region">${v.bodyHtml ? raw(v.bodyHtml) : html`<p class="note">${t.noTextYet}</p>`}</div><p class="note" id="body-nojs">${v.canEdit ? t.needsJs : t.asReaders}</p><div id="body-editor" class="body-editor" data-doc="${v.bodyJson}" hidden=""></div><p class="note word-count" id="word-count" hidden=""></p></div>${v.source ? SourcePanel({ id: v.id, source: v.source, ctx }) : v.wireOriginal ? WirePanel({ w: v.wireOriginal, ctx }) : null}</div></fieldset>${v.canEdit ? html`<div class="actions save-bar"><button type="submit" id="save-button">${t.save}</button><p id="save-status" class="save-status" role="status" aria-live="polite">${t.revision(v.revision)}</p></div>` : null}</form>`;
  const sidebar = html`<aside class="sidebar" id="editor-sidebar" aria-label="${t.sidebar}"><p class="panel-close"><a href="#writing">${t.closePanel}</a></p>${Group(
    {
      id: 'publish',
      title: t.status(stateTitle(ctx.t, v.state), !!v.pending),
      open: true,
      children: html`${Pending({ v, ctx })}${Workflow({ v, ctx })}`,
    },
  )}${v.preview ? Group({ id: 'group-preview', title: t.previewShare, open: true, children: SharePreview({ v: v.preview, ctx }) }) : null}${Group({
    id: 'group-section',
    title: t.sectionTags,
    open: true,
    hidden: isPage,
    children: SideFields({
      v,
      legend: t.sectionTags,
      children: html`${Field({ id: 'sectionId', label: t.section, children: html`<select id="sectionId" name="sectionId" form="article-form">${Options({ items: v.options.sections, selected: x.sectionId })}</select>` })}<div class="field" id="tags-field"><label for="tags">${t.tags}</label><input id="tags" name="tags" form="article-form" type="text" value="${x.tags.join(', ')}" maxlength="2000" list="tag-options" aria-describedby="tags-note"/><p class="note" id="tags-note">${t.tagsNote(languageName(v.locale))}</p><datalist id="tag-options">${v.options.tags.map((t) => html`<option value="${t.name}" data-id="${String(t.id)}"></option>`)}</datalist></div>`,
    }),
  })}${Group({ id: 'group-contributors', title: t.contributors, open: true, hidden: isPage, children: Bylines({ v, t: ctx.t }) })}${Group({ id: 'group-hero', title: isPage ? t.image : t.hero, open: true, children: heroGroup(v, t) })}${Group({ id: 'group-source', title: t.source, open: x.sourcePartnerId !== '', hidden: isPage, children: sourceGroup(v, t) })}${Group(
    {
      id: 'group-dateline',
      title: t.dateline,
      open: x.dateline !== '',
      hidden: isPage,
      children: SideFields({
        v,
        legend: t.dateline,
        children: Text({ id: 'dateline', name: 'dateline', label: t.dateline, value: x.dateline, max: 100, note: t.datelineNote }),
      }),
    },
  )}${Group({ id: 'group-seo', title: t.seo, children: seoGroup(v, t) })}${v.canCorrect || v.corrections.length ? Group({ id: 'group-corrections', title: t.correctionsN(v.corrections.length), children: Corrections({ v, ctx }) }) : null}${Group({ id: 'group-versions', title: t.versions, children: Versions({ v, ctx }) })}${Group({ id: 'group-history', title: t.history, open: true, children: html`<section class="side-part" id="history" aria-labelledby="history-title" hidden=""><h2 id="history-title">${t.history}</h2><div id="history-body"></div></section><p class="note" id="history-nojs">${t.historyNeedsJs}</p>` })}</aside>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title(x.headline || (isPage ? t.pageN(v.id) : t.articleN(v.id))),
      current: isPage ? 'pages' : 'articles',
      scripts: v.canEdit ? ['/admin/assets/editor.js'] : [],
      styles: ['/admin/assets/editor.css'],
      children: html`${isPage ? html`<p class="breadcrumbs"><a href="/admin/pages">${t.pages}</a> › ${t.pageN(v.id)} (${languageName(v.locale)})</p><h1>${t.headingPage}</h1>` : html`<p class="breadcrumbs"><a href="/admin/articles">${t.articles}</a> › ${t.articleN(v.id)} (${languageName(v.locale)})</p><h1>${t.heading}</h1>`}${v.notice ? Message({ kind: 'ok', text: v.notice }) : null}${v.error ? Message({ kind: 'error', id: 'form-error', text: v.error.text, hint: v.error.hint, details: v.error.details }) : null}${Object.keys(fieldErrors).length ? html`<ul class="field-errors">${Object.entries(fieldErrors).map(([k, m]) => html`<li><code>${k}</code>: ${m}</li>`)}</ul>` : null}${!v.canEdit ? Message({ kind: 'error', text: t.cannotEdit, hint: t.cannotEditHint }) : null}<div id="local-copy" class="local-copy" hidden=""></div><div id="conflict" class="conflict" hidden=""></div><p class="to-sidebar"><a href="#publish">${t.toStatus}</a> · <a href="#editor-sidebar">${isPage ? t.toSidebarPage : t.toSidebar}</a></p><div class="editor-layout" id="editor-layout"><div class="writing" id="writing">${writing}</div>${sidebar}</div>`,
    }),
  );
}

/** "New article": language, headline and section make a draft; everything else is on its edit page. */
export function renderNewArticlePage(
  ctx: AdminContext,
  p: { locales: string[]; sections: { id: number; name: string }[]; values?: { locale: string; headline: string; sectionId: string }; error?: FormError },
) {
  const v = p.values ?? { locale: p.locales[0] ?? 'en', headline: '', sectionId: '' };
  const t = ctx.t.newArticle;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'articles',
      children: html`<p class="breadcrumbs"><a href="/admin/articles">${ctx.t.editor.articles}</a> › ${t.crumb}</p><h1>${t.title}</h1>${p.error ? Message({ kind: 'error', id: 'new-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}<form class="card narrow-form" method="post" action="/admin/articles/new">${CsrfField({ token: ctx.csrfToken })}<label for="new-locale">${t.language}</label><select id="new-locale" name="locale">${p.locales.map((l) => html`<option value="${l}"${l === v.locale ? raw(' selected=""') : null}>${languageName(l)}</option>`)}</select><label for="new-headline">${t.headline}</label><input id="new-headline" name="headline" type="text" required="" maxlength="300" value="${v.headline}"/><label for="new-section">${t.section}</label><select id="new-section" name="sectionId">${Options({ items: p.sections, selected: v.sectionId })}</select><div class="actions"><button type="submit">${t.submit}</button><span class="note">${t.note}</span></div></form>`,
    }),
  );
}
