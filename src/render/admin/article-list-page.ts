import { html, raw } from '../html.js';
import { WORKFLOW_STATES } from '../../content/workflow.js';
import { renderPage } from '../layout.js';
import { AdminLayout, When, type AdminContext } from './admin-layout.js';
import { TranslationBadges, type Badge } from './translation-badges.js';

export type ArticleRowView = {
  id: number;
  locale: string;
  headline: string;
  state: string;
  section_slug: string;
  updated_at: string;
  authors: { id: number; name: string }[];
  assignee: { id: number; name: string } | null;
  needsUpdate: boolean;
  translatedFrom: { id: number; locale: string } | null;
  translations: Badge[];
  /** Pending changes waiting on a live story: who saved them last and when. */
  pending: { savedAt: string; user: string | null; state: 'draft' | 'in_review' } | null;
};

export type ListFilters = {
  status?: string | undefined;
  section?: string | undefined;
  author?: string | undefined;
  language?: string | undefined;
  dateField?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  assignee?: string | undefined;
  pending?: string | undefined;
  q?: string | undefined;
};

export type ListChoices = {
  sections: { slug: string; name: string }[];
  contributors: { id: number; name: string }[];
  locales: string[];
  users: { id: number; name: string }[];
};

/** "Pending changes" on a live story's row: who saved them last, and when, in words (not only in a tooltip). */
const PendingBadge = (ctx: AdminContext, pending: NonNullable<ArticleRowView['pending']>) =>
  html`<span class="badge pending">${ctx.t.articles.pendingBadge}${pending.state === 'in_review' ? ctx.t.articles.pendingInReview : ''}</span> <span class="note">${ctx.t.articles.savedBy(pending.user, ctx.dates.dateTime(pending.savedAt))}</span>`;

const Select = (p: { id: string; name: string; label: string; value: string | undefined; options: [string, string][] }) =>
  html`<div><label for="${p.id}">${p.label}</label><select id="${p.id}" name="${p.name}">${p.options.map(([value, text]) => html`<option value="${value}"${(p.value ?? '') === value ? raw(' selected=""') : null}>${text}</option>`)}</select></div>`;

/**
 * The filters fold away (a <details>, closed) so that on a phone the first story is on the first screen; the summary
 * says how many are in force.
 */
function Filters(ctx: AdminContext, f: ListFilters, choices: ListChoices) {
  const t = ctx.t.articles;
  const state = (s: string) => ctx.t.states[s] ?? s;
  const active = [f.q, f.status, f.section, f.language, f.author, f.assignee, f.pending, f.from, f.to].filter((v) => v !== undefined && v !== '').length;
  return html`<details class="card filters" id="filters-box"><summary><h2 id="filters">${t.find}${active ? ` (${String(active)})` : ''}</h2></summary><form method="get" action="/admin/articles" role="search" aria-labelledby="filters"><div class="grid"><div><label for="f-q">${t.search}</label><input id="f-q" name="q" type="search" maxlength="200" value="${f.q ?? ''}"/></div>${Select({ id: 'f-status', name: 'status', label: t.state, value: f.status, options: [['', t.any], ...WORKFLOW_STATES.map((s): [string, string] => [s, state(s)])] })}${Select({ id: 'f-section', name: 'section', label: t.section, value: f.section, options: [['', t.any], ...choices.sections.map((s): [string, string] => [s.slug, s.name])] })}${Select({ id: 'f-language', name: 'language', label: t.language, value: f.language, options: [['', t.any], ...choices.locales.map((l): [string, string] => [l, l])] })}${Select({ id: 'f-author', name: 'author', label: t.author, value: f.author, options: [['', t.anyone], ...choices.contributors.map((c): [string, string] => [String(c.id), c.name])] })}${Select({ id: 'f-assignee', name: 'assignee', label: t.assignedTo, value: f.assignee, options: [['', t.anyoneOrNobody], ['me', t.me], ['none', t.nobody], ...choices.users.map((u): [string, string] => [String(u.id), u.name])] })}${Select(
    {
      id: 'f-date-field',
      name: 'dateField',
      label: t.datesApply,
      value: f.dateField,
      options: [
        ['updated', t.lastChange],
        ['published', t.publication],
      ],
    },
  )}${Select({
    id: 'f-pending',
    name: 'pending',
    label: t.pending,
    value: f.pending,
    options: [
      ['', t.any],
      ['1', t.waiting],
      ['0', t.noneWaiting],
    ],
  })}<div><label for="f-from">${t.from}</label><input id="f-from" name="from" type="date" value="${f.from ?? ''}"/></div><div><label for="f-to">${t.to}</label><input id="f-to" name="to" type="date" value="${f.to ?? ''}"/></div></div><div class="actions"><button type="submit">${t.filter}</button><a href="/admin/articles">${t.clear}</a></div></form></details>`;
}

export function renderArticleListPage(
  ctx: AdminContext,
  p: { rows: ArticleRowView[]; filters: ListFilters; choices: ListChoices; olderHref: string | null; firstPageHref: string | null },
) {
  const t = ctx.t.articles;
  const c = t.columns;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'articles',
      children: html`<div class="title-row"><h1>${t.title}</h1><a class="button" href="/admin/articles/new">${t.new}</a></div>${Filters(ctx, p.filters, p.choices)}<section class="card" aria-labelledby="results"><h2 id="results">${p.rows.length ? t.newestFirst : t.noMatch}</h2>${p.rows.length ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t.table}"><table class="list"><thead><tr><th scope="col">${c.headline}</th><th scope="col">${c.language}</th><th scope="col">${c.state}</th><th scope="col">${c.section}</th><th scope="col">${c.authors}</th><th scope="col">${c.assignedTo}</th><th scope="col">${c.updated}</th><th scope="col">${c.others}</th></tr></thead><tbody>${p.rows.map((r) => html`<tr><td class="headline"><a href="/admin/articles/${String(r.id)}/edit" lang="${r.locale}">${r.headline}</a><br/><a class="note" href="/admin/articles/${String(r.id)}/translation">${r.translatedFrom ? (r.needsUpdate ? t.deskNeedsUpdate(r.translatedFrom.locale) : t.deskFrom(r.translatedFrom.locale)) : t.translationsAndNotes}</a></td><td>${r.locale}</td><td>${ctx.t.states[r.state] ?? r.state}${r.pending ? html` ${PendingBadge(ctx, r.pending)}` : null}</td><td>${r.section_slug}</td><td>${r.authors.map((a) => a.name).join(', ')}</td><td>${r.assignee?.name ?? ''}</td><td>${When({ iso: r.updated_at, dates: ctx.dates })}</td><td>${TranslationBadges({ items: r.translations, t: ctx.t })}</td></tr>`)}</tbody></table></div>` : html`<p>${t.changeFilters}</p>`}${p.olderHref || p.firstPageHref ? html`<nav class="actions" aria-label="${t.pages}">${p.firstPageHref ? html`<a href="${p.firstPageHref}">${t.newest}</a>` : null}${p.olderHref ? html`<a href="${p.olderHref}" rel="next">${t.older}</a>` : null}</nav>` : null}</section>`,
    }),
  );
}
