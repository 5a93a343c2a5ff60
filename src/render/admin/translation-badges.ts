import { html } from '../html.js';
import type { AdminMessages } from './admin-messages.js';

/** One other language version of a story, as the desk's lists show it. */
export type Badge = { id: number; locale: string; state: string; needsUpdate: boolean };

/** "ru: needs update", "kk: draft": one per other language version. */
export function TranslationBadges(p: { items: Badge[]; t: AdminMessages }) {
  if (p.items.length === 0) return html`<span class="note">${p.t.badges.none}</span>`;
  return html`<ul class="badges">${p.items.map((b) => html`<li class="${b.needsUpdate ? 'badge stale' : 'badge'}"><a href="/admin/articles/${String(b.id)}/translation">${b.locale}: ${b.needsUpdate ? p.t.badges.needsUpdate : (p.t.states[b.state] ?? b.state)}</a></li>`)}</ul>`;
}
