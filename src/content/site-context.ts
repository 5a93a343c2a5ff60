/** What every public page, feed and API answer needs to know about the site, from the configuration. */
export type SiteContext = {
  siteUrl: string;
  siteName: string;
  locales: string[];
  defaultLocale: string;
  timeZone: string;
  /** Path of the newsroom's logo, for the header and the publisher in JSON-LD. */
  logoPath: string;
};

export const absolute = (site: SiteContext, path: string) => (/^https?:\/\//.test(path) ? path : `${site.siteUrl}${path}`);
