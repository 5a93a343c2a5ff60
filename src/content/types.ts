import type { Doc } from './document.js';
import type { LibraryImage } from './media.js';

export const ROLES = ['admin', 'editor', 'author', 'translator', 'contributor'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
/** A stored role as a Role: one this version does not know gets the least, contributor. */
export const asRole = (r: string): Role => (isRole(r) ? r : 'contributor');

export const CONTRIBUTOR_ROLES = ['author', 'translator', 'original_author', 'photographer', 'editor'] as const;
export type ContributorRole = (typeof CONTRIBUTOR_ROLES)[number];

/**
 * What an article's row stores. `scheduled` is not one: it is a workflow state, a story stored as `published` with a
 * publication time still to come (content/workflow.ts).
 */
export const STATUSES = ['draft', 'in_review', 'published', 'unpublished', 'archived'] as const;
export type Status = (typeof STATUSES)[number];

/** Where partner copy came from: shown in the credit box and in JSON-LD isBasedOn/translationOfWork. */
export type SourceAttribution = {
  partnerId: number;
  /** In the article's language when the partner is named in it, else in the partner's own. */
  partnerName: string;
  partnerUrl: string;
  /** The partner's credit line in the article's language ("This story was first published by"); absent: the site's default. */
  creditLine?: string | null;
  url: string | null;
  headline: string | null;
  locale: string | null;
};

export type Hero = {
  mediaId: number;
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  /** Set when the hero is a media library item with renditions: pages show it as <picture>. */
  image?: LibraryImage | null;
};

/** `name` is in the article's language; `image` (a photo's URL path) and `sameAs` (profiles elsewhere) only when set. */
export type Byline = { contributorId: number; slug: string; name: string; role: ContributorRole; image?: string; sameAs?: string[] };
export type Correction = { id: number; text: string; createdAt: string };
/** The longest correction, in characters after trimming: what was wrong and what is right, not a second story. */
export const CORRECTION_MAX = 2000;
/** The longest editorial note on an article, in characters after trimming. */
export const NOTE_MAX = 4000;
export type SectionRef = { id: number; slug: string; name: string };
export type TagRef = { id: number; slug: string; name: string };

/**
 * A story (lists, feeds, NewsArticle) or a page (About, Contact, policies: at `/{lang}/{slug}`, linked from the
 * footer, in no list of stories). Both share the editor, revisions and workflow.
 */
export const ARTICLE_KINDS = ['story', 'page'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export const asArticleKind = (k: string | null | undefined): ArticleKind => (k === 'page' ? 'page' : 'story');

/** A published (or previewable) article with everything its page shows. */
export type Article = {
  id: number;
  /** Absent: a story. */
  kind?: ArticleKind;
  storyId: number;
  locale: string;
  slug: string;
  status: Status;
  headline: string;
  deck: string | null;
  body: Doc;
  dateline: string | null;
  section: SectionRef;
  tags: TagRef[];
  bylines: Byline[];
  hero: Hero | null;
  source: SourceAttribution | null;
  corrections: Correction[];
  seoTitle: string | null;
  seoDescription: string | null;
  canonicalUrl: string | null;
  publishedAt: string | null;
  updatedAt: string;
  createdAt: string;
  revision: number;
  /** Library images the body's image nodes point at (mediaId), by id; absent when it has none. */
  media?: Readonly<Record<number, LibraryImage>>;
};

/** What lists (home, section, latest news) need of an article: no body. */
export type ArticleSummary = {
  id: number;
  storyId: number;
  locale: string;
  slug: string;
  headline: string;
  deck: string | null;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string;
  hero: Pick<Hero, 'src' | 'alt' | 'width' | 'height' | 'image'> | null;
};

/** One language version of a story, for hreflang and the language switcher. */
export type Translation = { id: number; locale: string; slug: string; sectionSlug: string; publishedAt: string; kind?: ArticleKind };
