import type { Role, Status } from './types.js';
import { isVisibleToReaders } from './visibility.js';

/**
 * Who may do what, in one place. Every permission check in Masthead is `can(user, action, resource)`; nothing else
 * compares roles. The table below is the whole policy: one row per action, one rule per role. The README shows it as
 * a matrix generated from `can` itself (see policy.test.ts), so the two cannot drift apart.
 *
 * Workflow order (which status may follow which) is not decided here: this table says *who*, the workflow says
 * *when*. A user whose account is deactivated may do nothing at all.
 */

export const ACTIONS = [
  'article.create',
  'article.read-draft',
  'article.preview',
  'article.share-preview',
  'article.edit-own',
  'article.edit-any',
  'article.submit-for-review',
  'article.publish',
  'article.schedule',
  'article.unpublish',
  'article.add-correction',
  'article.propose-changes',
  'article.publish-changes',
  'article.translate',
  'article.assign',
  'article.delete',
  'media.upload',
  'media.edit',
  'media.delete',
  'front-page.view',
  'front-page.edit',
  'contributor.view',
  'contributor.create',
  'contributor.manage',
  'contributor.edit-own',
  'section.manage',
  'tag.manage',
  'page.manage',
  'partner.manage',
  'user.invite',
  'user.change-role',
  'user.deactivate',
  'user.view-sessions',
  'account.edit-own',
  'apikey.create',
  'settings.edit',
  'settings.require-2fa',
] as const;
export type Action = (typeof ACTIONS)[number];
export type ArticleAction = Extract<Action, `article.${string}`>;

/** Who is asking. `active: false` (a deactivated account) is refused everything. */
export type Actor = { id: number; role: Role; active: boolean };

/**
 * What the policy needs to know of an article: who owns it (its creator, its bylined users and the person the desk
 * assigned to it) and where it stands. Built in one place (db/article-access.ts `articleResource`).
 */
export type ArticleResource = { ownerIds: readonly number[]; status: Status; publishedAt: string | null };

/**
 * How a role holds an action:
 * - `all`: on any resource;
 * - `own`: only on articles the user owns, whatever their status;
 * - `drafts`: on any article not yet out of the newsroom (draft or in review);
 * - `own-drafts`: on the user's own articles while they are drafts or in review;
 * - `none`: never.
 */
export type Rule = 'all' | 'own' | 'drafts' | 'own-drafts' | 'none';

/** Statuses in which an article has never been put before readers or scheduled for them. */
export const DRAFT_STATUSES: readonly Status[] = ['draft', 'in_review'];

const row = (admin: Rule, editor: Rule, author: Rule, translator: Rule, contributor: Rule): Record<Role, Rule> => ({
  admin,
  editor,
  author,
  translator,
  contributor,
});

