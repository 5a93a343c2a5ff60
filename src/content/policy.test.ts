import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, can, canEditArticle, type Action, type Actor, type ArticleResource } from './policy.js';
import { ROLES, STATUSES, type Role } from './types.js';

/**
 * The policy as a specification: every role against every action, on the user's own article and on someone else's,
 * as a draft and once published. A cell says what the role may do:
 *   yes          on anything
 *   own          on the articles the user owns, whatever their status
 *   drafts       on any article that is still a draft or in review
 *   own drafts   on the user's own articles while they are drafts or in review
 *   —            never
 */
type Cell = 'yes' | 'own' | 'drafts' | 'own drafts' | '—';

// prettier-ignore
const EXPECTED: Record<Action, Record<Role, Cell>> = {
  'article.create':            { admin: 'yes', editor: 'yes',    author: 'yes',        translator: '—',          contributor: 'yes' },
  'article.read-draft':        { admin: 'yes', editor: 'yes',    author: 'own',        translator: 'yes',        contributor: 'own' },
  'article.preview':           { admin: 'yes', editor: 'yes',    author: 'own',        translator: 'yes',        contributor: 'own' },
  'article.share-preview':     { admin: 'yes', editor: 'yes',    author: 'own',        translator: 'own',        contributor: '—' },
  'article.edit-own':          { admin: 'own', editor: 'own',    author: 'own drafts', translator: 'own drafts', contributor: 'own drafts' },
  'article.edit-any':          { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'article.submit-for-review': { admin: 'yes', editor: 'yes',    author: 'own',        translator: 'own',        contributor: 'own' },
  'article.publish':           { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'article.schedule':          { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'article.unpublish':         { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'article.add-correction':    { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'article.propose-changes':   { admin: 'yes', editor: 'yes',    author: 'own',        translator: 'own',        contributor: 'own' },
  'article.publish-changes':   { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'article.translate':         { admin: 'yes', editor: 'yes',    author: '—',          translator: 'yes',        contributor: '—' },
  'article.assign':            { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'article.delete':            { admin: 'yes', editor: 'drafts', author: 'own drafts', translator: 'own drafts', contributor: 'own drafts' },
  'media.upload':              { admin: 'yes', editor: 'yes',    author: 'yes',        translator: 'yes',        contributor: 'yes' },
  'media.edit':                { admin: 'yes', editor: 'yes',    author: 'yes',        translator: 'yes',        contributor: '—' },
  'media.delete':              { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'front-page.view':           { admin: 'yes', editor: 'yes',    author: 'yes',        translator: 'yes',        contributor: 'yes' },
  'front-page.edit':           { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'contributor.view':          { admin: 'yes', editor: 'yes',    author: 'yes',        translator: 'yes',        contributor: 'yes' },
  'contributor.create':        { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'contributor.manage':        { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'contributor.edit-own':      { admin: 'yes', editor: 'yes',    author: 'yes',        translator: 'yes',        contributor: 'yes' },
  'section.manage':            { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'tag.manage':                { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'page.manage':               { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'partner.manage':            { admin: 'yes', editor: 'yes',    author: '—',          translator: '—',          contributor: '—' },
  'user.invite':               { admin: 'yes', editor: '—',      author: '—',          translator: '—',          contributor: '—' },
  'user.change-role':          { admin: 'yes', editor: '—',      author: '—',          translator: '—',          contributor: '—' },
  'user.deactivate':           { admin: 'yes', editor: '—',      author: '—',          translator: '—',          contributor: '—' },
  'user.view-sessions':        { admin: 'yes', editor: '—',      author: '—',          translator: '—',          contributor: '—' },
  'account.edit-own':          { admin: 'yes', editor: 'yes',    author: 'yes',        translator: 'yes',        contributor: 'yes' },
  'apikey.create':             { admin: 'yes', editor: '—',      author: '—',          translator: '—',          contributor: '—' },
  'settings.edit':             { admin: 'yes', editor: '—',      author: '—',          translator: '—',          contributor: '—' },
  'settings.require-2fa':      { admin: 'yes', editor: '—',      author: '—',          translator: '—',          contributor: '—' },
};

const ME = 7;
const actor = (role: Role, active = true): Actor => ({ id: ME, role, active });
const article = (owner: 'own' | 'other', status: ArticleResource['status']): ArticleResource => ({
  ownerIds: owner === 'own' ? [3, ME] : [3, 4],
  status,
  publishedAt: status === 'published' ? '2020-01-01T00:00:00.000Z' : null,
});
const isArticleAction = (a: Action) => a.startsWith('article.');

/** What `can` answers for a role and action, summed up as a cell. */
function observed(role: Role, action: Action): Cell {
  const user = actor(role);
  if (!isArticleAction(action)) return can(user, action) ? 'yes' : '—';
  const probe = (owner: 'own' | 'other', status: ArticleResource['status']) => can(user, action as 'article.edit-own', article(owner, status));
  const key = [probe('own', 'draft'), probe('other', 'draft'), probe('own', 'published'), probe('other', 'published')].map(Number).join('');
  const cells: Record<string, Cell> = { '1111': 'yes', '1010': 'own', '1100': 'drafts', '1000': 'own drafts', '0000': '—' };
  const cell = cells[key];
  if (!cell) throw new Error(`${role} × ${action} answers ${key} (own draft, other draft, own published, other published): give it a name`);
  return cell;
}

describe('the policy matrix', () => {
  it('covers every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      it(`${role} × ${action}: ${EXPECTED[action][role]}`, () => {
        expect(observed(role, action)).toBe(EXPECTED[action][role]);
      });
    }
  }

  it('a deactivated account may do nothing, in any role, on anything', () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        expect(can(actor(role, false), action)).toBe(false);
        for (const owner of ['own', 'other'] as const) {
          for (const status of STATUSES) expect(can(actor(role, false), action as 'article.delete', article(owner, status))).toBe(false);
        }
      }
    }
  });

  it('nobody (no session) may do anything', () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
  });

  it('"drafts" means draft or in review: scheduled, published, unpublished and archived stories are out of reach', () => {
    for (const status of STATUSES) {
      const draftLike = status === 'draft' || status === 'in_review';
      expect(can(actor('author'), 'article.edit-own', article('own', status)), status).toBe(draftLike);
      expect(can(actor('contributor'), 'article.delete', article('own', status)), status).toBe(draftLike);
      expect(can(actor('editor'), 'article.delete', article('other', status)), status).toBe(draftLike);
      expect(can(actor('admin'), 'article.delete', article('other', status)), status).toBe(true);
    }
  });

  it('ownership rules are refused without an article to check them against', () => {
    expect(can(actor('author'), 'article.edit-own')).toBe(false);
    expect(can(actor('author'), 'article.submit-for-review')).toBe(false);
    expect(can(actor('editor'), 'article.edit-any')).toBe(true);
  });

  it('canEditArticle combines edit-own and edit-any', () => {
    expect(canEditArticle(actor('author'), article('own', 'draft'))).toBe(true);
    expect(canEditArticle(actor('author'), article('own', 'published'))).toBe(false);
    expect(canEditArticle(actor('author'), article('other', 'draft'))).toBe(false);
    expect(canEditArticle(actor('editor'), article('other', 'published'))).toBe(true);
    expect(canEditArticle(actor('translator'), article('other', 'draft'))).toBe(false);
  });
});

/** The README's matrix, written from what `can` answers. */
function policyMatrixMarkdown(): string {
  const head = `| action | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = ACTIONS.map((a) => `| \`${a}\` | ${ROLES.map((r) => observed(r, a)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

describe('README', () => {
  it('shows the same matrix as the policy (regenerate: copy the "expected" text of a failure)', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const m = /<!-- policy-matrix:start -->([\s\S]*?)<!-- policy-matrix:end -->/.exec(readme);
    expect(m, 'README.md needs the policy-matrix markers').not.toBeNull();
    expect(m![1]!.trim()).toBe(policyMatrixMarkdown());
  });
});
