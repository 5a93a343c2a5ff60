import { languageName } from '../../content/locales.js';
import { html, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
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

const DONE = {
  created: 'Contributor added. Fill in their names in each language below.',
  saved: 'Saved. Bylines, their author page and feeds show it within a second.',
  merged: 'Merged: their stories now credit this contributor and their old author page leads here.',
  deleted: 'Contributor deleted.',
} as const;
export type ContributorNotice = keyof typeof DONE;
export const isContributorNotice = (s: string | undefined): s is ContributorNotice => !!s && s in DONE;

const stories = (n: number) => `${String(n)} ${n === 1 ? 'story' : 'stories'}`;

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
  const rows = p.contributors.map(
    (c) =>
      html`<tr><td><a href="/admin/contributors/${String(c.id)}">${c.name}</a>${p.locales
        .filter((l) => c.names[l] && c.names[l] !== c.name)
        .map((l) => html`<br/><span class="note" lang="${l}">${c.names[l]!}</span>`)}</td><td>${c.slug}</td><td>${String(c.articles)}</td><td>${
        c.userId !== null ? html`<span class="badge">linked</span>` : html`<span class="note">—</span>`
      }</td></tr>`,
  );
  const create = p.canCreate
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">New contributor</h2><form method="post" action="/admin/contributors">${CsrfField(
        {
          token: ctx.csrfToken,
        },
      )}<div class="grid"><div><label for="new-name">Their own name</label><input id="new-name" name="name" type="text" required="" maxlength="200" value="${p.form.name}"/></div><div><label for="new-slug">Slug <span class="note">(the address: /{language}/author/<em>slug</em>; made from the name when left empty)</span></label><input id="new-slug" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form.slug}"/></div></div><div class="actions"><button type="submit">Add the contributor</button></div></form></section>`
    : html`<p class="note">Editors and admins add and change contributors.</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Contributors',
      current: 'contributors',
      children: html`<h1>Contributors</h1>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'contributor-error', text: p.error.text, hint: p.error.hint }) : null
      }<section class="card" aria-labelledby="list-h"><h2 id="list-h">Everyone on the bylines</h2><form method="get" action="/admin/contributors" role="search" class="inline-search"><label for="q">Find by name (any language) or slug</label><input id="q" name="q" type="search" maxlength="200" value="${p.q}"/> <button type="submit" class="secondary">Find</button></form><div class="table-scroll"><table><thead><tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Stories</th><th scope="col">Account</th></tr></thead><tbody>${rows}</tbody></table></div>${
        p.contributors.length === 0 ? html`<p>No contributor matches.</p>` : null
      }${p.next ? html`<p><a href="${p.next}">Next page</a></p>` : null}</section>${create}`,
    }),
  );
}

/** The per-language texts: a name, a role title and a bio in each of the site's languages. */
function languageFields(locales: readonly string[], f: ContributorForm, own: boolean): Html {
  return html`${locales.map(
    (l) =>
      html`<fieldset lang="${l}"><legend>${languageName(l)}</legend>${
        own
          ? null
          : html`<label for="${`name-${l}`}">Name in ${languageName(l)} <span class="note">(empty: their own name)</span></label><input id="${`name-${l}`}" name="${`name-${l}`}" type="text" maxlength="200" value="${f.names[l] ?? ''}"/>`
      }<label for="${`title-${l}`}">Role title in ${languageName(l)} <span class="note">(optional)</span></label><input id="${`title-${l}`}" name="${`title-${l}`}" type="text" maxlength="200" value="${f.titles[l] ?? ''}"/><label for="${`bio-${l}`}">Bio in ${languageName(l)} <span class="note">(empty: their own bio)</span></label><textarea id="${`bio-${l}`}" name="${`bio-${l}`}" rows="3" maxlength="5000">${f.bios[l] ?? ''}</textarea></fieldset>`,
  )}`;
}

function photoField(f: ContributorForm, photos: PhotoChoice[]): Html {
  const current = photos.find((m) => String(m.id) === f.photoMediaId);
  return html`<label for="photo">Photo <span class="note">(from the <a href="/admin/media">media library</a>; upload it there first)</span></label>${
    current
      ? html`<p><img class="photo-preview" src="${current.thumb.path}" width="${String(current.thumb.width)}" height="${String(current.thumb.height)}" alt="The current photo: ${current.label}"/></p>`
      : null
  }<select id="photo" name="photoMediaId"><option value="">No photo</option>${photos.map(
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
  const base = `/admin/contributors/${String(c.id)}`;
  const f = p.form;
  const mayEdit = p.canManage || p.isOwn;
  const own = !p.canManage;
  const identity = own
    ? html`<p class="note">The name on your bylines, your address and email are changed by an editor.</p>`
    : html`<div class="grid"><div><label for="name">Their own name <span class="note">(shown in a language without a name of its own)</span></label><input id="name" name="name" type="text" required="" maxlength="200" value="${f.name}"/></div><div><label for="slug">Slug <span class="note">(a change keeps the old address as a redirect)</span></label><input id="slug" name="slug" type="text" required="" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${f.slug}"/></div><div><label for="email">Email <span class="note">(never shown to readers)</span></label><input id="email" name="email" type="email" maxlength="320" autocomplete="off" value="${f.email}"/></div><div><label for="user">Account <span class="note">(the user who signs in as them)</span></label><select id="user" name="userId"><option value="">None</option>${p.accounts.map(
        (a) => html`<option value="${String(a.id)}"${String(a.id) === f.userId ? html` selected=""` : null}>${a.name} (${a.role})</option>`,
      )}</select></div></div><label for="bio">Their own bio <span class="note">(shown in a language without a bio of its own)</span></label><textarea id="bio" name="bio" rows="3" maxlength="5000">${f.bio}</textarea>`;
  const edit = mayEdit
    ? html`<form method="post" action="${base}">${CsrfField({ token: ctx.csrfToken })}${identity}${languageFields(p.locales, f, own)}${photoField(
        f,
        p.photos,
      )}<label for="links">Links <span class="note">(their profiles elsewhere, one https address a line)</span></label><textarea id="links" name="links" rows="3" maxlength="10000">${f.links}</textarea><div class="actions"><button type="submit">Save</button></div></form>`
    : html`<dl><dt>Their own name</dt><dd>${c.name}</dd>${p.locales.map(
        (l) =>
          html`<dt>${languageName(l)}</dt><dd lang="${l}">${c.names[l] ?? c.name}${c.titles[l] ? html`<br/><span class="note">${c.titles[l]}</span>` : null}</dd>`,
      )}</dl>`;
  const merge =
    p.canManage && p.others.length
      ? html`<section class="card" id="merge" aria-labelledby="merge-h"><h2 id="merge-h">Merge into another contributor</h2><p class="note" id="merge-note">For one person entered twice: their ${stories(
          c.articles,
        )} credit the contributor you choose, their author page redirects there, and this profile is removed.</p><form method="post" action="${base}/merge">${CsrfField(
          {
            token: ctx.csrfToken,
          },
        )}<label for="merge-into">Merge into</label><select id="merge-into" name="into" aria-describedby="merge-note">${p.others.map(
          (o) => html`<option value="${String(o.id)}">${o.name} (${o.slug})</option>`,
        )}</select><div class="actions"><button type="submit" class="secondary">Merge “${c.name}” into them</button></div></form></section>`
      : null;
  const remove = p.canManage
    ? html`<section class="card" id="delete" aria-labelledby="delete-h"><h2 id="delete-h">Delete</h2>${
        c.articles > 0
          ? html`<p>${c.name} is on the byline of ${stories(c.articles)}: merge them into another contributor instead.</p>`
          : html`<form method="post" action="${base}/delete">${CsrfField({ token: ctx.csrfToken })}<p>No story credits them.</p><button type="submit" class="secondary">Delete “${c.name}”</button></form>`
      }</section>`
    : null;
  return renderPage(
    AdminLayout({
      ctx,
      title: `Contributor: ${c.name}`,
      current: 'contributors',
      children: html`<p><a href="/admin/contributors">All contributors</a></p><h1>Contributor: ${c.name}</h1>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'contributor-error', text: p.error.text, hint: p.error.hint }) : null
      }<section class="card" aria-labelledby="edit-h"><h2 id="edit-h">Profile</h2><p class="note">${stories(c.articles)} · ${p.locales.map(
        (l, i) => html`${i ? ' · ' : ''}<a href="/${l}/author/${c.slug}">Author page (${languageName(l)})</a>`,
      )} · <a href="/admin/articles?author=${String(c.id)}">Their stories</a></p>${edit}</section>${merge}${remove}`,
    }),
  );
}