// prettier-ignore
export const POLICY: Readonly<Record<Action, Readonly<Record<Role, Rule>>>> = {
  //                                   admin   editor     author        translator    contributor
  'article.create':            row('all',  'all',     'all',        'none',       'all'),
  // Translators read any unpublished story: pieces are often translated before the first language goes out.
  'article.read-draft':        row('all',  'all',     'own',        'all',        'own'),
  // Seeing a story as readers will (any revision): whoever may read it as a draft.
  'article.preview':           row('all',  'all',     'own',        'all',        'own'),
  // A share link shows the story to someone without an account, outside the newsroom: the desk for any story, a
  // staff writer or translator for their own. A contributor (an outside freelancer) asks the desk for one.
  'article.share-preview':     row('all',  'all',     'own',        'own',        'none'),
  // A writer edits their own story while it is a draft or in review (until the desk publishes or schedules it).
  'article.edit-own':          row('own',  'own',     'own-drafts', 'own-drafts', 'own-drafts'),
  'article.edit-any':          row('all',  'all',     'none',       'none',       'none'),
  'article.submit-for-review': row('all',  'all',     'own',        'own',        'own'),
  'article.publish':           row('all',  'all',     'none',       'none',       'none'),
  'article.schedule':          row('all',  'all',     'none',       'none',       'none'),
  'article.unpublish':         row('all',  'all',     'none',       'none',       'none'),
  'article.add-correction':    row('all',  'all',     'none',       'none',       'none'),
  // Pending changes to a live story (published or scheduled): readers keep the live version until they are published.
  // A writer prepares them on their own story, as they would a draft, and sends them for review.
  'article.propose-changes':   row('all',  'all',     'own',        'own',        'own'),
  // Making pending changes live is publishing: the same people.
  'article.publish-changes':   row('all',  'all',     'none',       'none',       'none'),
  'article.translate':         row('all',  'all',     'none',       'all',        'none'),
  // The desk decides who works on what: it may put anyone (any role) on any story.
  'article.assign':            row('all',  'all',     'none',       'none',       'none'),
  // Anything readers have seen (published, unpublished, archived) or are about to see (scheduled) is kept: only an
  // admin may delete it. Editors and writers may throw away drafts.
  'article.delete':            row('all',  'drafts',  'own-drafts', 'own-drafts', 'own-drafts'),
  'media.upload':              row('all',  'all',     'all',        'all',        'all'),
  // Alt text, caption, credit and focal point of a library item show wherever it is used, in anyone's story: the
  // roles that write for the newsroom may fix them; a contributor (an outside freelancer) sets them when uploading.
  'media.edit':                row('all',  'all',     'all',        'all',        'none'),
  // Removing an image is the desk's call; one that an article shows is refused whoever asks (services/media.ts).
  'media.delete':              row('all',  'all',     'none',       'none',       'none'),
  // What leads each language's home page is public once rendered; every newsroom role may read the pins (ids only).
  'front-page.view':           row('all',  'all',     'all',        'all',        'all'),
  // What leads the home page is the desk's call.
  'front-page.edit':           row('all',  'all',     'none',       'none',       'none'),
  // Names on bylines are public; every newsroom role picks them for its stories.
  'contributor.view':          row('all',  'all',     'all',        'all',        'all'),
  // A new name on the byline is a new public profile page: the desk adds it.
  'contributor.create':        row('all',  'all',     'none',       'none',       'none'),
  // A profile (names, bios, photo, links, the account it belongs to), a merge of two people, a removal: the desk's call.
  'contributor.manage':        row('all',  'all',     'none',       'none',       'none'),
  // Whoever has a contributor profile linked to their account keeps its bio, role titles, photo and links up to date
  // (not the name on bylines, its address or the link itself). Checked against the profile in services/contributors.ts.
  'contributor.edit-own':      row('all',  'all',     'all',        'all',        'all'),
  // The site's structure (sections: menu, URLs; tags: their names, merges, links across languages) is the desk's call.
  // Listing them needs no action: every newsroom role picks a section and tags for a story.
  'section.manage':            row('all',  'all',     'none',       'none',       'none'),
  'tag.manage':                row('all',  'all',     'none',       'none',       'none'),
  // A page (About, Contact, policies) speaks for the publication, on every page's footer: the desk starts one. Once
  // made it is edited, published and deleted under the article rules above, like any story.
  'page.manage':               row('all',  'all',     'none',       'none',       'none'),
  // Partner outlets (names, licence terms, credit lines) are agreements the desk keeps. Every role may list them, as
  // every writer credits a partner on a story.
  'partner.manage':            row('all',  'all',     'none',       'none',       'none'),
  'user.invite':               row('all',  'none',    'none',       'none',       'none'),
  'user.change-role':          row('all',  'none',    'none',       'none',       'none'),
  'user.deactivate':           row('all',  'none',    'none',       'none',       'none'),
  // Who is logged in, since when and how recently active: the admins' view, as they are the ones who can end it.
  'user.view-sessions':        row('all',  'none',    'none',       'none',       'none'),
  // Everyone keeps their own account: name, email, password, sessions, language and two-factor sign-in.
  'account.edit-own':          row('all',  'all',     'all',        'all',        'all'),
  'apikey.create':             row('all',  'none',    'none',       'none',       'none'),
  'settings.edit':             row('all',  'none',    'none',       'none',       'none'),
  // Whether editors and admins must use two-factor sign-in: an admin's call, as admins answer for the accounts.
  'settings.require-2fa':      row('all',  'none',    'none',       'none',       'none'),
};

