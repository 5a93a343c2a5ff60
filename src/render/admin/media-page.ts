import { html, optionalAttr } from '../html.js';
import { ACCEPTED_LABEL, focalClasses, renditionsOf, type MediaRendition } from '../../content/media.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, When, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

/** The media pages' own stylesheet, served as /admin/media/media.css (admin CSP: style-src 'self'). */
export const MEDIA_CSS = `
main{max-width:72rem}
.media-grid{list-style:none;margin:0;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr))}
.media-grid li{background:var(--bg);border:1px solid var(--line);border-radius:6px;overflow:hidden;display:flex;flex-direction:column}
.media-grid li.no-alt{border:2px solid var(--bad)}
.media-grid img,.crop img{display:block;width:100%;aspect-ratio:3/2;height:auto;object-fit:cover;background:var(--soft);object-position:var(--fx,50%) var(--fy,50%)}
.media-grid .info{padding:.5rem .65rem;font-size:.9rem;display:flex;flex-direction:column;gap:.2rem}
.media-grid .alt{margin:0}
.badge{display:inline-block;font-size:.8rem;font-weight:700;padding:.05rem .45rem;border-radius:1rem;background:var(--bad);color:#fff}
.preview img{display:block;max-width:100%;height:auto;border:1px solid var(--line)}
.crops{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0 0;padding:0;list-style:none}
.crop{margin:0}.crop.square img{aspect-ratio:1/1;width:10rem}.crop.wide img{aspect-ratio:16/9;width:18rem}
textarea{font:inherit;padding:.45rem .55rem;border:1px solid #767676;border-radius:4px;width:100%}
input[type=number]{width:7rem}
input[type=file]{max-width:100%}
.search{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap}.search label{margin-top:0}
.pager{display:flex;justify-content:flex-end;margin-top:1rem}
${Array.from({ length: 11 }, (_, i) => `.fx${i}{--fx:${i * 10}%}.fy${i}{--fy:${i * 10}%}`).join('')}
`;

export type MediaItemView = {
  id: number;
  src: string;
  width: number;
  height: number;
  mime: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  focalX: number;
  focalY: number;
  originalName: string | null;
  bytes: number | null;
  createdAt: string;
  renditions: MediaRendition[];
};

const DONE = ['uploaded', 'exists', 'saved', 'deleted'] as const;
export type MediaNotice = (typeof DONE)[number];
export const isMediaNotice = (s: string | undefined): s is MediaNotice => !!s && (DONE as readonly string[]).includes(s);

/** The smallest JPEG rendition for a thumbnail, or the file itself (demo SVGs have no renditions). */
const thumb = (m: MediaItemView) => renditionsOf(m, 'jpeg')[0] ?? { path: m.src, width: m.width, height: m.height };
const describe = (m: MediaItemView) => m.originalName ?? m.src.split('/').pop() ?? `item ${m.id}`;

/** The library: upload, search, and every item newest first, those without alt text marked. */
export function renderMediaLibraryPage(
  ctx: AdminContext,
  p: {
    items: MediaItemView[];
    q: string;
    olderHref: string | null;
    canUpload: boolean;
    maxMb: number;
    timeZone: string;
    notice?: MediaNotice;
    error?: FormError;
  },
) {
  const t = ctx.t.media;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'media',
      styles: ['/admin/media/media.css'],
      children: html`<h1>${t.title}</h1>${p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'media-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}${p.canUpload ? html`<section class="card" aria-labelledby="upload"><h2 id="upload">${t.upload}</h2><form method="post" action="/admin/media/upload" enctype="multipart/form-data">${CsrfField({ token: ctx.csrfToken })}<label for="upload-file">${t.file}</label><input id="upload-file" name="file" type="file" required="" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" aria-describedby="upload-note"/><p class="note" id="upload-note">${t.fileNote(ACCEPTED_LABEL, p.maxMb)}</p><label for="upload-alt">${t.alt}</label><input id="upload-alt" name="alt" type="text" maxlength="500" aria-describedby="upload-alt-note"/><p class="note" id="upload-alt-note">${t.altNote}</p><div class="grid"><div><label for="upload-caption">${t.caption}</label><input id="upload-caption" name="caption" type="text" maxlength="1000"/></div><div><label for="upload-credit">${t.credit}</label><input id="upload-credit" name="credit" type="text" maxlength="300"/></div></div><div class="actions"><button type="submit">${t.uploadButton}</button></div></form></section>` : null}<section class="card" aria-labelledby="library"><h2 id="library">${t.library}</h2><form method="get" action="/admin/media" class="search" role="search"><div><label for="media-q">${t.search}</label><input id="media-q" name="q" type="search" maxlength="200" value="${p.q}"/></div><button type="submit" class="secondary">${t.searchButton}</button></form>${p.items.length ? html`<ul class="media-grid">${p.items.map((m) => html`<li${optionalAttr('class', m.alt.trim() ? undefined : 'no-alt')}><img src="${thumb(m).path}" alt="${m.alt}" width="${String(thumb(m).width)}" height="${String(thumb(m).height)}" loading="lazy" decoding="async" class="${focalClasses(m.focalX, m.focalY)}"/><div class="info"><a href="/admin/media/${String(m.id)}">${describe(m)}</a>${m.alt.trim() ? html`<p class="alt">${m.alt}</p>` : html`<span class="badge">${t.noAlt}</span>`}<span class="note">${String(m.width)} × ${String(m.height)} · ${When({ iso: m.createdAt, dates: ctx.dates })}</span></div></li>`)}</ul>` : html`<p>${p.q ? t.noMatch : t.empty}</p>`}${p.olderHref ? html`<nav class="pager" aria-label="${t.more}"><a href="${p.olderHref}">${t.older}</a></nav>` : null}</section>`,
    }),
  );
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const percent = (v: number) => String(Math.round(v * 100));

