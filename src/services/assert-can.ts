import { can, type Action, type Actor, type ArticleResource } from '../content/policy.js';
import { AppError } from '../errors.js';

const WHAT: Partial<Record<Action, string>> = {
  'user.invite': 'invite people',
  'user.change-role': 'change roles',
  'user.deactivate': 'deactivate or reactivate accounts',
  'user.view-sessions': 'see who is logged in',
  'apikey.create': 'create API keys',
  'settings.edit': 'change settings',
  'settings.require-2fa': 'decide whether two-factor sign-in is required',
  'account.edit-own': 'change their own account',
  'media.upload': 'upload images',
  'front-page.view': 'see what is pinned on the home page',
  'front-page.edit': 'choose what leads the home page',
  'contributor.view': 'list contributors',
  'contributor.create': 'add contributors',
  'contributor.manage': 'change, merge or delete contributors',
  'contributor.edit-own': 'edit their own contributor profile',
  'section.manage': 'create, change, merge or delete sections',
  'tag.manage': 'rename, merge, link or delete tags',
  'page.manage': 'start pages (About, Contact, policies)',
  'partner.manage': 'add, change or delete partner outlets',
  'article.preview': 'preview this article',
  'article.share-preview': 'share a preview of this article',
  'media.edit': 'change the alt text, caption, credit or focal point of library images',
};

/** The policy's answer as a guard: FORBIDDEN (403) when `can` says no. */
export function assertCan(actor: Actor, action: Action, resource?: ArticleResource): void {
  if (can(actor, action as 'article.edit-own', resource)) return;
  throw refusal(actor, action);
}

/** The FORBIDDEN error `assertCan` throws, for a service that asked `can` (or a rule built on it) itself. */
export function refusal(actor: Actor, action: Action): AppError {
  return new AppError('FORBIDDEN', `Your role (${actor.role}) may not ${WHAT[action] ?? action}.`, {
    hint: 'Ask an administrator if you need to do this; README.md "Admin accounts and security" shows who may do what.',
    details: { action },
  });
}
