import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { SiteContext } from '../../../../content/site-context.js';
import { AppError, parseFields } from '../../../../errors.js';
import type { Deps } from '../../../../services/deps.js';
import { changeOwnPassword, readOwnAccount, updateOwnProfile, type OwnAccount } from '../../../../services/own-account.js';
import type { Session } from '../../../../services/sessions.js';
import { readJson } from '../../../body.js';

/** `/me` is a person's own account: an API key acts for a role, and has none. */
const session = (c: Context): Session => {
  const s = c.get('apiSession');
  if (!s) {
    throw new AppError('SESSION_REQUIRED', 'An API key has no account of its own: /me answers only to a logged-in person.', {
      hint: 'Call it from the admin (with the session cookie and X-CSRF-Token), or use /admin/account.',
    });
  }
  return s;
};

const present = (a: OwnAccount) => ({
  id: a.id,
  email: a.email,
  name: a.name,
  role: a.role,
  interfaceLanguage: a.interfaceLanguage,
  pendingEmail: a.pendingEmail,
  twoFactor: { enabled: a.twoFactor.enabled, enabledAt: a.twoFactor.enabledAt, recoveryCodesLeft: a.twoFactor.recoveryCodesLeft },
});

const PasswordBody = z.object({ currentPassword: z.string().max(1024), newPassword: z.string() }).strict();

/** /api/admin/v1/me: your own account (session only). Email and two-factor changes stay in the admin's forms. */
export function meRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();

  app.get('/', async (c) => c.json(present(await readOwnAccount(deps, session(c), site.siteName))));

  app.patch('/', async (c) => {
    const s = session(c);
    await updateOwnProfile(deps, s, await readJson(c));
    return c.json(present(await readOwnAccount(deps, s, site.siteName)));
  });

  app.post('/password', async (c) => {
    const s = session(c);
    const body = parseFields(PasswordBody, await readJson(c), 'request', { hint: 'Send {"currentPassword": "…", "newPassword": "…"}.' });
    return c.json(await changeOwnPassword(deps, s, body));
  });

  return app;
}
