import { html, optionalAttr, raw, type Html } from '../html.js';
import { languageName } from '../../content/locales.js';
import { CONTRIBUTOR_ROLES, CORRECTION_MAX, type Article } from '../../content/types.js';
import { stateLabel } from '../../content/workflow.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, When, type AdminContext } from './admin-layout.js';
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

/** "In review": the state as the first word of a line. */
const stateTitle = (s: string) => {
  const label = stateLabel(s);
  return label.charAt(0).toUpperCase() + label.slice(1);
};

const ROLE_LABEL: Record<string, string> = {
  author: 'Author',
  translator: 'Translator',
  original_author: 'Original author',
  photographer: 'Photographer',
  editor: 'Editor',
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

function Bylines(p: { v: EditorView }) {
  const rows = [...p.v.values.bylines, ...Array.from({ length: SPARE_BYLINES }, () => ({ contributorId: '', role: 'author' }))];
  return html`<fieldset class="plain" id="bylines" data-can-create="${p.v.canCreateContributor ? 'true' : 'false'}"${p.v.canEdit ? null : raw(' disabled=""')}><legend class="visually-hidden">Contributors</legend><p class="note" id="bylines-nojs">Who wrote, translated, photographed or edited it; leave a row empty to remove it.</p><ol class="rows" id="byline-rows">${rows.map((b, i) => html`<li class="row byline"><div><label for="byline-${String(i)}-contributor">Contributor ${String(i + 1)}</label><select id="byline-${String(i)}-contributor" name="byline-${String(i)}-contributor" form="article-form">${Options({ items: p.v.options.contributors, selected: b.contributorId, none: '(nobody)' })}</select></div><div><label for="byline-${String(i)}-role">Role</label><select id="byline-${String(i)}-role" name="byline-${String(i)}-role" form="article-form">${CONTRIBUTOR_ROLES.map((r) => html`<option value="${r}"${r === b.role ? raw(' selected=""') : null}>${ROLE_LABEL[r] ?? r}</option>`)}</select></div></li>`)}</ol></fieldset>`;
}

/**
 * "Pending changes — not live": on a live story, what is saved waits here until Update. Rendered (hidden) on every
 * live story, so that the editor's first autosave can show it without a reload; its forms work without JavaScript.
 * `data-confirm` is what the editor's confirmation says will happen.
 */
/** Without JavaScript too: schedule the pending changes to go live later, or cancel that (README "Scheduling an update"). */
function ScheduleUpdate(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  const at = v.pending?.scheduledAt;
  return at
    ? html`<form method="post" action="/admin/articles/${String(v.id)}/pending/unschedule" class="pending-action" id="pending-unschedule">${CsrfField({ token: p.ctx.csrfToken })}<p id="pending-scheduled">The update is scheduled for ${When({ iso: at, timeZone: v.timeZone })}, unless the changes are saved again.</p><button type="submit" class="secondary">Cancel the scheduled update</button></form>`
    : html`<form method="post" action="/admin/articles/${String(v.id)}/pending/schedule" class="pending-action" id="pending-schedule">${CsrfField({ token: p.ctx.csrfToken })}<div class="field"><label for="pending-publish-at">Or update at (${v.timeZone} time)</label><input id="pending-publish-at" name="publishAt" type="datetime-local" required=""/></div><button type="submit" class="secondary">Schedule the update</button></form>`;
}

function Pending(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  if (!v.live) return null;
  const x = v.pending;
  const base = html`<input type="hidden" name="baseRevision" value="${String(v.revision)}"/>`;
  const where = `${languageName(v.locale)} ${v.state === 'scheduled' ? 'story when it goes public' : 'page, home page and feeds now'}`;
  return html`<section class="side-part pending" id="pending" aria-labelledby="pending-title" data-live-revision="${String(x?.liveRevision ?? '')}" data-pending-revision="${String(x?.revision ?? '')}" data-text-changed="${x?.textChanged ? 'true' : 'false'}"${x ? null : raw(' hidden=""')}><h2 id="pending-title">Pending changes — not live</h2><p id="pending-summary"><span id="pending-saved">${x ? html`Saved ${When({ iso: x.savedAt, timeZone: v.timeZone })}${x.who ? ` by ${x.who}` : ''} (revision ${String(x.revision)})${x.state === 'in_review' ? ', sent for review' : ''}.` : null}</span> Readers see the live version until ${v.canUpdate ? 'you press Update' : 'an editor publishes the changes'}.</p><div class="moves">${v.canUpdate ? html`<form method="post" action="/admin/articles/${String(v.id)}/pending/publish" class="pending-action" id="pending-update" data-confirm="This will replace the live ${where} with the pending changes.">${CsrfField({ token: p.ctx.csrfToken })}${base}${v.canCorrect ? html`<div class="field"><label for="pending-correction">Correction note (optional)</label><textarea id="pending-correction" name="correction" rows="2" maxlength="${String(CORRECTION_MAX)}" aria-describedby="pending-correction-note"></textarea><p class="note" id="pending-correction-note">When the changes correct something readers read: shown dated under the story.</p></div>` : null}<button type="submit">Update</button></form>${ScheduleUpdate(p)}` : null}${v.canSubmitChanges && x?.state !== 'in_review' ? html`<form method="post" action="/admin/articles/${String(v.id)}/pending/submit" class="pending-action" id="pending-submit">${CsrfField({ token: p.ctx.csrfToken })}<button type="submit" class="secondary">Submit the changes for review</button></form>` : null}<form method="post" action="/admin/articles/${String(v.id)}/pending/discard" class="pending-action" id="pending-discard" data-confirm="This will drop the pending changes: the editor goes back to the live version. They stay in the history.">${CsrfField({ token: p.ctx.csrfToken })}${base}<button type="submit" class="secondary">Discard</button></form></div><p><a href="/admin/articles/${String(v.id)}/compare" id="pending-compare">Compare with live</a></p><div id="pending-diff" aria-live="polite"></div></section>`;
}

/** What the confirmation of a move says will happen: every move that readers see (on or off the site) asks first. */
export function moveConfirmation(v: { locale: string; state: string; kind?: string | undefined }, to: string): string | undefined {
  const lang = languageName(v.locale);
  if (v.kind === 'page') {
    if (to === 'published') return `This will publish the page at its address and link it from every ${lang} page's footer now.`;
    if (to === 'unpublished' || to === 'archived')
      return `This will take the page off the ${lang} site and its footer; readers who follow a link will get 410 Gone.`;
    return undefined;
  }
  if (to === 'published') {
    return v.state === 'unpublished'
      ? `This will put the story back on the ${lang} site, home page and feeds now, at its old address.`
      : `This will publish it to the ${lang} home page and feeds now.`;
  }
  if (to === 'scheduled') return `This will schedule it: it goes to the ${lang} home page and feeds at the time you chose.`;
  if (to === 'unpublished') return `This will take the story off the public ${lang} site, home page and feeds; readers who follow a link will get 410 Gone.`;
  if (to === 'archived') return `This will archive the story: it leaves the public ${lang} site, home page and feeds.`;
  if (to === 'draft' && v.state === 'scheduled') return 'This will cancel the schedule: the story goes back to being a draft and will not go public.';
  return undefined;
}

function Workflow(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  return html`<section class="side-part" aria-labelledby="workflow-title" id="workflow"><h2 id="workflow-title">Workflow</h2><p>State: <strong id="article-state">${stateTitle(v.state)}</strong>${v.state === 'scheduled' && v.scheduledLocal ? ` (goes public ${v.scheduledLocal.replace('T', ' ')}, ${v.timeZone} time)` : ''}${v.publicUrl ? html` · <a href="${v.publicUrl}">Public page</a>` : null}${v.preview ? html` · <a href="/admin/articles/${String(v.id)}/preview">Preview</a>` : null}</p>${v.moves.length === 0 ? html`<p class="note">You may not move this article from here.</p>` : null}<div class="moves">${v.moves.map((m) => html`<form method="post" action="/admin/articles/${String(v.id)}/status" class="move" data-move="${m.to}"${optionalAttr('data-confirm', moveConfirmation(v, m.to))}>${CsrfField({ token: p.ctx.csrfToken })}<input type="hidden" name="to" value="${m.to}"/>${m.to === 'scheduled' ? html`<div><label for="publish-at-${m.what.replace(/\W+/g, '-')}">Publish at (${v.timeZone} time; the embargo lifts then)</label><input id="publish-at-${m.what.replace(/\W+/g, '-')}" name="publishAt" type="datetime-local" required="" value="${v.scheduledLocal}"/></div>` : null}<button type="submit"${optionalAttr('class', m.to === 'published' || m.to === 'scheduled' ? undefined : 'secondary')}>${m.what[0]!.toUpperCase() + m.what.slice(1)}</button></form>`)}</div></section>`;
}

/**
 * The original beside the translation: the translator reads it paragraph by paragraph while writing, without leaving
 * the page. Read-only; it sits next to the text on a wide screen and after it on a narrow one.
 */
function SourcePanel(p: { id: number; source: NonNullable<EditorView['source']> }) {
  const s = p.source;
  return html`<section class="source-panel" id="source-panel" aria-labelledby="source-title" lang="${s.locale}"><h2 id="source-title" lang="en">Original (${languageName(s.locale)})</h2>${s.needsUpdate ? html`<p class="note" lang="en">The original changed after this translation was made: <a href="/admin/articles/${String(p.id)}/translation">see what changed</a>.</p>` : null}<p class="source-headline">${s.headline}</p>${s.deck ? html`<p class="source-deck">${s.deck}</p>` : null}<div class="body-static">${raw(s.bodyHtml || '<p>(no text)</p>')}</div></section>`;
}

/** Corrections are added, never edited: a reader who saw the story must be able to see what changed and when. */
function Corrections(p: { v: EditorView; ctx: AdminContext }) {
  const { v } = p;
  if (!v.canCorrect && v.corrections.length === 0) return null;
  return html`<section class="side-part" aria-labelledby="corrections-title" id="corrections"><h2 id="corrections-title">Corrections</h2>${v.corrections.length ? html`<ol>${v.corrections.map((x) => html`<li>${When({ iso: x.at, timeZone: v.timeZone })}: ${x.text}</li>`)}</ol>` : html`<p class="note">No corrections.</p>`}${v.canCorrect ? html`<form method="post" action="/admin/articles/${String(v.id)}/corrections">${CsrfField({ token: p.ctx.csrfToken })}<label for="correction-text">Add a correction</label><textarea id="correction-text" name="text" rows="3" maxlength="${String(CORRECTION_MAX)}" required="" aria-describedby="correction-note"></textarea><p class="note" id="correction-note">Dated and shown under the story, in its structured data and in the feeds. Also fix the text itself; the correction says what was wrong.</p><button type="submit">Publish the correction</button></form>` : null}</section>`;
}

function Versions(p: { v: EditorView }) {
  const { v } = p;
  return html`<section class="side-part" aria-labelledby="versions-title" id="language-versions"><h2 id="versions-title">Language versions</h2>${
    v.versions.length === 0
      ? html`<p class="note">This story has no other language versions yet.</p>`
      : html`<ul id="versions">${v.versions.map((x) =>
          x.readable
            ? html`<li lang="${x.locale}"><a href="/admin/articles/${String(x.id)}/edit">${x.headline || `Article ${x.id}`}</a> <span lang="en">(${languageName(x.locale)}, ${stateTitle(x.status)}) · <a href="/admin/articles/${String(x.id)}/translation">translation desk</a></span></li>`
            : html`<li>A <span lang="${x.locale}">${languageName(x.locale)}</span> version exists (${stateTitle(x.status)}).</li>`,
        )}</ul>`
  }<p><a href="/admin/articles/${String(v.id)}/translation">Translation desk of this version</a></p></section>`;
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

function heroGroup(v: EditorView): Html {
  const x = v.values;
  return SideFields({
    v,
    legend: 'Hero image',
    children: html`<div id="hero-picker" class="hero-picker">${x.heroSrc ? html`<img class="hero-preview" id="hero-preview" src="${x.heroSrc}" alt="${x.heroAlt}"/>` : null}<div id="hero-nojs">${Field({ id: 'heroMediaId', label: 'Media id', note: 'The number of an image in the media library.', children: html`<input id="heroMediaId" name="heroMediaId" form="article-form" type="number" min="1" step="1" value="${x.heroMediaId}" aria-describedby="heroMediaId-note"/>` })}<p class="field"><a href="/admin/media">Open the media library</a></p></div></div>${Text({ id: 'heroAlt', name: 'heroAlt', label: 'Alt text', value: x.heroAlt, max: 500, note: 'What the image shows, for people who cannot see it.' })}${Text({ id: 'heroCaption', name: 'heroCaption', label: 'Caption', value: x.heroCaption, max: 1000 })}${Text({ id: 'heroCredit', name: 'heroCredit', label: 'Credit', value: x.heroCredit, max: 300 })}`,
  });
}

function sourceGroup(v: EditorView): Html {
  const x = v.values;
  return SideFields({
    v,
    legend: 'Source and partner',
    children: html`<p class="note">For a story first published by a partner outlet: readers see the credit, search engines the original.</p>${Field({ id: 'sourcePartnerId', label: 'First published by', children: html`<select id="sourcePartnerId" name="sourcePartnerId" form="article-form">${Options({ items: v.options.partners, selected: x.sourcePartnerId, none: '(our own story)' })}</select>` })}${Field({ id: 'sourceLocale', label: 'Original language', children: html`<select id="sourceLocale" name="sourceLocale" form="article-form"><option value="">(unknown)</option>${[...new Set([...v.locales, ...(x.sourceLocale ? [x.sourceLocale] : [])])].map((l) => html`<option value="${l}"${l === x.sourceLocale ? raw(' selected=""') : null}>${languageName(l)}</option>`)}</select>` })}${Text({ id: 'sourceUrl', name: 'sourceUrl', label: 'Original address', type: 'url', value: x.sourceUrl, max: 2048 })}${Text({ id: 'sourceHeadline', name: 'sourceHeadline', label: 'Original headline', value: x.sourceHeadline, max: 500 })}`,
  });
}

function seoGroup(v: EditorView): Html {
  const x = v.values;
  return SideFields({
    v,
    legend: 'Address, search engines and sharing',
    children: html`${Text({ id: 'slug', name: 'slug', label: 'Slug', value: x.slug, max: 80, note: 'The last part of the address: lower-case letters, digits and dashes; made from the headline until you change it. A changed slug keeps the old address as a redirect.' })}${Text({ id: 'seoTitle', name: 'seoTitle', label: 'SEO title', value: x.seoTitle, max: 200, note: 'Instead of the headline in search results (about 60 characters show); leave empty to use the headline.' })}<div class="field"><label for="seoDescription">SEO description</label><textarea id="seoDescription" name="seoDescription" form="article-form" rows="3" maxlength="500" aria-describedby="seoDescription-note">${x.seoDescription}</textarea><p class="note" id="seoDescription-note">Instead of the deck in search results and link previews (about 160 characters show).</p></div>${Text({ id: 'canonicalUrl', name: 'canonicalUrl', label: 'Canonical address', type: 'url', value: x.canonicalUrl, max: 2048, note: "Only when another address should be indexed instead of ours (e.g. the partner's original)." })}`,
  });
}

export function renderEditorPage(ctx: AdminContext, v: EditorView) {
  const x = v.values;
  const isPage = v.kind === 'page';
  const fieldErrors = v.error?.fields ?? {};
  const writing = html`<form id="article-form" class="card editor-form" method="post" action="/admin/articles/${String(v.id)}" data-article-id="${String(v.id)}" data-locale="${v.locale}" data-revision="${String(v.revision)}" data-live="${v.live ? 'true' : 'false'}" data-slug-follows="${v.slugFollowsHeadline ? 'true' : 'false'}">${CsrfField({ token: ctx.csrfToken })}<input type="hidden" name="baseRevision" value="${String(v.revision)}"/><fieldset class="plain"${!v.canEdit ? raw(' disabled=""') : null}><legend class="visually-hidden">${isPage ? 'The page' : 'The article'}</legend><div class="field"><label for="headline">${isPage ? 'Title' : 'Headline'}</label><input id="headline" name="headline" type="text" class="headline" value="${x.headline}" maxlength="300" required=""/></div><div class="field"><label for="deck">Deck</label><textarea id="deck" name="deck" rows="2" maxlength="1000" aria-describedby="deck-note">${x.deck}</textarea><p class="note" id="deck-note">${isPage ? 'The summary under the title, in search results and link previews.' : 'The summary under the headline, in lists and feeds.'}</p></div><div class="${v.source ? 'translate-pair' : 'single'}"><div class="field body-field"><span class="label" id="body-label">Text</span><div id="body-static" class="body-static" aria-labelledby="body-label" role="region">${raw(v.bodyHtml || '<p class="note">(no text yet)</p>')}</div><p class="note" id="body-nojs">${v.canEdit ? 'Editing the text needs JavaScript; every other field on this page saves without it.' : 'The text as readers see it.'}</p><div id="body-editor" class="body-editor" data-doc="${v.bodyJson}" hidden=""></div><p class="note word-count" id="word-count" hidden=""></p></div>${v.source ? SourcePanel({ id: v.id, source: v.source }) : null}</div></fieldset>${v.canEdit ? html`<div class="actions save-bar"><button type="submit" id="save-button">Save</button><p id="save-status" class="save-status" role="status" aria-live="polite">Revision ${String(v.revision)}</p></div>` : null}</form>`;
  const sidebar = html`<aside class="sidebar" id="editor-sidebar" aria-label="Publishing and details"><p class="panel-close"><a href="#writing">Close, back to the text</a></p>${Group(
    {
      id: 'publish',
      title: `Status: ${stateTitle(v.state)}${v.pending ? ', pending changes' : ''}`,
      open: true,
      children: html`${Pending({ v, ctx })}${Workflow({ v, ctx })}`,
    },
  )}${v.preview ? Group({ id: 'group-preview', title: 'Preview and share', open: true, children: SharePreview({ v: v.preview, ctx }) }) : null}${Group({
    id: 'group-section',
    title: 'Section and tags',
    open: true,
    hidden: isPage,
    children: SideFields({
      v,
      legend: 'Section and tags',
      children: html`${Field({ id: 'sectionId', label: 'Section', children: html`<select id="sectionId" name="sectionId" form="article-form">${Options({ items: v.options.sections, selected: x.sectionId })}</select>` })}<div class="field" id="tags-field"><label for="tags">Tags</label><input id="tags" name="tags" form="article-form" type="text" value="${x.tags.join(', ')}" maxlength="2000" list="tag-options" aria-describedby="tags-note"/><p class="note" id="tags-note">Separate tags with commas; a tag that does not exist yet in ${languageName(v.locale)} is created.</p><datalist id="tag-options">${v.options.tags.map((t) => html`<option value="${t.name}" data-id="${String(t.id)}"></option>`)}</datalist></div>`,
    }),
  })}${Group({ id: 'group-contributors', title: 'Contributors', open: true, hidden: isPage, children: Bylines({ v }) })}${Group({ id: 'group-hero', title: isPage ? 'Image' : 'Hero image', open: true, children: heroGroup(v) })}${Group({ id: 'group-source', title: 'Source and partner', open: x.sourcePartnerId !== '', hidden: isPage, children: sourceGroup(v) })}${Group(
    {
      id: 'group-dateline',
      title: 'Dateline',
      open: x.dateline !== '',
      hidden: isPage,
      children: SideFields({
        v,
        legend: 'Dateline',
        children: Text({ id: 'dateline', name: 'dateline', label: 'Dateline', value: x.dateline, max: 100, note: 'Where it was reported from, e.g. ALMATY.' }),
      }),
    },
  )}${Group({ id: 'group-seo', title: 'Slug, SEO and canonical', children: seoGroup(v) })}${v.canCorrect || v.corrections.length ? Group({ id: 'group-corrections', title: `Corrections (${String(v.corrections.length)})`, children: Corrections({ v, ctx }) }) : null}${Group({ id: 'group-versions', title: 'Language versions', children: Versions({ v }) })}${Group({ id: 'group-history', title: 'History', open: true, children: html`<section class="side-part" id="history" aria-labelledby="history-title" hidden=""><h2 id="history-title">History</h2><div id="history-body"></div></section><p class="note" id="history-nojs">The history needs JavaScript.</p>` })}</aside>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: `Edit: ${x.headline || `${isPage ? 'page' : 'article'} ${v.id}`}`,
      current: isPage ? 'pages' : 'articles',
      scripts: v.canEdit ? ['/admin/assets/editor.js'] : [],
      styles: ['/admin/assets/editor.css'],
      children: html`${
        isPage
          ? html`<p class="breadcrumbs"><a href="/admin/pages">Pages</a> › page ${String(v.id)} (${languageName(v.locale)})</p><h1>Edit page</h1>`
          : html`<p class="breadcrumbs"><a href="/admin/articles">Articles</a> › article ${String(v.id)} (${languageName(v.locale)})</p><h1>Edit article</h1>`
      }${v.notice ? Message({ kind: 'ok', text: v.notice }) : null}${v.error ? Message({ kind: 'error', id: 'form-error', text: v.error.text, hint: v.error.hint }) : null}${Object.keys(fieldErrors).length ? html`<ul class="field-errors">${Object.entries(fieldErrors).map(([k, m]) => html`<li><code>${k}</code>: ${m}</li>`)}</ul>` : null}${!v.canEdit ? Message({ kind: 'error', text: 'You may read this article but not change it.', hint: 'Writers edit their own stories until they are submitted; editors edit any.' }) : null}<div id="local-copy" class="local-copy" hidden=""></div><div id="conflict" class="conflict" hidden=""></div><p class="to-sidebar"><a href="#publish">Status and publishing</a> · <a href="#editor-sidebar">${isPage ? 'Image, slug and more' : 'Section, contributors, image and more'}</a></p><div class="editor-layout" id="editor-layout"><div class="writing" id="writing">${writing}</div>${sidebar}</div>`,
    }),
  );
}

/** "New article": language, headline and section make a draft; everything else is on its edit page. */
export function renderNewArticlePage(
  ctx: AdminContext,
  p: { locales: string[]; sections: { id: number; name: string }[]; values?: { locale: string; headline: string; sectionId: string }; error?: FormError },
) {
  const v = p.values ?? { locale: p.locales[0] ?? 'en', headline: '', sectionId: '' };
  return renderPage(
    AdminLayout({
      ctx,
      title: 'New article',
      current: 'articles',
      children: html`<p class="breadcrumbs"><a href="/admin/articles">Articles</a> › new</p><h1>New article</h1>${p.error ? Message({ kind: 'error', id: 'new-error', text: p.error.text, hint: p.error.hint }) : null}<form class="card narrow-form" method="post" action="/admin/articles/new">${CsrfField({ token: ctx.csrfToken })}<label for="new-locale">Language</label><select id="new-locale" name="locale">${p.locales.map((l) => html`<option value="${l}"${l === v.locale ? raw(' selected=""') : null}>${languageName(l)}</option>`)}</select><label for="new-headline">Headline</label><input id="new-headline" name="headline" type="text" required="" maxlength="300" value="${v.headline}"/><label for="new-section">Section</label><select id="new-section" name="sectionId">${Options({ items: p.sections, selected: v.sectionId })}</select><div class="actions"><button type="submit">Create the draft</button><span class="note">Then write it: the editor saves as you type.</span></div></form>`,
    }),
  );
}
