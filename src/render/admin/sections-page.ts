import { languageName } from '../../content/locales.js';
import { ancestorsOf, descendantIds, treeOrder } from '../../content/section-tree.js';
import { html, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { AdminMessages } from './admin-messages.js';
import type { FormError } from './auth-pages.js';

/**
 * The sections screens (/admin/sections and /admin/sections/{id}): the list in menu order with move up and down, a
 * form for a new section, and one section's page (its name, slug and description in each of the site's languages,
 * hidden or not, its parent section, merge, delete). Sections form a tree: the list shows each one's sub-sections
 * indented under it. Plain forms: all of it works without JavaScript.
 */

export type SectionItem = {
  id: number;
  slug: string;
  position: number;
  hidden: boolean;
  parentId: number | null;
  names: Record<string, string>;
  descriptions: Record<string, string>;
  articles: number;
};

/** What a section form shows: as stored, or as sent back with an error. */
/** `parentId` absent: the form sent no parent field (the parent stays as it is). */
export type SectionForm = { slug: string; names: Record<string, string>; descriptions: Record<string, string>; hidden: boolean; parentId?: number | null };

// `-up`: the same, and the section's sub-sections moved up to its parent.
const DONE = ['created', 'saved', 'moved', 'merged', 'deleted', 'merged-up', 'deleted-up'] as const;
export type SectionNotice = (typeof DONE)[number];
export const isSectionNotice = (s: string | undefined): s is SectionNotice => !!s && (DONE as readonly string[]).includes(s);

const nameIn = (s: { names: Record<string, string>; slug: string }, locales: readonly string[]) => s.names[locales[0]!] ?? Object.values(s.names)[0] ?? s.slug;

const noticeText = (ctx: AdminContext, n: SectionNotice) =>
  n === 'merged-up' || n === 'deleted-up'
    ? `${ctx.t.sections.done[n === 'merged-up' ? 'merged' : 'deleted']} ${ctx.t.sectionTree.subsectionsUp}`
    : ctx.t.sections.done[n];

// Indentation a screen reader skips: the tree's level is also said by the parent's name beside a sub-section.
const indent = (depth: number) => (depth ? html`<span aria-hidden="true">${'\u00a0\u00a0\u00a0'.repeat(depth - 1)}↳ </span>` : null);

/**
 * The parent choice: "none" and every section in tree order, indented, but the section itself and its sub-sections
 * (the service refuses a loop anyway; offering it would only lead to an error).
 */
function parentField(
  ctx: AdminContext,
  locales: readonly string[],
  sections: SectionItem[],
  self: number | undefined,
  chosen: number | null,
  prefix: string,
): Html {
  const t = ctx.t.sectionTree;
  const out = self === undefined ? new Set<number>() : new Set([self, ...descendantIds(sections, self)]);
  return html`<label for="${`${prefix}-parent`}">${t.parent} <span class="note">${t.parentNote}</span></label><select id="${`${prefix}-parent`}" name="parent"><option value="">${t.topLevel}</option>${treeOrder(
    sections,
  )
    .filter((s) => !out.has(s.id))
    .map(
      (s) =>
        html`<option value="${String(s.id)}"${s.id === chosen ? html` selected=""` : null}>${'\u00a0\u00a0'.repeat(s.depth)}${nameIn(s, locales)} (${s.slug})</option>`,
    )}</select>`;
}

/** Name, slug, description per language and the hidden switch: the same fields to create and to edit. */
function fields(t: AdminMessages['sections'], locales: readonly string[], f: SectionForm, prefix: string): Html {
  return html`<div class="grid">${locales.map(
    (l) =>
      html`<div lang="${l}"><label for="${`${prefix}-name-${l}`}">${t.nameIn(languageName(l))}</label><input id="${`${prefix}-name-${l}`}" name="${`name-${l}`}" type="text" required="" maxlength="100" value="${f.names[l] ?? ''}"/><label for="${`${prefix}-desc-${l}`}">${t.descriptionIn(languageName(l))} <span class="note">${t.optional}</span></label><textarea id="${`${prefix}-desc-${l}`}" name="${`description-${l}`}" rows="2" maxlength="1000">${f.descriptions[l] ?? ''}</textarea></div>`,
  )}</div><label for="${`${prefix}-slug`}">${t.slug} <span class="note">${prefix === 'new' ? t.slugNoteNew : t.slugNoteEdit}</span></label><input id="${`${prefix}-slug`}" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${f.slug}"/><p><input id="${`${prefix}-hidden`}" name="hidden" type="checkbox" value="1"${f.hidden ? html` checked=""` : null}/> <label class="inline" for="${`${prefix}-hidden`}">${t.hide}</label> <span class="note">${t.hideNote}</span></p>`;
}

export function renderSectionsScreen(
  ctx: AdminContext,
  p: { locales: readonly string[]; sections: SectionItem[]; canManage: boolean; form: SectionForm; notice?: SectionNotice; error?: FormError },
) {
  const t = ctx.t.sections;
  const tree = treeOrder(p.sections);
  const byId = new Map(tree.map((s) => [s.id, s]));
  // Each parent's first and last child, for the move buttons a row cannot use.
  const ends = new Map<number | null, { first: number; last: number }>();
  for (const s of tree) {
    const e = ends.get(s.parentId);
    if (e) e.last = s.id;
    else ends.set(s.parentId, { first: s.id, last: s.id });
  }
  const rows = tree.map((s) => {
    const name = nameIn(s, p.locales);
    const siblings = ends.get(s.parentId);
    const parent = s.parentId === null ? undefined : byId.get(s.parentId);
    const move = (dir: 'up' | 'down', text: string, disabled: boolean) =>
      html`<button type="submit" class="secondary" name="direction" value="${dir}"${disabled ? html` disabled=""` : null}>${text}<span class="visually-hidden">: ${name}</span></button>`;
    return html`<tr><td>${indent(s.depth)}<a href="/admin/sections/${String(s.id)}">${name}</a>${
      parent ? html` <span class="note">(${ctx.t.sectionTree.under(nameIn(parent, p.locales))})</span>` : null
    }${p.locales
      .slice(1)
      .map((l) =>
        s.names[l] ? html`<br/><span class="note" lang="${l}">${s.names[l]}</span>` : null,
      )}</td><td>${s.slug}</td><td>${String(s.articles)}</td><td>${s.hidden ? html`<span class="badge">${t.hidden}</span>` : html`<span class="badge">${t.inMenu}</span>`}</td>${
      p.canManage
        ? html`<td><form method="post" action="/admin/sections/${String(s.id)}/move">${CsrfField({ token: ctx.csrfToken })}${move('up', t.moveUp, siblings?.first === s.id)}${move('down', t.moveDown, siblings?.last === s.id)}</form></td>`
        : null
    }</tr>`;
  });
  const create = p.canManage
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">${t.new}</h2><form method="post" action="/admin/sections">${CsrfField({
        token: ctx.csrfToken,
      })}${fields(t, p.locales, p.form, 'new')}${parentField(ctx, p.locales, p.sections, undefined, p.form.parentId ?? null, 'new')}<div class="actions"><button type="submit">${t.create}</button></div></form></section>`
    : html`<p class="note">${t.onlyEditors}</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'sections',
      children: html`<h1>${t.title}</h1>${p.notice ? Message({ kind: 'ok', text: noticeText(ctx, p.notice) }) : null}${
        p.error ? Message({ kind: 'error', id: 'section-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }<section class="card" aria-labelledby="list-h"><h2 id="list-h">${t.inMenuOrder}</h2><p class="note">${ctx.t.sectionTree.treeNote}</p><div class="table-scroll"><table><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.slug}</th><th scope="col">${t.stories}</th><th scope="col">${t.menu}</th>${
        p.canManage ? html`<th scope="col">${t.order}</th>` : null
      }</tr></thead><tbody>${rows}</tbody></table></div></section>${create}`,
    }),
  );
}

