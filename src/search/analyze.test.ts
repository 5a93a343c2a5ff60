import { describe, expect, it } from 'vitest';
import { indexTerms, parseQuery, toFts5, toTsquery, wantedOnly, MAX_QUERY_PARTS } from './analyze.js';
import { snippet } from './snippet.js';
import { HOSTILE_QUERIES } from '#test/hostile-queries.js';

describe('indexTerms', () => {
  it('stems Russian and English so inflected forms meet, and folds ё to е', () => {
    expect(indexTerms('переговоры', 'ru')).toBe(indexTerms('переговорах', 'ru'));
    expect(indexTerms('санкций', 'ru')).toBe(indexTerms('санкции', 'ru'));
    expect(indexTerms('talks', 'en')).toBe(indexTerms('talk', 'en'));
    expect(indexTerms('Ёлка', 'ru')).toBe(indexTerms('елка', 'ru'));
  });

  it('keeps Kazakh words whole, lower-cased', () => {
    expect(indexTerms('Қазақстан Тобырған', 'kk')).toBe('қазақстан тобырған');
  });

  it('stems a Latin word inside Russian text with the English stemmer', () => {
    expect(indexTerms('Talks в Астане', 'ru').split(' ')[0]).toBe('talk');
  });

  it('drops punctuation and cuts monstrous words', () => {
    expect(indexTerms('"hello", (world)!', 'en')).toBe('hello world');
    expect(indexTerms('x'.repeat(1000), 'en').length).toBeLessThanOrEqual(40);
  });
});

describe('parseQuery', () => {
  it('reads words, quoted phrases and excluded words', () => {
    const q = parseQuery('talks "trade deal" -russia', 'en');
    expect(q.parts).toEqual([
      { terms: ['talk'], exclude: false, prefix: false },
      { terms: ['trade', 'deal'], exclude: false, prefix: false },
      { terms: ['russia'], exclude: true, prefix: false },
    ]);
    expect(toFts5(q)).toBe('("talk" AND "trade deal") NOT "russia"');
    expect(toTsquery(q)).toBe("'talk' & ('trade' <-> 'deal') & !'russia'");
  });

  it('asks for weights (the headline: A) on every term of the wanted parts only', () => {
    const q = wantedOnly(parseQuery('talks "trade deal" тобыр -russia', 'kk'));
    expect(toTsquery(q, { weights: 'A' })).toBe("'talk':*A & ('trade':A <-> 'deal':*A) & 'тобыр':*A");
  });

  it('matches Kazakh by prefix', () => {
    expect(toFts5(parseQuery('тобырған', 'kk'))).toBe('"тобырған" *');
    expect(toTsquery(parseQuery('тобырған', 'kk'))).toBe("'тобырған':*");
  });

  it('treats a query of exclusions only as empty', () => {
    expect(parseQuery('-russia -"x y"', 'en').parts).toEqual([]);
  });

  it('asks for the word being typed by prefix for suggestions', () => {
    expect(toFts5(parseQuery('trade negot', 'en', { prefixLast: true }))).toBe('"trade" AND "negot" *');
  });

  it.each(HOSTILE_QUERIES.map((q) => [q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : JSON.stringify(q), q]))(
    'turns hostile input %s into terms of letters and digits only, in bounded number',
    (_, input) => {
      for (const locale of ['ru', 'en', 'kk', undefined]) {
        const q = parseQuery(input, locale);
        expect(q.parts.length).toBeLessThanOrEqual(MAX_QUERY_PARTS);
        for (const p of q.parts) for (const t of p.terms) expect(t).toMatch(/^[\p{L}\p{N}]{1,40}$/u);
        // Operators come only from the builder: quotes and tsquery quotes only around whole terms.
        expect(toFts5(q).replace(/"[\p{L}\p{N} ]+"/gu, '')).toMatch(/^[ ()*ANDOT]*$/u);
        expect(toTsquery(q).replace(/'[\p{L}\p{N}]+'/gu, '')).toMatch(/^[ ()&!<\->:*]*$/u);
      }
    },
  );
});

describe('snippet', () => {
  it('marks inflected forms of the query and escapes the text', () => {
    const html = snippet('Итоги <b>переговоров</b> в Астане: санкции & пошлины', parseQuery('переговоры санкций', 'ru'), 'ru');
    expect(html).toBe('Итоги &lt;b&gt;<mark>переговоров</mark>&lt;/b&gt; в Астане: <mark>санкции</mark> &amp; пошлины');
  });

  it('centres on the first match of a long text', () => {
    const text = `${'lorem '.repeat(200)}the talks ended ${'ipsum '.repeat(200)}`;
    const html = snippet(text, parseQuery('talk', 'en'), 'en');
    expect(html).toMatch(/^… (lorem ){9}the <mark>talks<\/mark> ended (ipsum ){17}ipsum …$/);
  });

  it('keeps the punctuation at the edges of a whole text (regression: the closing full stop was cut)', () => {
    expect(snippet('«Talks», he said.', parseQuery('talk', 'en'), 'en')).toBe('«<mark>Talks</mark>», he said.');
  });

  it('still finds words whose stem is not their first letters, deep in a long text (dying → die, cities → citi)', () => {
    const text = `${'lorem '.repeat(400)}the dying light of the cities ${'ipsum '.repeat(40)}`;
    expect(snippet(text, parseQuery('die', 'en'), 'en')).toContain('the <mark>dying</mark> light');
    expect(snippet(text, parseQuery('city', 'en'), 'en')).toContain('of the <mark>cities</mark>');
    expect(snippet(text, parseQuery('glacier', 'en'), 'en')).toMatch(/^(lorem ){29}lorem …$/);
  });

  it('gives the start of the text when nothing matches, and nothing for no text', () => {
    expect(snippet('one two', parseQuery('three', 'en'), 'en')).toBe('one two');
    expect(snippet('', parseQuery('three', 'en'), 'en')).toBe('');
  });
});