type ResourceFor<A extends Action> = A extends ArticleAction ? ArticleResource : undefined;

/**
 * A set of articles, described so that one definition serves both a check on one article (`matches`) and a list
 * query (db/article-access.ts turns it into a WHERE clause): an access function returns one (Payload's access
 * functions that return a query filter are the model), so a list never shows what the check on its items refuses.
 */
export type ArticleFilter =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'visible-to-readers' }
  /** Owned by this user (created, bylined or assigned); no article is owned by an API key's negative id. */
  | { kind: 'owned-by'; userId: number }
  | { kind: 'status-in'; statuses: readonly Status[] }
  | { kind: 'and' | 'or'; of: readonly ArticleFilter[] };

const ALL: ArticleFilter = { kind: 'all' };
const NONE: ArticleFilter = { kind: 'none' };

/** Either filter, simplified where one side decides (so `all` reaches the database as no condition at all). */
export function anyOf(...of: ArticleFilter[]): ArticleFilter {
  if (of.some((f) => f.kind === 'all')) return ALL;
  const rest = of.filter((f) => f.kind !== 'none');
  return rest.length === 0 ? NONE : rest.length === 1 ? rest[0]! : { kind: 'or', of: rest };
}

/** Both filters, simplified likewise. */
export function allOf(...of: ArticleFilter[]): ArticleFilter {
  if (of.some((f) => f.kind === 'none')) return NONE;
  const rest = of.filter((f) => f.kind !== 'all');
  return rest.length === 0 ? ALL : rest.length === 1 ? rest[0]! : { kind: 'and', of: rest };
}

/** The articles on which `user` may do `action`: the policy table's rule for their role, as a filter. */
export function accessFilter(user: Actor | null | undefined, action: Action): ArticleFilter {
  if (!user || !user.active) return NONE;
  const rule = POLICY[action]?.[user.role];
  const owned: ArticleFilter = { kind: 'owned-by', userId: user.id };
  const drafts: ArticleFilter = { kind: 'status-in', statuses: DRAFT_STATUSES };
  switch (rule) {
    case 'all':
      return ALL;
    case 'own':
      return owned;
    case 'drafts':
      return drafts;
    case 'own-drafts':
      return allOf(owned, drafts);
    default:
      return NONE;
  }
}

/**
 * The articles `user` may read: what readers see now, for anyone; the rest (drafts, scheduled, taken down) by
 * `article.read-draft`. The admin's article GET and its list both use it.
 */
export const readFilter = (user: Actor | null | undefined): ArticleFilter => anyOf({ kind: 'visible-to-readers' }, accessFilter(user, 'article.read-draft'));

/** Whether an article is in the set a filter describes, at `now` (only `visible-to-readers` depends on the time). */
export function matches(filter: ArticleFilter, article: ArticleResource, now: string): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'visible-to-readers':
      return isVisibleToReaders(article, now);
    case 'owned-by':
      return article.ownerIds.includes(filter.userId);
    case 'status-in':
      return filter.statuses.includes(article.status);
    case 'and':
      return filter.of.every((f) => matches(f, article, now));
    case 'or':
      return filter.of.some((f) => matches(f, article, now));
  }
}

/**
 * May `user` do `action` (on `resource`)? Pure. Article rules that depend on ownership or status are refused when no
 * resource is given; `all` rules hold without one (e.g. to decide whether to show a button).
 */
export function can<A extends Action>(user: Actor | null | undefined, action: A, resource?: ResourceFor<A>): boolean {
  const filter = accessFilter(user, action);
  if (filter.kind === 'all') return true;
  // The rules' filters never depend on the time: no `now` is needed to match them.
  return !!resource && matches(filter, resource as ArticleResource, '');
}

/** Editing: a user may edit an article when either edit rule allows it. */
export const canEditArticle = (user: Actor | null | undefined, article: ArticleResource) =>
  can(user, 'article.edit-any', article) || can(user, 'article.edit-own', article);
