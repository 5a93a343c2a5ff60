import type { ApiCall } from './api-call.js';
import { el } from './dialog.js';

/**
 * The word diff of two revisions (GET …/diff) shown in `out`: added words underlined (<ins>), removed ones struck
 * (<del>), per field. Used by the history and by "Compare with live".
 */
export async function showWordDiff(o: { call: ApiCall; api: string; locale: string; out: HTMLElement; from: number; to: number; title?: string }) {
  let res: { status: number; json: Record<string, unknown> };
  try {
    res = await o.call('GET', `${o.api}/diff?from=${o.from}&to=${o.to}`);
  } catch {
    o.out.replaceChildren(el('p', { class: 'note' }, 'The changes cannot be shown while offline.'));
    return;
  }
  const { status, json } = res;
  if (status !== 200) {
    o.out.replaceChildren(el('p', { class: 'note' }, String(json['detail'] ?? 'The changes cannot be shown.')));
    return;
  }
  const fields = json['fields'] as Record<string, { type: string; text: string }[]>;
  const part = (p: { type: string; text: string }) =>
    p.type === 'added' ? el('ins', {}, p.text) : p.type === 'removed' ? el('del', {}, p.text) : document.createTextNode(p.text);
  o.out.replaceChildren(
    el('h3', {}, o.title ?? `Changes from revision ${json['from'] as number} to ${json['to'] as number}`),
    el(
      'div',
      { class: 'diff', lang: o.locale },
      ...(['headline', 'deck', 'body'] as const).flatMap((k) => [
        el('h4', { lang: 'en' }, k === 'body' ? 'Text' : k[0]!.toUpperCase() + k.slice(1)),
        el('p', {}, ...(fields[k]?.length ? fields[k]!.map(part) : ['(empty)'])),
      ]),
    ),
  );
}
