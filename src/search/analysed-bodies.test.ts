import { describe, expect, it } from 'vitest';
import type { Doc } from '../content/document.js';
import { indexTerms } from '../content/search-terms.js';
import { analyseBody, bodyDocText, bodyTerms, rememberAnalysis } from './analysed-bodies.js';

const body = (...texts: string[]) =>
  ({ type: 'doc', content: texts.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) }) as unknown as Doc;

describe('analysed bodies', () => {
  it('works out the terms every stemming language indexes a body with, whatever the script of its words', () => {
    const doc = body('Степные ветры несли зерно', 'while the markets were closing');
    for (const locale of ['ru', 'en', 'de']) expect(analyseBody(doc).terms).toBe(indexTerms(bodyDocText(doc), locale));
  });

  it('gives the terms worked out ahead for the same document, and works them out again when its text changed since', () => {
    const doc = body('Harbour cranes');
    rememberAnalysis(doc, { text: bodyDocText(doc), terms: 'ahead' });
    expect(bodyTerms(doc, 'ru')).toBe('ahead');
    // Changed in place after its analysis: the old terms would index words it no longer has.
    (doc.content[0] as unknown as { content: { text: string }[] }).content[0]!.text = 'Harbour lanterns';
    expect(bodyTerms(doc, 'ru')).toBe(indexTerms('Harbour lanterns', 'ru'));
    // A copy has no analysis of its own.
    expect(bodyTerms(structuredClone(body('Harbour cranes')), 'en')).toBe(indexTerms('Harbour cranes', 'en'));
  });

  it('works out a prefix language’s terms itself (they are not stemmed)', () => {
    const doc = body('Қазақстан өңірлері жаңалықтары');
    rememberAnalysis(doc, analyseBody(doc));
    expect(bodyTerms(doc, 'kk')).toBe(indexTerms(bodyDocText(doc), 'kk'));
    expect(bodyTerms(doc, 'kk')).not.toBe(analyseBody(doc).terms);
  });
});
