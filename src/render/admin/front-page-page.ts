import { languageName } from '../../content/locales.js';
import { utcToZonedLocal, zonedLocalToUtc } from '../../content/zoned-time.js';
import { html, optionalAttr, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

/**
 * The front-page screen (/admin/front-pages/{lang}): the lead story, the top stories with their expiry and the order
 * of the section blocks of one language's home page. One form, working without JavaScript: every button sends the
 * whole form and says what to do with it (move, remove, add, save), so nothing typed elsewhere on it is lost.
 */

export type PinStory = { id: number; headline: string; status: string; publishedAt: string | null; visible: boolean };

/** The form's state: as stored, or as sent back with an error. `until` is a `datetime-local` value in TIMEZONE. */
export type FrontForm = { lead: number | null; top: { id: number; until: string }[]; sections: string[] };

export type FrontPageView = {
  locale: string;
  locales: readonly string[];
  timeZone: string;
  now: string;
  form: FrontForm;
  /** The stored pins' version the form was made from: sent back, so a save cannot overwrite one it has not seen. */
  version: string;
  shown: { lead: number | null; top: number[] };
  updatedAt: string | null;
  choices: PinStory[];
  stories: ReadonlyMap<number, PinStory>;
  sections: { slug: string; name: string }[];
  notice?: FrontNotice;
  error?: FormError;
};

export type FrontNotice = 'saved';
export const isFrontNotice = (s: string | undefined): s is FrontNotice => s === 'saved';

export const FRONT_PAGE_CSS = `
.langs ul{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}.langs a[aria-current]{font-weight:700}
ol.pins{margin:0;padding-left:1.6rem}ol.pins>li{padding:.6rem 0;border-bottom:1px solid var(--line)}
.pin-head{display:flex;flex-wrap:wrap;gap:.35rem .75rem;align-items:baseline}.pin-head .headline{font-weight:600}
.pin-row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin-top:.3rem}.pin-row label{margin:0 0 .2rem}
.pin-row .buttons{display:flex;flex-wrap:wrap;gap:.4rem}
button.small{padding:.2rem .6rem;font-size:.9rem}
.badge.off{border-color:var(--bad);color:var(--bad)}.badge.on{border-color:var(--ok);color:var(--ok)}
select{max-width:100%}
ol.pins>li.draggable{cursor:grab}ol.pins>li.dragging{opacity:.5;outline:2px dashed var(--line)}
`;

const statusBadge = (ctx: AdminContext, s: PinStory | undefined, now: string, until?: string | null) => {
  const t = ctx.t.frontPage;
  const dates = ctx.dates;
  if (!s) return html`<span class="badge off">${t.notFound}</span>`;
  if (until && until <= now) return html`<span class="badge off">${t.ranOut(dates.dateTime(until))}</span>`;
  if (s.visible) return html`<span class="badge on">${t.onSite}</span>`;
  if (s.status === 'published' && s.publishedAt) return html`<span class="badge off">${t.shownFrom(dates.dateTime(s.publishedAt))}</span>`;
  return html`<span class="badge off">${t.notShown(ctx.t.states[s.status] ?? s.status.replace('_', ' '))}</span>`;
};

const optionLabel = (ctx: AdminContext, s: PinStory, now: string) => {
  const t = ctx.t.frontPage;
  const when = s.publishedAt ? ctx.dates.dateTime(s.publishedAt) : t.notPublished;
  const later =
    s.status === 'published' && s.publishedAt && s.publishedAt > now
      ? ` · ${t.scheduled}`
      : s.visible
        ? ''
        : ` · ${ctx.t.states[s.status] ?? s.status.replace('_', ' ')}`;
  return `${s.headline} · ${when}${later} · #${s.id}`;
};

/** Move up / Move down / Remove, named after the row for screen readers ("Move up: Grain corridor reopens"). */
const rowButton = (op: string, text: string, name: string, disabled = false) =>
  html`<button type="submit" class="secondary small" name="op" value="${op}"${disabled ? html` disabled=""` : null}>${text}<span class="visually-hidden">: ${name}</span></button>`;

export function renderFrontPageScreen(ctx: AdminContext, p: FrontPageView) {
  const base = `/admin/front-pages/${p.locale}`;
  const t = ctx.t.frontPage;
  const story = (id: number) => p.stories.get(id);
  const headline = (id: number) => story(id)?.headline ?? t.articleN(id);
  const pinned = new Set([...(p.form.lead === null ? [] : [p.form.lead]), ...p.form.top.map((t) => t.id)]);
  const leadChoices = [
    ...p.choices,
    ...(p.form.lead !== null && !p.choices.some((c) => c.id === p.form.lead) && story(p.form.lead) ? [story(p.form.lead)!] : []),
  ];
  const addChoices = p.choices.filter((c) => !pinned.has(c.id));
  const sectionName = (slug: string) => p.sections.find((s) => s.slug === slug)?.name ?? slug;
  const shownLead = p.shown.lead;

  const now: Html = html`<section class="card" aria-labelledby="now-h"><h2 id="now-h">${t.now}</h2><p>${t.lead} ${
    shownLead === null ? html`<span class="note">${t.noStory}</span>` : html`<a href="/admin/articles/${String(shownLead)}/edit">${headline(shownLead)}</a>`
  } ${p.form.lead !== null && p.form.lead === shownLead ? html`<span class="badge on">${t.pinned}</span>` : html`<span class="badge">${t.automatic}</span>`}</p>${
    p.shown.top.length
      ? html`<p>${t.topStories}</p><ol class="items">${p.shown.top.map((id) => html`<li><a href="/admin/articles/${String(id)}/edit">${headline(id)}</a></li>`)}</ol>`
      : html`<p>${t.noTop}</p>`
  }<p class="note">${p.updatedAt ? t.lastSaved(ctx.dates.dateTime(p.updatedAt)) : null}<a href="/${p.locale}/">${t.openHome(languageName(p.locale))}</a></p></section>`;

  const lead: Html = html`<section class="card" id="lead" aria-labelledby="lead-h"><h2 id="lead-h">${t.leadStory}</h2><label for="lead-select">${t.leadStory}</label><select id="lead-select" name="lead" aria-describedby="lead-note"><option value=""${
    p.form.lead === null ? html` selected=""` : null
  }>${t.automaticLead}</option>${leadChoices.map(
    (c) => html`<option value="${String(c.id)}"${c.id === p.form.lead ? html` selected=""` : null}>${optionLabel(ctx, c, p.now)}</option>`,
  )}</select><p class="note" id="lead-note">${t.leadNote}</p>${
    p.form.lead !== null ? html`<p>${statusBadge(ctx, story(p.form.lead), p.now)}</p>` : null
  }<div class="actions"><button type="submit" name="op" value="save-lead">${t.saveLead}</button></div></section>`;

  const last = p.form.top.length - 1;
  const top: Html = html`<section class="card" id="top" aria-labelledby="top-h"><h2 id="top-h">${t.top}</h2><p class="note" id="until-note">${t.topNote(p.timeZone)}</p>${
    p.form.top.length
      ? html`<ol class="pins" data-drag-note="${t.dragNote}">${p.form.top.map(
          (x, i) =>
            html`<li><input type="hidden" name="top" value="${String(x.id)}"/><div class="pin-head"><span class="headline">${headline(x.id)}</span>${statusBadge(
              ctx,
              story(x.id),
              p.now,
              x.until ? untilIso(x.until, p) : null,
            )}</div><div class="pin-row"><div><label for="${`until-${i}`}">${t.until} <span class="note">${t.optional}</span></label><input id="${`until-${i}`}" type="datetime-local" name="until" value="${x.until}" aria-describedby="until-note"/></div><div class="buttons">${rowButton(
              `up:${i}`,
              t.moveUp,
              headline(x.id),
              i === 0,
            )}${rowButton(`down:${i}`, t.moveDown, headline(x.id), i === last)}${rowButton(`remove:${i}`, t.remove, headline(x.id))}</div></div></li>`,
        )}</ol><div class="actions"><button type="submit" name="op" value="save-top">${t.saveTimes}</button></div>`
      : html`<p>${t.noPinned}</p>`
  }<h3>${t.addTop}</h3><div class="grid"><div><label for="add-story">${t.story}</label><select id="add-story" name="add"><option value="">${t.choose}</option>${addChoices.map(
    (c) => html`<option value="${String(c.id)}">${optionLabel(ctx, c, p.now)}</option>`,
  )}</select></div><div><label for="add-id">${t.orId}</label><input id="add-id" name="addId" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="12" autocomplete="off"/></div><div><label for="add-until">${t.until} <span class="note">${t.optional}</span></label><input id="add-until" name="addUntil" type="datetime-local"/></div></div><div class="actions"><button type="submit" name="op" value="add">${t.add}</button></div></section>`;

  const lastSection = p.form.sections.length - 1;
  const sections: Html = html`<section class="card" id="sections" aria-labelledby="sections-h"><h2 id="sections-h">${t.blocks}</h2><p class="note">${t.blocksNote}</p><ol class="pins">${p.form.sections.map(
    (slug, i) =>
      html`<li><input type="hidden" name="section" value="${slug}"/><div class="pin-row"><span class="headline">${sectionName(slug)}</span><div class="buttons">${rowButton(
        `section-up:${i}`,
        t.moveUp,
        sectionName(slug),
        i === 0,
      )}${rowButton(`section-down:${i}`, t.moveDown, sectionName(slug), i === lastSection)}</div></div></li>`,
  )}</ol><div class="actions"><button type="submit" class="secondary" name="op" value="sections-reset">${t.reset}</button></div></section>`;

  return renderPage(
    AdminLayout({
      ctx,
      title: t.title(languageName(p.locale)),
      current: 'front-page',
      styles: ['/admin/front-pages/front-page.css'],
      scripts: ['/admin/front-pages/front-page.js'],
      children: html`<h1>${t.heading(languageName(p.locale))}</h1><nav class="langs" aria-label="${t.languages}"><ul>${p.locales.map(
        (l) => html`<li><a href="/admin/front-pages/${l}"${optionalAttr('aria-current', l === p.locale ? 'page' : undefined)}>${languageName(l)}</a></li>`,
      )}</ul></nav>${p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'front-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }${now}<form method="post" action="${base}">${CsrfField({ token: ctx.csrfToken })}<input type="hidden" name="baseVersion" value="${p.version}"/>${lead}${top}${sections}</form>`,
    }),
  );
}

/** A typed `until` back as an instant, for the "ran out" badge; '' or a bad value counts as none. */
const untilIso = (local: string, p: Pick<FrontPageView, 'timeZone'>): string | null => (local ? zonedLocalToUtc(local, p.timeZone) : null);

/** The stored pins as the form shows them. */
export const formOf = (pins: { lead: number | null; top: { articleId: number; until: string | null }[] }, sections: string[], timeZone: string): FrontForm => ({
  lead: pins.lead,
  top: pins.top.map((t) => ({ id: t.articleId, until: t.until ? utcToZonedLocal(t.until, timeZone) : '' })),
  sections,
});
