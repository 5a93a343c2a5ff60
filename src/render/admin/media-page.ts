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

const DONE = {
  uploaded: 'Uploaded. Its renditions are ready to use.',
  exists: 'This file is already in the library: here it is.',
  saved: 'Saved. Pages that show this image are being updated.',
  deleted: 'Deleted, with its files.',
} as const;
export type MediaNotice = keyof typeof DONE;
export const isMediaNotice = (s: string | undefined): s is MediaNotice => !!s && s in DONE;

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
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Media',
      current: 'media',
      styles: ['/admin/media/media.css'],
      children: html`<h1>Media</h1>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'media-error', text: p.error.text, hint: p.error.hint }) : null}${p.canUpload ? html`<section class="card" aria-labelledby="upload"><h2 id="upload">Upload an image</h2><form method="post" action="/admin/media/upload" enctype="multipart/form-data">${CsrfField({ token: ctx.csrfToken })}<label for="upload-file">Image file</label><input id="upload-file" name="file" type="file" required="" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" aria-describedby="upload-note"/><p class="note" id="upload-note">${ACCEPTED_LABEL}, up to ${String(p.maxMb)} MB. AVIF, WebP and JPEG copies are made at several widths for readers.</p><label for="upload-alt">Alt text</label><input id="upload-alt" name="alt" type="text" maxlength="500" aria-describedby="upload-alt-note"/><p class="note" id="upload-alt-note">What the image shows, for readers who cannot see it. A story cannot be published with an image that has none.</p><div class="grid"><div><label for="upload-caption">Caption</label><input id="upload-caption" name="caption" type="text" maxlength="1000"/></div><div><label for="upload-credit">Credit</label><input id="upload-credit" name="credit" type="text" maxlength="300"/></div></div><div class="actions"><button type="submit">Upload</button></div></form></section>` : null}<section class="card" aria-labelledby="library"><h2 id="library">Library</h2><form method="get" action="/admin/media" class="search" role="search"><div><label for="media-q">Search alt text and captions</label><input id="media-q" name="q" type="search" maxlength="200" value="${p.q}"/></div><button type="submit" class="secondary">Search</button></form>${p.items.length ? html`<ul class="media-grid">${p.items.map((m) => html`<li${optionalAttr('class', m.alt.trim() ? undefined : 'no-alt')}><img src="${thumb(m).path}" alt="${m.alt}" width="${String(thumb(m).width)}" height="${String(thumb(m).height)}" loading="lazy" decoding="async" class="${focalClasses(m.focalX, m.focalY)}"/><div class="info"><a href="/admin/media/${String(m.id)}">${describe(m)}</a>${m.alt.trim() ? html`<p class="alt">${m.alt}</p>` : html`<span class="badge">No alt text</span>`}<span class="note">${String(m.width)} × ${String(m.height)} · ${When({ iso: m.createdAt, timeZone: p.timeZone })}</span></div></li>`)}</ul>` : html`<p>${p.q ? 'Nothing in the library matches.' : 'The library is empty.'}</p>`}${p.olderHref ? html`<nav class="pager" aria-label="More images"><a href="${p.olderHref}">Older images →</a></nav>` : null}</section>`,
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
  return renderPage(
    AdminLayout({
      ctx,
      title: `Media: ${describe(m)}`,
      current: 'media',
      styles: ['/admin/media/media.css'],
      children: html`<p><a href="/admin/media">← Media library</a></p><h1>${describe(m)}</h1>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'media-error', text: p.error.text, hint: p.error.hint }) : null}${m.alt.trim() ? null : Message({ kind: 'error', text: 'This image has no alt text.', hint: 'Stories that use it cannot be published until it has one, here or in the story.' })}<section class="card preview" aria-labelledby="preview"><h2 id="preview">Preview</h2><img src="${preview}" alt="${m.alt}" width="${String(medium?.width ?? m.width)}" height="${String(medium?.height ?? m.height)}"/><ul class="crops" aria-label="Crops at the focal point"><li class="crop square"><img src="${preview}" alt="" width="160" height="160" class="${focal}"/><span class="note">Square crop</span></li><li class="crop wide"><img src="${preview}" alt="" width="288" height="162" class="${focal}"/><span class="note">Wide crop</span></li></ul></section>${p.canEdit ? html`<section class="card" aria-labelledby="edit"><h2 id="edit">Describe</h2><form method="post" action="/admin/media/${String(m.id)}">${CsrfField({ token: ctx.csrfToken })}<label for="edit-alt">Alt text</label><textarea id="edit-alt" name="alt" rows="2" maxlength="500">${m.alt}</textarea><label for="edit-caption">Caption</label><textarea id="edit-caption" name="caption" rows="2" maxlength="1000">${m.caption ?? ''}</textarea><label for="edit-credit">Credit</label><input id="edit-credit" name="credit" type="text" maxlength="300" value="${m.credit ?? ''}"/><fieldset class="plain"><legend>Focal point: where the subject is, kept in view when the image is cropped</legend><div class="grid"><div><label for="edit-fx">Across, % from the left</label><input id="edit-fx" name="focalX" type="number" min="0" max="100" step="1" required="" value="${percent(m.focalX)}"/></div><div><label for="edit-fy">Down, % from the top</label><input id="edit-fy" name="focalY" type="number" min="0" max="100" step="1" required="" value="${percent(m.focalY)}"/></div></div></fieldset><div class="actions"><button type="submit">Save</button></div></form></section>` : html`<section class="card" aria-labelledby="about"><h2 id="about">Description</h2><p>${m.alt || 'No alt text.'}</p>${m.caption ? html`<p>${m.caption}</p>` : null}${m.credit ? html`<p class="note">${m.credit}</p>` : null}</section>`}<section class="card" aria-labelledby="files"><h2 id="files">Files</h2><p class="note">Uploaded ${When({ iso: m.createdAt, timeZone: p.timeZone })} · ${m.mime} · ${String(m.width)} × ${String(m.height)}${m.bytes ? ` · ${formatBytes(m.bytes)}` : ''}</p>${m.renditions.length ? html`<table><caption class="visually-hidden">Renditions readers are served</caption><thead><tr><th scope="col">Format</th><th scope="col">Size</th><th scope="col">Bytes</th></tr></thead><tbody>${m.renditions.map((r) => html`<tr><td><a href="${r.path}">${r.format.toUpperCase()}</a></td><td>${String(r.width)} × ${String(r.height)}</td><td>${formatBytes(r.bytes)}</td></tr>`)}</tbody></table>` : html`<p>Served as it is (no renditions): ${m.src}</p>`}</section>${p.canDelete ? html`<section class="card" aria-labelledby="delete"><h2 id="delete">Delete</h2><p class="note">Removes the image and its files, for one uploaded by mistake. An image any version of a story showed is kept, so that restoring that version loses nothing.</p><form method="post" action="/admin/media/${String(m.id)}/delete">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary">Delete this image</button></form></section>` : null}`,
    }),
  );
}
