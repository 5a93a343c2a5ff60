/** A section in the site's navigation. */
/** `hidden`: a section kept out of the menu (its pages stay). */
/** `parentId`: a sub-section (migration 0027), which the menu leaves to its parent's page. */
export type NavSection = { id?: number; slug: string; name: string; hidden?: boolean; parentId?: number | null };

/** A link in the language switcher: the same content in that language when it exists, else that language's home. */
export type LanguageLink = { locale: string; href: string; current: boolean };

/** hreflang alternates of the page (each language version plus x-default). */
export type Alternate = { hreflang: string; href: string };

/** A page (About, policies) linked from the footer of its language. */
export type FooterLink = { slug: string; title: string };
