import type { Editor } from '@tiptap/core';
import { byId } from './by-id.js';
import { el } from './dialog.js';
import { countWords, readingMinutes } from './word-count.js';

// What search engines show of a title and a description before they cut it: a guide, not a rule.
const LIMITS: { id: string; limit: number; what: string }[] = [
  { id: 'headline', limit: 110, what: 'Google News and most feeds show about 110 characters of a headline' },
  { id: 'seoTitle', limit: 60, what: 'search engines show about 60 characters of a title' },
  { id: 'seoDescription', limit: 160, what: 'search engines show about 160 characters of a description' },
];

/**
 * A character counter under the headline and the SEO fields (says when the text is longer than what is shown), and
 * the word count and reading time under the body, both live.
 */
export function counters(editor: Editor) {
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
      out.textContent = over ? `${n} characters: ${n - c.limit} over ${c.limit} (${c.what}).` : `${n} of about ${c.limit} characters.`;
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
    words.textContent = `${n} ${n === 1 ? 'word' : 'words'} · ${m === 0 ? 'nothing to read yet' : `about ${m} min to read`}`;
  };
  editor.on('update', show);
  show();
}
