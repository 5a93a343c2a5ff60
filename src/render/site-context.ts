/** What every public page needs to know about the site, from the configuration. */
export type SiteContext = {
  siteUrl: string;
  siteName: string;
  locales: string[];
  defaultLocale: string;
  timeZone: string;
  /** Path of the newsroom's logo, for the header and the publisher in JSON-LD. */
  logoPath: string;
};

export type NavSection = { slug: string; name: string };

/** A link in the language switcher: the same content in that language when it exists, else that language's home. */
export type LanguageLink = { locale: string; href: string; current: boolean };

/** hreflang alternates of the page (each language version plus x-default). */
export type Alternate = { hreflang: string; href: string };

export const absolute = (site: SiteContext, path: string) => (/^https?:\/\//.test(path) ? path : `${site.siteUrl}${path}`);
