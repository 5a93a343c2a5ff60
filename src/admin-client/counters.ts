import type { Editor } from '@tiptap/core';
import { byId } from './by-id.js';
import { el } from './dialog.js';
import { count, dates, say, text } from './i18n.js';
import { countWords, readingMinutes } from './word-count.js';

// What search engines show of a title and a description before they cut it: a guide, not a rule.
const LIMITS: { id: 'headline' | 'seoTitle' | 'seoDescription'; limit: number }[] = [
  { id: 'headline', limit: 110 },
  { id: 'seoTitle', limit: 60 },
  { id: 'seoDescription', limit: 160 },
];

/**
 * A character counter under the headline and the SEO fields (says when the text is longer than what is shown), and
 * the word count and reading time under the body, both live.
 */
export function counters(editor: Editor) {
  const t = text().counters;
  for (const c of LIMITS) {
    const input = byId<HTMLInputElement | HTMLTextAreaElement>(c.id);
    if (!input) continue;
    const out = el('p', { id: `${c.id}-counter`, class: 'counter' });
    (input.parentElement ?? input).append(out);
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${out.id}`.trim());
    const show = () => {
      const n = [...input.value].length;
      const over = n > c.limit;
      out.classList.toggle('over', over);
      out.textContent = over ? say(t.over, { n, over: n - c.limit, limit: c.limit, what: t[c.id] }) : say(t.within, { n, limit: c.limit });
    };
    input.addEventListener('input', show);
    show();
  }
  const words = byId('word-count');
  if (!words) return;
  words.hidden = false;
  const show = () => {
    const n = countWords(editor.getText({ blockSeparator: '\n' }));
    const m = readingMinutes(n);
    words.textContent = `${count(t.words, n, { n: dates().number(n) })} · ${m === 0 ? t.nothingToRead : say(t.minutes, { m })}`;
  };
  editor.on('update', show);
  show();
}
