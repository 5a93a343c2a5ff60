/** What every public page, feed and API answer needs to know about the site: the operator's configuration and the editors' settings. */
export type SiteContext = {
  siteUrl: string;
  /** The publication's name in the default language (mail, the admin); pages use `siteIn(site, locale).siteName`. */
  siteName: string;
  locales: string[];
  defaultLocale: string;
  timeZone: string;
  /** Path of the monogram (SVG): the favicon, and the logo wherever no raster logo has been chosen. */
  logoPath: string;
  /**
   * What editors decide in the settings (services/site-settings.ts). Replaced whole, never changed in place, when they
   * are saved: renderers cache per `brand` object, so a new one is all it takes for every page to follow.
   */
  brand?: SiteBrand;
};

/** One raster file of the logo, as a page links it. */
export type LogoImage = { url: string; width: number; height: number };

/** The uploaded logo: `small` for the header, `large` for search engines (JSON-LD) and social networks (og:image). */
export type SiteLogo = { mediaId: number; alt: string; small: LogoImage; large: LogoImage };

/** The Trust Project's policy links, as schema.org names them on a NewsMediaOrganization. */
export const POLICY_LINKS = ['publishingPrinciples', 'ethicsPolicy', 'correctionsPolicy', 'masthead', 'ownershipFundingInfo'] as const;
export type PolicyLink = (typeof POLICY_LINKS)[number];

/** Accounts of the publication on social networks: full profile URLs, plus the X handle for `twitter:site`. */
export const SOCIAL_NETWORKS = ['x', 'facebook', 'instagram', 'telegram', 'youtube', 'tiktok', 'linkedin', 'mastodon', 'vk'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export type SiteBrand = {
  names: Record<string, string>;
  taglines: Record<string, string>;
  logo: SiteLogo | null;
  social: Partial<Record<SocialNetwork, string>>;
  /** URLs or site paths ("/en/ethics"), per policy. */
  policies: Partial<Record<PolicyLink, string>>;
};

export const absolute = (site: SiteContext, path: string) => (/^https?:\/\//.test(path) ? path : `${site.siteUrl}${path}`);

/** The site as a page in `locale` shows it: its name in that language (falling back to the default one's) and tagline. */
export type LocalSite = SiteContext & { tagline: string; localeOf: string };

const localViews = new WeakMap<SiteContext, { brand: SiteBrand | undefined; byLocale: Map<string, LocalSite> }>();

/**
 * The site seen from one language. Memoized per site and `brand` object, so that what is built once per site and
 * language (render/layout.ts) is built again exactly when the settings change.
 */
export function siteIn(site: SiteContext, locale: string): LocalSite {
  if ((site as Partial<LocalSite>).localeOf === locale) return site as LocalSite;
  let memo = localViews.get(site);
  if (!memo || memo.brand !== site.brand) localViews.set(site, (memo = { brand: site.brand, byLocale: new Map() }));
  let view = memo.byLocale.get(locale);
  if (!view) {
    const b = site.brand;
    view = {
      ...site,
      siteName: b?.names[locale]?.trim() || b?.names[site.defaultLocale]?.trim() || site.siteName,
      tagline: b?.taglines[locale]?.trim() || b?.taglines[site.defaultLocale]?.trim() || '',
      localeOf: locale,
    };
    memo.byLocale.set(locale, view);
  }
  return view;
}

/** The X (Twitter) handle for `twitter:site`, "@name", from a profile URL or a handle; null when none is set. */
export function twitterHandle(site: SiteContext): string | null {
  const v = site.brand?.social.x?.trim();
  if (!v) return null;
  const m = /^(?:https?:\/\/(?:www\.)?(?:twitter|x)\.com\/)?@?([A-Za-z0-9_]{1,15})\/?$/.exec(v);
  return m ? `@${m[1]}` : null;
}

/** Profile URLs for `sameAs`: every social account, an X handle as its profile's address. */
export function sameAsOf(site: SiteContext): string[] {
  const out: string[] = [];
  for (const [network, v] of Object.entries(site.brand?.social ?? {})) {
    if (typeof v !== 'string' || !v.trim()) continue;
    if (/^https?:\/\//.test(v)) out.push(v.trim());
    else if (network === 'x' && twitterHandle(site)) out.push(`https://x.com/${twitterHandle(site)!.slice(1)}`);
  }
  return out;
}
