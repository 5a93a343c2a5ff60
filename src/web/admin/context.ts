import type { Context } from 'hono';
import { can } from '../../content/policy.js';
import { adminLanguage, type AdminContext } from '../../render/admin/admin-layout.js';
import { pickAdminLocale } from '../../render/admin/admin-messages.js';
import { actorOf, type Session } from '../../services/sessions.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The admin session of the request (null: not logged in); set on every /admin request. */
    adminSession: Session | null;
    /** The site's name, for admin page titles. */
    adminSiteName: string;
    /** The newsroom's time zone, in which the admin shows every date. */
    adminTimeZone: string;
  }
}

/**
 * What an admin page needs from the request: the CSP nonce, who is logged in, the CSRF token for its forms, and the
 * interface language (the user's choice, else the browser's Accept-Language) with its dates.
 */
export function adminContext(c: Context, csrfToken?: string): AdminContext {
  const session = c.get('adminSession') ?? null;
  return {
    siteName: c.get('adminSiteName') ?? 'Masthead',
    nonce: c.get('cspNonce') ?? '',
    user: session
      ? {
          name: session.user.name,
          role: session.user.role,
          canManageUsers: can(actorOf(session.user), 'user.change-role'),
          canEditFrontPage: can(actorOf(session.user), 'front-page.edit'),
          canEditSettings: can(actorOf(session.user), 'settings.edit'),
        }
      : undefined,
    csrfToken: csrfToken ?? session?.csrfToken ?? '',
    ...adminLanguage(pickAdminLocale(session?.user.interfaceLanguage, c.req.header('accept-language')), c.get('adminTimeZone') ?? 'UTC'),
  };
}
