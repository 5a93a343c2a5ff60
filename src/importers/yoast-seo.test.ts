import { describe, expect, it } from 'vitest';
import { yoastFields, type YoastContext } from './yoast-seo.js';

const ctx: YoastContext = {
  title: 'Переговоры',
  siteName: 'Степной курьер',
  siteDescription: 'Новости степи',
  excerpt: 'Коротко',
  category: 'Азия',
  siteHost: 'courier.example',
};

describe('yoastFields', () => {
  it("drops Yoast's default title, which Masthead builds itself", () => {
    expect(yoastFields({ _yoast_wpseo_title: '%%title%% %%sep%% %%sitename%%' }, ctx).seoTitle).toBeNull();
    expect(yoastFields({ _yoast_wpseo_title: '%%title%% %%page%% %%sep%% %%sitename%%' }, ctx).seoTitle).toBeNull();
  });

  it('expands a title a person wrote, the variables it can fill included, and drops the rest with a warning', () => {
    const f = yoastFields({ _yoast_wpseo_title: 'Итоги: %%title%% %%sep%% %%primary_category%% %%sep%% %%cf_subtitle%%' }, ctx);
    expect(f.seoTitle).toBe('Итоги: Переговоры – Азия');
    expect(f.warnings.join()).toMatch(/%%cf_subtitle%%/);
    expect(yoastFields({ _yoast_wpseo_title: 'Plain words' }, ctx).seoTitle).toBe('Plain words');
  });

  // Review of issue 14: the variables were looked up on a plain object, so %%constructor%% put JavaScript into a title.
  it('regression: a variable named like an Object property is dropped, not expanded', () => {
    const f = yoastFields({ _yoast_wpseo_title: 'Итоги %%constructor%% %%__proto__%% %%tostring%%' }, ctx);
    expect(f.seoTitle).toBe('Итоги');
  });

  it('expands the description, cut at 500 characters', () => {
    expect(yoastFields({ _yoast_wpseo_metadesc: '%%excerpt%% — %%sitedesc%%' }, ctx).seoDescription).toBe('Коротко — Новости степи');
    expect(yoastFields({ _yoast_wpseo_metadesc: 'x'.repeat(600) }, ctx).seoDescription).toHaveLength(500);
  });

  it('keeps a canonical URL elsewhere, not one on the old site itself or not http(s)', () => {
    expect(yoastFields({ _yoast_wpseo_canonical: 'https://partner.example/story' }, ctx).canonicalUrl).toBe('https://partner.example/story');
    const own = yoastFields({ _yoast_wpseo_canonical: 'https://courier.example/2026/11/other/' }, ctx);
    expect(own.canonicalUrl).toBeNull();
    expect(own.warnings.join()).toMatch(/old site/);
    expect(yoastFields({ _yoast_wpseo_canonical: 'javascript:alert(1)' }, ctx).canonicalUrl).toBeNull();
  });

  it('reads the primary category as a term id, or nothing', () => {
    expect(yoastFields({ _yoast_wpseo_primary_category: '4' }, ctx).primaryCategoryId).toBe('4');
    expect(yoastFields({ _yoast_wpseo_primary_category: 'asia' }, ctx).primaryCategoryId).toBeNull();
    expect(yoastFields({}, ctx)).toMatchObject({ seoTitle: null, seoDescription: null, canonicalUrl: null, primaryCategoryId: null, warnings: [] });
  });
});
