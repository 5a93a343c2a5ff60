import { html, raw } from '../html.js';
import { stateLabel, WORKFLOW_STATES } from '../../content/workflow.js';
import { renderPage } from '../layout.js';
import { AdminLayout, ShortWhen, type AdminContext } from './admin-layout.js';
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
const PendingBadge = (p: { pending: NonNullable<ArticleRowView['pending']>; timeZone: string }) =>
  html`<span class="badge pending">Pending changes${p.pending.state === 'in_review' ? ' (in review)' : ''}</span> <span class="note">saved${p.pending.user ? ` by ${p.pending.user}` : ''} ${ShortWhen({ iso: p.pending.savedAt, timeZone: p.timeZone })}</span>`;

const Select = (p: { id: string; name: string; label: string; value: string | undefined; options: [string, string][] }) =>
  html`<div><label for="${p.id}">${p.label}</label><select id="${p.id}" name="${p.name}">${p.options.map(([value, text]) => html`<option value="${value}"${(p.value ?? '') === value ? raw(' selected=""') : null}>${text}</option>`)}</select></div>`;

export function renderArticleListPage(
  ctx: AdminContext,
  p: { timeZone: string; rows: ArticleRowView[]; filters: ListFilters; choices: ListChoices; olderHref: string | null; firstPageHref: string | null },
) {
  const f = p.filters;
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Articles',
      current: 'articles',
      children: html`<div class="title-row"><h1>Articles</h1><a class="button" href="/admin/articles/new">New article</a></div><section class="card" aria-labelledby="filters"><h2 id="filters">Find articles</h2><form method="get" action="/admin/articles" role="search" aria-labelledby="filters"><div class="grid"><div><label for="f-q">Search headlines and decks</label><input id="f-q" name="q" type="search" maxlength="200" value="${f.q ?? ''}"/></div>${Select({ id: 'f-status', name: 'status', label: 'State', value: f.status, options: [['', 'Any'], ...WORKFLOW_STATES.map((s): [string, string] => [s, stateLabel(s)])] })}${Select({ id: 'f-section', name: 'section', label: 'Section', value: f.section, options: [['', 'Any'], ...p.choices.sections.map((s): [string, string] => [s.slug, s.name])] })}${Select({ id: 'f-language', name: 'language', label: 'Language', value: f.language, options: [['', 'Any'], ...p.choices.locales.map((l): [string, string] => [l, l])] })}${Select({ id: 'f-author', name: 'author', label: 'Author', value: f.author, options: [['', 'Anyone'], ...p.choices.contributors.map((c): [string, string] => [String(c.id), c.name])] })}${Select({ id: 'f-assignee', name: 'assignee', label: 'Assigned to', value: f.assignee, options: [['', 'Anyone or nobody'], ['me', 'Me'], ['none', 'Nobody'], ...p.choices.users.map((u): [string, string] => [String(u.id), u.name])] })}${Select(
        {
          id: 'f-date-field',
          name: 'dateField',
          label: 'Dates apply to',
          value: f.dateField,
          options: [
            ['updated', 'Last change'],
            ['published', 'Publication'],
          ],
        },
      )}${Select({
        id: 'f-pending',
        name: 'pending',
        label: 'Pending changes',
        value: f.pending,
        options: [
          ['', 'Any'],
          ['1', 'Waiting to be published'],
          ['0', 'None waiting'],
        ],
      })}<div><label for="f-from">From (day)</label><input id="f-from" name="from" type="date" value="${f.from ?? ''}"/></div><div><label for="f-to">To (day, included)</label><input id="f-to" name="to" type="date" value="${f.to ?? ''}"/></div></div><div class="actions"><button type="submit">Filter</button><a href="/admin/articles">Clear the filters</a></div></form></section><section class="card" aria-labelledby="results"><h2 id="results">${p.rows.length ? 'Newest first' : 'No articles match'}</h2>${p.rows.length ? html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="results"><table class="list"><thead><tr><th scope="col">Headline</th><th scope="col">Language</th><th scope="col">State</th><th scope="col">Section</th><th scope="col">Authors</th><th scope="col">Assigned to</th><th scope="col">Updated</th><th scope="col">Other languages</th></tr></thead><tbody>${p.rows.map((r) => html`<tr><td class="headline"><a href="/admin/articles/${String(r.id)}/edit" lang="${r.locale}">${r.headline}</a><br/><a class="note" href="/admin/articles/${String(r.id)}/translation">${r.translatedFrom ? (r.needsUpdate ? `Translation desk (needs update from ${r.translatedFrom.locale})` : `Translation desk (from ${r.translatedFrom.locale})`) : 'Translations and notes'}</a></td><td>${r.locale}</td><td>${stateLabel(r.state)}${r.pending ? html` ${PendingBadge({ pending: r.pending, timeZone: p.timeZone })}` : null}</td><td>${r.section_slug}</td><td>${r.authors.map((a) => a.name).join(', ')}</td><td>${r.assignee?.name ?? ''}</td><td>${ShortWhen({ iso: r.updated_at, timeZone: p.timeZone })}</td><td>${TranslationBadges({ items: r.translations })}</td></tr>`)}</tbody></table></div>` : html`<p>Change or clear the filters to see more.</p>`}${p.olderHref || p.firstPageHref ? html`<nav class="actions" aria-label="Pages">${p.firstPageHref ? html`<a href="${p.firstPageHref}">Newest</a>` : null}${p.olderHref ? html`<a href="${p.olderHref}" rel="next">Older</a>` : null}</nav>` : null}</section>`,
    }),
  );
}
