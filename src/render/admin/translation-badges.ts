import { html } from '../html.js';
import { stateLabel } from '../../content/workflow.js';

/** One other language version of a story, as the desk's lists show it. */
export type Badge = { id: number; locale: string; state: string; needsUpdate: boolean };

/** "ru: needs update", "kk: draft": one per other language version. */
export function TranslationBadges(p: { items: Badge[] }) {
  if (p.items.length === 0) return html`<span class="note">none</span>`;
  return html`<ul class="badges">${p.items.map((t) => html`<li class="${t.needsUpdate ? 'badge stale' : 'badge'}"><a href="/admin/articles/${String(t.id)}/translation">${t.locale}: ${t.needsUpdate ? 'needs update' : stateLabel(t.state)}</a></li>`)}</ul>`;
}