export function renderSectionScreen(
  ctx: AdminContext,
  p: {
    locales: readonly string[];
    section: SectionItem;
    others: SectionItem[];
    /** Every section (the parent choice and the breadcrumb). */
    all: SectionItem[];
    canManage: boolean;
    form: SectionForm;
    notice?: SectionNotice;
    error?: FormError;
  },
) {
  const s = p.section;
  const name = nameIn(s, p.locales);
  const base = `/admin/sections/${String(s.id)}`;
  const t = ctx.t.sections;
  const edit = p.canManage
    ? html`<form method="post" action="${base}">${CsrfField({ token: ctx.csrfToken })}${fields(t, p.locales, p.form, 'edit')}${parentField(ctx, p.locales, p.all, s.id, p.form.parentId ?? s.parentId, 'edit')}<div class="actions"><button type="submit">${t.save}</button></div></form>`
    : html`<dl>${p.locales.map((l) => html`<dt>${languageName(l)}</dt><dd lang="${l}">${s.names[l] ?? '—'}${s.descriptions[l] ? html`<br/><span class="note">${s.descriptions[l]}</span>` : null}</dd>`)}</dl>`;
  const merge =
    p.canManage && p.others.length
      ? html`<section class="card" id="merge" aria-labelledby="merge-h"><h2 id="merge-h">${t.mergeTitle}</h2><p class="note" id="merge-note">${t.mergeNote(s.articles)}</p><form method="post" action="${base}/merge">${CsrfField(
          {
            token: ctx.csrfToken,
          },
        )}<label for="merge-into">${t.mergeInto}</label><select id="merge-into" name="into" aria-describedby="merge-note">${p.others.map(
          (o) => html`<option value="${String(o.id)}">${nameIn(o, p.locales)} (${o.slug})</option>`,
        )}</select><div class="actions"><button type="submit" class="secondary">${t.mergeButton(name)}</button></div></form></section>`
      : null;
  const remove = p.canManage
    ? html`<section class="card" id="delete" aria-labelledby="delete-h"><h2 id="delete-h">${t.delete}</h2>${
        s.articles > 0
          ? html`<p>${t.hasStories(s.articles)}</p>`
          : html`<form method="post" action="${base}/delete">${CsrfField({ token: ctx.csrfToken })}<p>${t.noStories}</p><button type="submit" class="secondary">${t.deleteButton(name)}</button></form>`
      }</section>`
    : null;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.sectionTitle(name),
      current: 'sections',
      children: html`<p><a href="/admin/sections">${t.all}</a>${ancestorsOf(p.all, s.id).map(
        (a) => html` › <a href="/admin/sections/${String(a.id)}">${nameIn(a, p.locales)}</a>`,
      )}</p><h1>${t.sectionTitle(name)}</h1>${p.notice ? Message({ kind: 'ok', text: noticeText(ctx, p.notice) }) : null}${
        p.error ? Message({ kind: 'error', id: 'section-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }<section class="card" aria-labelledby="edit-h"><h2 id="edit-h">${t.namesTitle}</h2><p class="note">${t.storiesN(s.articles)} · <a href="/${p.locales[0]!}/section/${s.slug}">${t.open}</a></p>${edit}</section>${merge}${remove}`,
    }),
  );
}
