import { html, raw, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';

/**
 * The editor's "Preview" card: the link to the preview, and share links (make one with an expiry and a choice of
 * version, list the live ones, revoke) as plain forms, so it all works without JavaScript. A new link's address is
 * shown once, on its own page (renderPreviewLinkCreatedPage): it is not stored anywhere to show again.
 */

export type SharePreviewView = {
  articleId: number;
  /** The newest revision now: what "this version" pins. */
  revision: number;
  timeZone: string;
  canShare: boolean;
  links: { id: number; pinnedRevision: number | null; createdAt: string; expiresAt: string; createdBy: { name: string } | null }[];
};

export const EXPIRY_CHOICES: readonly { hours: number; label: string }[] = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '24 hours' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
  { hours: 720, label: '30 days' },
];

export function SharePreview(p: { v: SharePreviewView; ctx: AdminContext }): Html {
  const { v } = p;
  const t = p.ctx.t.share;
  const base = `/admin/articles/${String(v.articleId)}`;
  return html`<section class="card" id="share-preview" aria-labelledby="share-preview-title"><h2 id="share-preview-title">${t.title}</h2><p><a href="${base}/preview" id="preview-link">${t.title}</a>${t.intro(v.revision)}</p>${
    v.canShare
      ? html`<h3>${t.share}</h3><p class="note" id="share-note">${t.shareNote}</p><form method="post" action="${base}/preview-links" id="share-form" aria-describedby="share-note">${CsrfField({ token: p.ctx.csrfToken })}<div class="grid"><div><label for="share-expiry">${t.validFor}</label><select id="share-expiry" name="expiresInHours">${EXPIRY_CHOICES.map(
          (c) => html`<option value="${String(c.hours)}"${c.hours === 24 ? raw(' selected=""') : null}>${t.expiry[c.hours] ?? c.label}</option>`,
        )}</select></div><fieldset class="plain"><legend>${t.shows}</legend><label><input type="radio" name="pin" value="latest" checked=""/> ${t.latest}</label><label><input type="radio" name="pin" value="${String(v.revision)}"/> ${t.thisOnly(v.revision)}</label></fieldset></div><div class="actions"><button type="submit">${t.create}</button></div></form>${
          v.links.length
            ? html`<h3>${t.active}</h3><ul id="share-links">${v.links.map(
                (l) =>
                  html`<li>${t.link(l.pinnedRevision, p.ctx.dates.dateTime(l.createdAt), l.createdBy?.name ?? null, p.ctx.dates.dateTime(l.expiresAt))} <form method="post" class="inline" action="${base}/preview-links/${String(l.id)}/revoke">${CsrfField(
                    {
                      token: p.ctx.csrfToken,
                    },
                  )}<button type="submit" class="secondary">${t.revoke}<span class="visually-hidden">${t.revokeWhich(l.id)}</span></button></form></li>`,
              )}</ul>`
            : html`<p class="note">${t.none}</p>`
        }`
      : null
  }</section>`;
}

/** The one time a share link's address is shown. */
export function renderPreviewLinkCreatedPage(
  ctx: AdminContext,
  p: { articleId: number; headline: string; url: string; expiresAt: string; pinnedRevision: number | null; timeZone: string },
) {
  const edit = `/admin/articles/${String(p.articleId)}/edit`;
  const t = ctx.t.share;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.created,
      current: 'articles',
      children: html`<p class="breadcrumbs"><a href="/admin/articles">${t.articles}</a> › <a href="${edit}">${p.headline}</a> › ${t.crumb}</p><h1>${t.created}</h1>${Message(
        {
          kind: 'ok',
          text: t.anyone(p.pinnedRevision),
          hint: t.copy,
        },
      )}<div class="card"><label for="share-url">${t.linkLabel}</label><input id="share-url" type="text" readonly="" value="${p.url}" aria-describedby="share-expires"/><p class="note" id="share-expires">${t.worksUntil(ctx.dates.dateTime(p.expiresAt), p.timeZone)}</p><p><a href="${edit}#share-preview">${t.back}</a></p></div>`,
    }),
  );
}
