import { describe, expect, it } from 'vitest';
import { sameAsOf, siteIn, twitterHandle, type SiteBrand, type SiteContext } from './site-context.js';

const base: SiteContext = {
  siteUrl: 'https://news.example.org',
  siteName: 'Courier',
  locales: ['en', 'ru', 'kk'],
  defaultLocale: 'en',
  timeZone: 'UTC',
  logoPath: '/logo.svg',
};
const brand = (b: Partial<SiteBrand>): SiteBrand => ({ names: {}, taglines: {}, logo: null, social: {}, policies: {}, ...b });

describe('the site as one language sees it', () => {
  it('names the site in the page’s language, else the default language’s, else the environment’s', () => {
    const site: SiteContext = { ...base, brand: brand({ names: { en: 'The Courier', ru: 'Курьер' }, taglines: { en: 'News' } }) };
    expect(siteIn(site, 'ru')).toMatchObject({ siteName: 'Курьер', tagline: 'News', localeOf: 'ru' });
    expect(siteIn(site, 'kk').siteName).toBe('The Courier');
    expect(siteIn(base, 'ru').siteName).toBe('Courier');
  });

  it('is the same object until the brand is replaced, then a new one', () => {
    const site: SiteContext = { ...base, brand: brand({ names: { ru: 'Курьер' } }) };
    const first = siteIn(site, 'ru');
    expect(siteIn(site, 'ru')).toBe(first);
    expect(siteIn(first, 'ru')).toBe(first);
    site.brand = brand({ names: { ru: 'Степной курьер' } });
    expect(siteIn(site, 'ru')).not.toBe(first);
    expect(siteIn(site, 'ru').siteName).toBe('Степной курьер');
  });

  it('reads the X handle from a handle or a profile address, and lists profiles for sameAs', () => {
    const at = (x: string) => twitterHandle({ ...base, brand: brand({ social: { x } }) });
    expect(at('@courier')).toBe('@courier');
    expect(at('https://x.com/courier')).toBe('@courier');
    expect(at('https://twitter.com/courier/')).toBe('@courier');
    expect(at('')).toBeNull();
    expect(sameAsOf({ ...base, brand: brand({ social: { x: '@courier', telegram: 'https://t.me/courier' } }) })).toEqual([
      'https://x.com/courier',
      'https://t.me/courier',
    ]);
  });
});
