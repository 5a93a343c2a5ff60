/**
 * Where the Admin API answers. One router, built once, is mounted at both (web/app.ts); see README "Admin API".
 *
 * ADMIN_API_PATH is the API's one address for clients: scripts and integrations send their key there, and every
 * address the API gives out (Location, `next`) names it.
 *
 * ADMIN_API_SESSION_PATH is the same router for the admin's own pages, whose scripts call it with the session cookie
 * and the CSRF header. It exists because that cookie is scoped to Path=/admin, on purpose: a browser then sends it
 * with no request outside the admin, so a reader's page, the page cache and a CDN never see a newsroom credential.
 * Outside /admin the browser would not send it, and the editor could not call the API.
 */
export const ADMIN_API_PATH = '/api/admin/v1';
export const ADMIN_API_SESSION_PATH = '/admin/api/v1';
