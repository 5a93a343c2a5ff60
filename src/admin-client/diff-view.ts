import type { ApiCall } from './api-call.js';
import { el } from './dialog.js';
import { say, text } from './i18n.js';

/**
 * The word diff of two revisions (GET …/diff) shown in `out`: added words underlined (<ins>), removed ones struck
 * (<del>), per field. Used by the history and by "Compare with live".
 */
export async function showWordDiff(o: { call: ApiCall; api: string; locale: string; out: HTMLElement; from: number; to: number; title?: string }) {
  const t = text().panels;
  let res: { status: number; json: Record<string, unknown> };
  try {
    res = await o.call('GET', `${o.api}/diff?from=${o.from}&to=${o.to}`);
  } catch {
    o.out.replaceChildren(el('p', { class: 'note' }, t.diffOffline));
    return;
  }
  const { status, json } = res;
  if (status !== 200) {
    o.out.replaceChildren(el('p', { class: 'note' }, String(json['detail'] ?? t.diffFailed)));
    return;
  }
  const fields = json['fields'] as Record<string, { type: string; text: string }[]>;
  const part = (p: { type: string; text: string }) =>
    p.type === 'added' ? el('ins', {}, p.text) : p.type === 'removed' ? el('del', {}, p.text) : document.createTextNode(p.text);
  o.out.replaceChildren(
    el('h3', {}, o.title ?? say(t.diffTitle, { from: json['from'] as number, to: json['to'] as number })),
    el(
      'div',
      { class: 'diff', lang: o.locale },
      ...(['headline', 'deck', 'body'] as const).flatMap((k) => [
        el('h4', { lang: document.documentElement.lang || 'en' }, k === 'body' ? t.text : k === 'deck' ? t.deck : t.headline),
        el('p', {}, ...(fields[k]?.length ? fields[k]!.map(part) : [t.empty])),
      ]),
    ),
  );
}
