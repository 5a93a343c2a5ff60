import { describe, expect, it } from 'vitest';
import type { Doc } from '../content/document.js';
import { indexTerms } from '../content/search-terms.js';
import { sealDocument } from '../content/sealed-documents.js';
import { analyseBody, bodyDocText, bodyTerms, rememberAnalysis } from './analysed-bodies.js';

const body = (...texts: string[]) =>
  ({ type: 'doc', content: texts.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) }) as unknown as Doc;

describe('analysed bodies', () => {
  it('works out the terms every stemming language indexes a body with, whatever the script of its words', () => {
    const doc = body('Степные ветры несли зерно', 'while the markets were closing');
    for (const locale of ['ru', 'en', 'de']) expect(analyseBody(doc)).toBe(indexTerms(bodyDocText(doc), locale));
  });

  it('gives the terms worked out ahead for a sealed document, and works them out itself for any other', () => {
    const sealed = sealDocument(JSON.stringify(body('Harbour cranes')), true);
    rememberAnalysis(sealed, 'ahead');
    expect(bodyTerms(sealed, 'ru')).toBe('ahead');
    // Sealed, it cannot change in place: the terms could index words it no longer has.
    expect(() => {
      (sealed.content[0] as unknown as { content: { text: string }[] }).content[0]!.text = 'Harbour lanterns';
    }).toThrow(TypeError);
    expect(bodyTerms(sealed, 'ru')).toBe('ahead');
    // A changed copy is not sealed; nor is a document that was never sealed, whatever was remembered for it.
    const copy = { ...sealed, content: [...sealed.content, ...body('and lanterns').content] };
    rememberAnalysis(copy, 'ahead');
    expect(bodyTerms(copy, 'en')).toBe(indexTerms('Harbour cranes\nand lanterns', 'en'));
    const plain = body('Harbour cranes');
    rememberAnalysis(plain, 'ahead');
    (plain.content[0] as unknown as { content: { text: string }[] }).content[0]!.text = 'Harbour lanterns';
    expect(bodyTerms(plain, 'ru')).toBe(indexTerms('Harbour lanterns', 'ru'));
  });

  it('works out a prefix language’s terms itself (they are not stemmed)', () => {
    const doc = body('Қазақстан өңірлері жаңалықтары');
    const sealed = sealDocument(JSON.stringify(doc), true);
    rememberAnalysis(sealed, analyseBody(sealed));
    expect(bodyTerms(sealed, 'kk')).toBe(indexTerms(bodyDocText(doc), 'kk'));
    expect(bodyTerms(sealed, 'kk')).not.toBe(analyseBody(doc));
  });
});
