import { absolute, type SiteContext } from '../../../../content/site-context.js';
import type { SiteSettings } from '../../../../services/site-settings.js';

/**
 * The settings as the API shows them: what PATCH takes (the logo as `logoMediaId`), plus the logo's files as pages
 * link them, and `environment`: what the operator set and no PATCH changes.
 */
export function presentSettings(s: SiteSettings, site: SiteContext) {
  const file = (f: { url: string; width: number; height: number }) => ({ url: absolute(site, f.url), width: f.width, height: f.height });
  return {
    siteName: s.siteName,
    tagline: s.tagline,
    logoMediaId: s.logo?.mediaId ?? null,
    logo: s.logo ? { small: file(s.logo.small), large: file(s.logo.large) } : null,
    defaultLanguage: s.defaultLanguage,
    timeZone: s.timeZone,
    social: s.social,
    policies: s.policies,
    updatedAt: s.updatedAt,
    environment: { siteUrl: site.siteUrl, languages: site.locales },
  };
}
