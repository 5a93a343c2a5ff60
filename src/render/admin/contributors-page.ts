import { languageName } from '../../content/locales.js';
import { html, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { AdminMessages } from './admin-messages.js';
import type { FormError } from './auth-pages.js';

/**
 * The contributors screens (/admin/contributors and /admin/contributors/{id}): the list with story counts and a
 * search, a form for a new contributor, and one contributor's profile page (their own name, and a name, role title
 * and bio in each of the site's languages; photo from the media library, links, email, the account it belongs to;
 * merge and delete). Plain forms: all of it works without JavaScript.
 */

export type ContributorItem = {
  id: number;
  slug: string;
  name: string;
  bio: string | null;
  names: Record<string, string>;
  bios: Record<string, string>;
  titles: Record<string, string>;
  email: string | null;
  links: string[];
  photoMediaId: number | null;
  userId: number | null;
  articles: number;
};

/** What the profile form shows: as stored, or as sent back with an error. */
export type ContributorForm = {
  name: string;
  slug: string;
  bio: string;
  names: Record<string, string>;
  bios: Record<string, string>;
  titles: Record<string, string>;
  email: string;
  links: string;
  photoMediaId: string;
  userId: string;
};

export const formOf = (c: ContributorItem): ContributorForm => ({
  name: c.name,
  slug: c.slug,
  bio: c.bio ?? '',
  names: c.names,
  bios: c.bios,
  titles: c.titles,
  email: c.email ?? '',
  links: c.links.join('\n'),
  photoMediaId: c.photoMediaId === null ? '' : String(c.photoMediaId),
  userId: c.userId === null ? '' : String(c.userId),
});

/** A library image to choose as the photo: its thumbnail and what it shows. */
export type PhotoChoice = { id: number; label: string; thumb: { path: string; width: number; height: number } };
export type AccountChoice = { id: number; name: string; role: string };

const DONE = ['created', 'saved', 'merged', 'deleted'] as const;
export type ContributorNotice = (typeof DONE)[number];
export const isContributorNotice = (s: string | undefined): s is ContributorNotice => !!s && (DONE as readonly string[]).includes(s);

export function renderContributorsScreen(
  ctx: AdminContext,
  p: {
    locales: readonly string[];
    contributors: ContributorItem[];
    q: string;
    next: string | null;
    canCreate: boolean;
    form: { name: string; slug: string };
    notice?: ContributorNotice;
    error?: FormError;
  },
) {
  const m = ctx.t.contributors;
  const rows = p.contributors.map(
    (c) =>
      html`<tr><td><a href="/admin/contributors/${String(c.id)}">${c.name}</a>${p.locales
        .filter((l) => c.names[l] && c.names[l] !== c.name)
        .map((l) => html`<br/><span class="note" lang="${l}">${c.names[l]!}</span>`)}</td><td>${c.slug}</td><td>${String(c.articles)}</td><td>${
        c.userId !== null ? html`<span class="badge">${m.linked}</span>` : html`<span class="note">—</span>`
      }</td></tr>`,
  );
  const create = p.canCreate
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">${m.new}</h2><form method="post" action="/admin/contributors">${CsrfField({
        token: ctx.csrfToken,
      })}<div class="grid"><div><label for="new-name">${m.ownName}</label><input id="new-name" name="name" type="text" required="" maxlength="200" value="${p.form.name}"/></div><div><label for="new-slug">${m.slug} <span class="note">${m.slugNoteNew()}</span></label><input id="new-slug" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form.slug}"/></div></div><div class="actions"><button type="submit">${m.create}</button></div></form></section>`
    : html`<p class="note">${m.onlyEditors}</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: m.title,
      current: 'contributors',
      children: html`<h1>${m.title}</h1>${p.notice ? Message({ kind: 'ok', text: m.done[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'contributor-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }<section class="card" aria-labelledby="list-h"><h2 id="list-h">${m.everyone}</h2><form method="get" action="/admin/contributors" role="search" class="inline-search"><label for="q">${m.find}</label><input id="q" name="q" type="search" maxlength="200" value="${p.q}"/> <button type="submit" class="secondary">${m.search}</button></form><div class="table-scroll"><table><thead><tr><th scope="col">${m.name}</th><th scope="col">${m.slug}</th><th scope="col">${m.stories}</th><th scope="col">${m.account}</th></tr></thead><tbody>${rows}</tbody></table></div>${
        p.contributors.length === 0 ? html`<p>${m.noneMatch}</p>` : null
      }${p.next ? html`<p><a href="${p.next}">${m.next}</a></p>` : null}</section>${create}`,
    }),
  );
}

/** The per-language texts: a name, a role title and a bio in each of the site's languages. */
function languageFields(m: AdminMessages['contributors'], locales: readonly string[], f: ContributorForm, own: boolean): Html {
  return html`${locales.map(
    (l) =>
      html`<fieldset lang="${l}"><legend>${languageName(l)}</legend>${
        own
          ? null
          : html`<label for="${`name-${l}`}">${m.nameIn(languageName(l))} <span class="note">${m.nameEmpty}</span></label><input id="${`name-${l}`}" name="${`name-${l}`}" type="text" maxlength="200" value="${f.names[l] ?? ''}"/>`
      }<label for="${`title-${l}`}">${m.titleIn(languageName(l))} <span class="note">${m.optional}</span></label><input id="${`title-${l}`}" name="${`title-${l}`}" type="text" maxlength="200" value="${f.titles[l] ?? ''}"/><label for="${`bio-${l}`}">${m.bioIn(languageName(l))} <span class="note">${m.bioEmpty}</span></label><textarea id="${`bio-${l}`}" name="${`bio-${l}`}" rows="3" maxlength="5000">${f.bios[l] ?? ''}</textarea></fieldset>`,
  )}`;
}

function photoField(m: AdminMessages['contributors'], f: ContributorForm, photos: PhotoChoice[]): Html {
  const current = photos.find((m) => String(m.id) === f.photoMediaId);
  return html`<label for="photo">${m.photo} <span class="note">${m.photoNote()}</span></label>${
    current
      ? html`<p><img class="photo-preview" src="${current.thumb.path}" width="${String(current.thumb.width)}" height="${String(current.thumb.height)}" alt="${m.currentPhoto(current.label)}"/></p>`
      : null
  }<select id="photo" name="photoMediaId"><option value="">${m.noPhoto}</option>${photos.map(
    (m) => html`<option value="${String(m.id)}"${String(m.id) === f.photoMediaId ? html` selected=""` : null}>${m.label} (#${String(m.id)})</option>`,
  )}</select>`;
}

export function renderContributorScreen(
  ctx: AdminContext,
  p: {
    locales: readonly string[];
    contributor: ContributorItem;
    /** May change everything, merge and delete (`contributor.manage`). */
    canManage: boolean;
    /** Their own linked profile: may change bios, titles, photo and links (`contributor.edit-own`). */
    isOwn: boolean;
    form: ContributorForm;
    photos: PhotoChoice[];
    accounts: AccountChoice[];
    others: { id: number; name: string; slug: string }[];
    notice?: ContributorNotice;
    error?: FormError;
  },
) {
  const c = p.contributor;
  const m = ctx.t.contributors;
  const base = `/admin/contributors/${String(c.id)}`;
  const f = p.form;
  const mayEdit = p.canManage || p.isOwn;
  const own = !p.canManage;
  const identity = own
    ? html`<p class="note">${m.ownIdentity}</p>`
    : html`<div class="grid"><div><label for="name">${m.ownName} <span class="note">${m.ownNameNote}</span></label><input id="name" name="name" type="text" required="" maxlength="200" value="${f.name}"/></div><div><label for="slug">${m.slug} <span class="note">${m.slugNoteEdit}</span></label><input id="slug" name="slug" type="text" required="" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${f.slug}"/></div><div><label for="email">${m.email} <span class="note">${m.emailNote}</span></label><input id="email" name="email" type="email" maxlength="320" autocomplete="off" value="${f.email}"/></div><div><label for="user">${m.account} <span class="note">${m.accountNote}</span></label><select id="user" name="userId"><option value="">${m.noAccount}</option>${p.accounts.map(
        (a) =>
          html`<option value="${String(a.id)}"${String(a.id) === f.userId ? html` selected=""` : null}>${a.name} (${ctx.t.roles[a.role] ?? a.role})</option>`,
      )}</select></div></div><label for="bio">${m.ownBio} <span class="note">${m.ownBioNote}</span></label><textarea id="bio" name="bio" rows="3" maxlength="5000">${f.bio}</textarea>`;
  const edit = mayEdit
    ? html`<form method="post" action="${base}">${CsrfField({ token: ctx.csrfToken })}${identity}${languageFields(m, p.locales, f, own)}${photoField(
        m,
        f,
        p.photos,
      )}<label for="links">${m.links} <span class="note">${m.linksNote}</span></label><textarea id="links" name="links" rows="3" maxlength="10000">${f.links}</textarea><div class="actions"><button type="submit">${m.save}</button></div></form>`
    : html`<dl><dt>${m.ownName}</dt><dd>${c.name}</dd>${p.locales.map(
        (l) =>
          html`<dt>${languageName(l)}</dt><dd lang="${l}">${c.names[l] ?? c.name}${c.titles[l] ? html`<br/><span class="note">${c.titles[l]}</span>` : null}</dd>`,
      )}</dl>`;
  const merge =
    p.canManage && p.others.length
      ? html`<section class="card" id="merge" aria-labelledby="merge-h"><h2 id="merge-h">${m.mergeTitle}</h2><p class="note" id="merge-note">${m.mergeNote(c.articles)}</p><form method="post" action="${base}/merge">${CsrfField(
          {
            token: ctx.csrfToken,
          },
        )}<label for="merge-into">${m.mergeInto}</label><select id="merge-into" name="into" aria-describedby="merge-note">${p.others.map(
          (o) => html`<option value="${String(o.id)}">${o.name} (${o.slug})</option>`,
        )}</select><div class="actions"><button type="submit" class="secondary">${m.mergeButton(c.name)}</button></div></form></section>`
      : null;
  const remove = p.canManage
    ? html`<section class="card" id="delete" aria-labelledby="delete-h"><h2 id="delete-h">${m.delete}</h2>${
        c.articles > 0
          ? html`<p>${m.onBylines(c.name, c.articles)}</p>`
          : html`<form method="post" action="${base}/delete">${CsrfField({ token: ctx.csrfToken })}<p>${m.unused}</p><button type="submit" class="secondary">${m.deleteButton(c.name)}</button></form>`
      }</section>`
    : null;
  return renderPage(
    AdminLayout({
      ctx,
      title: m.contributorTitle(c.name),
      current: 'contributors',
      children: html`<p><a href="/admin/contributors">${m.all}</a></p><h1>${m.contributorTitle(c.name)}</h1>${p.notice ? Message({ kind: 'ok', text: m.done[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'contributor-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }<section class="card" aria-labelledby="edit-h"><h2 id="edit-h">${m.profile}</h2><p class="note">${m.storiesN(c.articles)} · ${p.locales.map(
        (l, i) => html`${i ? ' · ' : ''}<a href="/${l}/author/${c.slug}">${m.authorPage(languageName(l))}</a>`,
      )} · <a href="/admin/articles?author=${String(c.id)}">${m.theirStories}</a></p>${edit}</section>${merge}${remove}`,
    }),
  );
}
