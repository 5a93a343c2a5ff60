import { describe, expect, it } from 'vitest';
import { TEST_SITE } from '#test/site.js';
import { searchBody, type SearchView } from './search-page.js';

const view = (v: Partial<SearchView>): SearchView => ({
  site: TEST_SITE,
  locale: 'en',
  query: 'the',
  sections: [],
  section: null,
  total: 0,
  page: 1,
  perPage: 20,
  more: false,
  results: [],
  suggestions: [],
  ...v,
});

describe('the search page’s count', () => {
  // Regression (review): a filtered search that stopped at its bound of matches looked at said "More than 0 stories found".
  it('says the newest matches were searched, not "more than 0", when the filters let none or few of them through', () => {
    const text = searchBody(view({ total: 0, capped: false, partial: true, filters: { tag: null, author: null, from: '2099-01-01', to: '' } })).toString();
    expect(text).toContain('0 stories found among the newest matches of these words');
    expect(text).not.toContain('More than 0');
    expect(searchBody(view({ total: 200, capped: true })).toString()).toContain('More than 200 stories found');
    expect(searchBody(view({ total: 3 })).toString()).toContain('3 stories found');
  });
});
