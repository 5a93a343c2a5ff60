/**
 * A language code as Masthead writes it in addresses, feeds and settings: two or three lower-case letters (ISO 639).
 * LOCALE_PATTERN is the regular expression's source, for routes and larger patterns.
 */
export const LOCALE_PATTERN = '[a-z]{2,3}';
export const LOCALE_RE = new RegExp(`^${LOCALE_PATTERN}$`);

/** The name of each language in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

/** BCP 47 tags for Intl, hreflang and og:locale. */
export const INTL_LOCALE: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };
export const OG_LOCALE: Record<string, string> = { en: 'en_GB', ru: 'ru_RU', kk: 'kk_KZ' };

export const languageName = (locale: string) => LANGUAGE_NAMES[locale] ?? locale;
