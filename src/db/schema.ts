import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Column types shared by both databases. Timestamps are ISO-8601 UTC strings (they sort as text on both engines and
 * come back identical from each driver); booleans are 0/1 integers; JSON is text.
 */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  /** 'en', 'ru' or 'kk'; null: the browser's language. */
  interface_language: string | null;
  /** Two-factor sign-in: the confirmed TOTP secret (base32), one being enrolled, since when it is on, the last step used. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
}

export interface ContributorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string | null;
  user_id: number | null;
  created_at: string;
  /** A media library item shown as their photo (migration 0017). */
  photo_media_id: number | null;
  email: string | null;
  /** JSON text: their profiles elsewhere, https URLs (schema.org `sameAs`). */
  links: Generated<string>;
  updated_at: string | null;
}

/** A contributor's name, bio and role title in one language (migration 0017); each null falls back to the contributor's own. */
export interface ContributorTextsTable {
  contributor_id: number;
  locale: string;
  name: string | null;
  bio: string | null;
  title: string | null;
}

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  position: Generated<number>;
  created_at: string;
  /** 1: left out of the sections menu; its pages and stories stay (migration 0016). */
  hidden: Generated<number>;
  /** The section this one sits under; null: top level (migration 0027). */
  parent_id: number | null;
}

export interface SectionNamesTable {
  section_id: number;
  locale: string;
  name: string;
  /** What the section covers, in this language (migration 0016). */
  description: string | null;
}

export interface TagsTable {
  id: Generated<number>;
  locale: string;
  slug: string;
  name: string;
  /** Tags that say the same in other languages share this number; null: none linked (migration 0016). */
  translation_group: number | null;
}

export interface PartnersTable {
  id: Generated<number>;
  /** The outlet's name in its own language: the fallback of every other (partner_texts). */
  name: string;
  url: string;
  locale: string;
  feed_url: string | null;
  licence: string | null;
  created_at: string;
  /** Migration 0018: a media library item; 1 while the partnership is active (offered for new stories); the last change. */
  logo_media_id: number | null;
  active: Generated<number>;
  updated_at: string | null;
}

/** A partner's name and credit line in one language (migration 0018); either may be null (the fallback applies). */
export interface PartnerTextsTable {
  partner_id: number;
  locale: string;
  name: string | null;
  credit_line: string | null;
}

export interface MediaTable {
  id: Generated<number>;
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  credit: string | null;
  created_at: string;
  /** The media library (migration 0007); a file served as it is (the demo's SVGs) has no hash and no renditions. */
  caption: string | null;
  focal_x: Generated<number>;
  focal_y: Generated<number>;
  sha256: string | null;
  bytes: number | null;
  original_name: string | null;
  original_mime: string | null;
  uploaded_by: number | null;
  /** JSON text: MediaRendition[] (content/media.ts). */
  renditions: Generated<string>;
  search_text: Generated<string>;
  updated_at: string | null;
}

export interface StoriesTable {
  id: Generated<number>;
  created_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  story_id: number;
  locale: string;
  slug: string;
  status: string;
  headline: string;
  deck: string | null;
  body: string;
  dateline: string | null;
  section_id: number;
  hero_media_id: number | null;
  hero_alt: string | null;
  hero_caption: string | null;
  hero_credit: string | null;
  source_partner_id: number | null;
  source_url: string | null;
  source_headline: string | null;
  source_locale: string | null;
  /** When the partner first published the story this one adapts (migration 0024). */
  source_published_at: Generated<string | null>;
  seo_title: string | null;
  seo_description: string | null;
  canonical_url: string | null;
  published_at: string | null;
  scheduled_at: string | null;
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Who the desk has put on it (migration 0008). */
  assignee_user_id: number | null;
  /** A translation's source article and the source's revision it was made from or last brought up to date with. */
  translated_from_id: number | null;
  translated_from_revision: number | null;
  /** The revision at which the headline, deck or body text last changed (status-only revisions leave it). */
  text_revision: Generated<number>;
  /** The revision holding a live story's pending changes, null when none wait (migration 0010). */
  pending_revision: number | null;
  /** Whether those pending changes were sent for review: `draft` or `in_review` (null when none wait). */
  pending_state: string | null;
  /** 'story' or 'page' (About, Contact, policies: served at /{lang}/{slug}, left out of story lists; migration 0019). */
  kind: Generated<string>;
}

/** locale, status and published_at copy the article's (see syncListing), so lists can be read in date order. */
export interface ArticleContributorsTable {
  article_id: number;
  contributor_id: number;
  role: string;
  position: number;
  locale: string | null;
  status: string | null;
  published_at: string | null;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  locale: string | null;
  status: string | null;
  published_at: string | null;
}

export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  text: string;
  created_at: string;
}

export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  number: number;
  user_id: number | null;
  snapshot: string;
  created_at: string;
  /** 1 for a revision of pending changes to a live story (not what readers see), 0 otherwise (migration 0010). */
  pending: Generated<number>;
}

