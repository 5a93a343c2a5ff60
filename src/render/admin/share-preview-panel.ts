import { html, raw, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, ShortWhen, When, type AdminContext } from './admin-layout.js';

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
  const base = `/admin/articles/${String(v.articleId)}`;
  return html`<section class="card" id="share-preview" aria-labelledby="share-preview-title"><h2 id="share-preview-title">Preview</h2><p><a href="${base}/preview" id="preview-link">Preview</a>: the story as readers will see it, with what has been saved so far (revision ${String(v.revision)}). Not public, not indexed.</p>${
    v.canShare
      ? html`<h3>Share a preview</h3><p class="note" id="share-note">A link that anyone who has it can open without an account: for a source, a partner or a lawyer. It can be revoked at any time.</p><form method="post" action="${base}/preview-links" id="share-form" aria-describedby="share-note">${CsrfField({ token: p.ctx.csrfToken })}<div class="grid"><div><label for="share-expiry">Valid for</label><select id="share-expiry" name="expiresInHours">${EXPIRY_CHOICES.map(
          (c) => html`<option value="${String(c.hours)}"${c.hours === 24 ? raw(' selected=""') : null}>${c.label}</option>`,
        )}</select></div><fieldset class="plain"><legend>It shows</legend><label><input type="radio" name="pin" value="latest" checked=""/> the latest version when it is opened</label><label><input type="radio" name="pin" value="${String(v.revision)}"/> this version only (revision ${String(v.revision)})</label></fieldset></div><div class="actions"><button type="submit">Create a share link</button></div></form>${
          v.links.length
            ? html`<h3>Active share links</h3><ul id="share-links">${v.links.map(
                (l) =>
                  html`<li>Shows ${l.pinnedRevision === null ? 'the latest version' : `revision ${String(l.pinnedRevision)}`}; made ${ShortWhen({ iso: l.createdAt, timeZone: v.timeZone })}${
                    l.createdBy ? html` by ${l.createdBy.name}` : null
                  }; works until ${ShortWhen({ iso: l.expiresAt, timeZone: v.timeZone })}. <form method="post" class="inline" action="${base}/preview-links/${String(l.id)}/revoke">${CsrfField(
                    {
                      token: p.ctx.csrfToken,
                    },
                  )}<button type="submit" class="secondary">Revoke<span class="visually-hidden"> share link ${String(l.id)}</span></button></form></li>`,
              )}</ul>`
            : html`<p class="note">No share link is active.</p>`
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
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Share link created',
      current: 'articles',
      children: html`<p class="breadcrumbs"><a href="/admin/articles">Articles</a> › <a href="${edit}">${p.headline}</a> › share link</p><h1>Share link created</h1>${Message(
        {
          kind: 'ok',
          text: `Anyone with this link can see ${p.pinnedRevision === null ? 'the latest version of the story' : `revision ${p.pinnedRevision} of the story`} until the time below, without an account.`,
          hint: 'Copy it now: it is shown only this once (the newsroom keeps only a fingerprint of it). Revoke it from the editor when it is no longer needed.',
        },
      )}<div class="card"><label for="share-url">Preview link</label><input id="share-url" type="text" readonly="" value="${p.url}" aria-describedby="share-expires"/><p class="note" id="share-expires">Works until ${When({ iso: p.expiresAt, timeZone: p.timeZone })} (${p.timeZone} time).</p><p><a href="${edit}#share-preview">Back to the editor</a></p></div>`,
    }),
  );
}
