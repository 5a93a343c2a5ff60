/*
 * Two versions of an article side by side (unsaved work against the stored one, mine against theirs), shown without
 * running any of their markup.
 */
import type { JSONContent } from '@tiptap/core';
import type { Payload } from './autosave.js';
import { el } from './dialog.js';
import { FIELD_LABEL } from './payload.js';
import { say, text } from './i18n.js';

/** One version as a titled column; the fields in `differs` are marked, those not shown are named below. */
export function versionSide(title: string, p: Payload, differs: string[], key = '') {
  const t = text().panels;
  const row = (k: string, label: string, value: Node | string) =>
    el('div', { class: differs.includes(k) ? 'differs' : '', 'data-field': k }, el('strong', {}, `${label}: `), value);
  const others = differs.filter((k) => !['headline', 'deck', 'body'].includes(k));
  return el(
    'section',
    { class: 'side', 'data-side': key, 'aria-label': title },
    el('h3', {}, title),
    row('headline', t.headline, String(p.headline ?? '')),
    row('deck', t.deck, String(p['deck'] ?? '')),
    row('body', t.text, el('div', { class: 'side-body' }, ...blocks(p['body'] as JSONContent | undefined))),
    ...(others.length ? [el('p', { class: 'note' }, say(t.alsoDifferent, { fields: others.map((k) => t.fields[k] ?? FIELD_LABEL[k]).join(', ') }))] : []),
  );
}

/** Text of a body as plain elements (textContent only), never as HTML. */
function blocks(node: JSONContent | undefined): Node[] {
  const out: Node[] = [];
  const inline = (n: JSONContent): string => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : (n.content ?? []).map(inline).join(''));
  const walk = (n: JSONContent) => {
    switch (n.type) {
      case 'paragraph':
        out.push(el('p', {}, inline(n)));
        return;
      case 'heading':
        out.push(el('p', {}, el('strong', {}, inline(n))));
        return;
      case 'pullQuote':
      case 'blockquote':
        out.push(el('blockquote', {}, n.type === 'pullQuote' ? inline(n) : (n.content ?? []).map(inline).join('\n')));
        return;
      case 'horizontalRule':
        out.push(el('hr'));
        return;
      case 'image':
        out.push(el('p', { class: 'note' }, `[image: ${String(n.attrs?.['alt'] ?? '')}]`));
        return;
      case 'embed':
        out.push(el('p', { class: 'note' }, `[embed: ${String(n.attrs?.['url'] ?? '')}]`));
        return;
      case 'bulletList':
      case 'orderedList':
        out.push(el(n.type === 'bulletList' ? 'ul' : 'ol', {}, ...(n.content ?? []).map((li) => el('li', {}, inline(li)))));
        return;
      default:
        for (const c of n.content ?? []) walk(c);
    }
  };
  if (node) walk(node);
  return out;
}