export interface RedirectsTable {
  id: Generated<number>;
  from_path: string;
  article_id: number | null;
  to_path: string | null;
  created_at: string;
}

/** A login. Only the SHA-256 hash of the cookie's token is stored. */
export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** A one-time link to set a password: `purpose` is 'reset' or 'invite'. Only the token's hash is stored. */
export interface PasswordResetsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Purpose 'email': the address the link confirms. */
  new_email: string | null;
}

/** One-time recovery codes of two-factor sign-in; only their SHA-256 is stored. */
export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A password that matched, waiting for the second factor: not a session. Only the token's hash is stored. */
export interface LoginChallengesTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** Security switches an admin sets (`require_2fa`: '1' or '0'). */
export interface SecuritySettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

/** The publication's settings (migration 0020): one JSON value per key (services/site-settings.ts). */
export interface SiteSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

/** Failed attempts counted per key in a fixed window (login rate limits). */
export interface LoginAttemptsTable {
  key: string;
  count: number;
  window_start: string;
}

/** Who did what, when: every permission-relevant action. `details` is JSON text. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: number | null;
  details: string;
}

/** An Admin API key: only the SHA-256 of the secret is stored; `prefix` identifies it in listings. */
export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  role: string;
  key_hash: string;
  prefix: string;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A share link to an article's preview (migration 0012); the token itself is never stored. */
export interface PreviewLinksTable {
  id: Generated<number>;
  article_id: number;
  token_hash: string;
  /** The revision the link shows; null: the latest at view time. */
  pinned_revision: number | null;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** An editorial note on an article (the desk's conversation about it); never shown to readers. */
export interface ArticleNotesTable {
  id: Generated<number>;
  article_id: number;
  user_id: number | null;
  text: string;
  created_at: string;
}

/** A durable job (migration 0006): see db/jobs-repo.ts. `payload` is JSON text; times are ISO-8601 UTC. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  article_id: number | null;
  dedupe_key: string | null;
  payload: Generated<string>;
  run_at: string;
  state: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
  finished_at: string | null;
}

/** A first-start step this database has had (migration 0009): see db/setup-steps-repo.ts. */
export interface SetupStepsTable {
  name: string;
  claimed_at: string;
}

/** What editors pinned on a language's home page (migration 0011): see db/front-pages-repo.ts. */
export interface FrontPagesTable {
  locale: string;
  lead_article_id: number | null;
  updated_at: string;
  updated_by: number | null;
}

export interface FrontPageStoriesTable {
  locale: string;
  position: number;
  article_id: number;
  until: string | null;
}

export interface FrontPageSectionsTable {
  locale: string;
  position: number;
  section_id: number;
}

/** What an import made of each source record (migration 0022). */
export interface ImportKeysTable {
  source: string;
  kind: string;
  source_id: string;
  local_id: number;
  local_revision: number | null;
  checksum: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  contributors: ContributorsTable;
  contributor_texts: ContributorTextsTable;
  sections: SectionsTable;
  section_names: SectionNamesTable;
  tags: TagsTable;
  partners: PartnersTable;
  partner_texts: PartnerTextsTable;
  media: MediaTable;
  stories: StoriesTable;
  articles: ArticlesTable;
  article_contributors: ArticleContributorsTable;
  article_tags: ArticleTagsTable;
  corrections: CorrectionsTable;
  revisions: RevisionsTable;
  redirects: RedirectsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  api_keys: ApiKeysTable;
  jobs: JobsTable;
  article_notes: ArticleNotesTable;
  setup_steps: SetupStepsTable;
  front_pages: FrontPagesTable;
  front_page_stories: FrontPageStoriesTable;
  front_page_sections: FrontPageSectionsTable;
  preview_links: PreviewLinksTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  security_settings: SecuritySettingsTable;
  site_settings: SiteSettingsTable;
  import_keys: ImportKeysTable;
  wire_items: WireItemsTable;
  partner_feed_state: PartnerFeedStateTable;
}

/** A story a partner's feed brought in (migration 0024): see db/wire-repo.ts. */
export interface WireItemsTable {
  id: Generated<number>;
  partner_id: number;
  guid: string;
  link: string | null;
  link_key: string | null;
  title: string;
  author: string | null;
  summary: string | null;
  content_html: string | null;
  language: string | null;
  published_at: string | null;
  fetched_at: string;
  full_text: Generated<number>;
  extract_error: string | null;
  search_text: Generated<string>;
  adapted_article_id: number | null;
  adapted_at: string | null;
}

/** A partner feed's conditional-GET validators and last poll (migration 0024). */
export interface PartnerFeedStateTable {
  partner_id: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_ok_at: string | null;
  last_error: string | null;
  last_error_code: string | null;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleRowUpdate = Updateable<ArticlesTable>;
export type UserRow = Selectable<UsersTable>;