/** One item: preview, crops at the focal point, the edit form (for those who may edit), and its renditions. */
export function renderMediaItemPage(
  ctx: AdminContext,
  p: { item: MediaItemView; canEdit: boolean; canDelete: boolean; timeZone: string; notice?: MediaNotice; error?: FormError },
) {
  const m = p.item;
  const medium = renditionsOf(m, 'jpeg').find((r) => r.width >= 640) ?? renditionsOf(m, 'jpeg').at(-1);
  const preview = medium?.path ?? m.src;
  const focal = focalClasses(m.focalX, m.focalY);
  const t = ctx.t.media;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.itemTitle(describe(m)),
      current: 'media',
      styles: ['/admin/media/media.css'],
      children: html`<p><a href="/admin/media">${t.back}</a></p><h1>${describe(m)}</h1>${p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'media-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}${m.alt.trim() ? null : Message({ kind: 'error', text: t.hasNoAlt, hint: t.hasNoAltHint })}<section class="card preview" aria-labelledby="preview"><h2 id="preview">${t.preview}</h2><img src="${preview}" alt="${m.alt}" width="${String(medium?.width ?? m.width)}" height="${String(medium?.height ?? m.height)}"/><ul class="crops" aria-label="${t.crops}"><li class="crop square"><img src="${preview}" alt="" width="160" height="160" class="${focal}"/><span class="note">${t.square}</span></li><li class="crop wide"><img src="${preview}" alt="" width="288" height="162" class="${focal}"/><span class="note">${t.wide}</span></li></ul></section>${p.canEdit ? html`<section class="card" aria-labelledby="edit"><h2 id="edit">${t.describe}</h2><form method="post" action="/admin/media/${String(m.id)}">${CsrfField({ token: ctx.csrfToken })}<label for="edit-alt">${t.alt}</label><textarea id="edit-alt" name="alt" rows="2" maxlength="500">${m.alt}</textarea><label for="edit-caption">${t.caption}</label><textarea id="edit-caption" name="caption" rows="2" maxlength="1000">${m.caption ?? ''}</textarea><label for="edit-credit">${t.credit}</label><input id="edit-credit" name="credit" type="text" maxlength="300" value="${m.credit ?? ''}"/><fieldset class="plain"><legend>${t.focal}</legend><div class="grid"><div><label for="edit-fx">${t.across}</label><input id="edit-fx" name="focalX" type="number" min="0" max="100" step="1" required="" value="${percent(m.focalX)}"/></div><div><label for="edit-fy">${t.down}</label><input id="edit-fy" name="focalY" type="number" min="0" max="100" step="1" required="" value="${percent(m.focalY)}"/></div></div></fieldset><div class="actions"><button type="submit">${t.save}</button></div></form></section>` : html`<section class="card" aria-labelledby="about"><h2 id="about">${t.description}</h2><p>${m.alt || t.noAltText}</p>${m.caption ? html`<p>${m.caption}</p>` : null}${m.credit ? html`<p class="note">${m.credit}</p>` : null}</section>`}<section class="card" aria-labelledby="files"><h2 id="files">${t.files}</h2><p class="note">${t.uploaded} ${When({ iso: m.createdAt, dates: ctx.dates })} · ${m.mime} · ${String(m.width)} × ${String(m.height)}${m.bytes ? ` · ${formatBytes(m.bytes)}` : ''}</p>${m.renditions.length ? html`<div class="table-scroll"><table><caption class="visually-hidden">${t.renditions}</caption><thead><tr><th scope="col">${t.format}</th><th scope="col">${t.size}</th><th scope="col">${t.bytes}</th></tr></thead><tbody>${m.renditions.map((r) => html`<tr><td><a href="${r.path}">${r.format.toUpperCase()}</a></td><td>${String(r.width)} × ${String(r.height)}</td><td>${formatBytes(r.bytes)}</td></tr>`)}</tbody></table></div>` : html`<p>${t.asIs} ${m.src}</p>`}</section>${p.canDelete ? html`<section class="card" aria-labelledby="delete"><h2 id="delete">${t.delete}</h2><p class="note">${t.deleteNote}</p><form method="post" action="/admin/media/${String(m.id)}/delete">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary">${t.deleteButton}</button></form></section>` : null}`,
    }),
  );
}
