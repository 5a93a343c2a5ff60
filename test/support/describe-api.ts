import { afterAll, beforeAll } from 'vitest';
import type { Engine } from './databases.js';
import { adminSite, apiCall, apiKeysForEveryRole, type AdminSite, type ApiRole } from './admin.js';
import { newsroom, type Newsroom } from './fixtures.js';
import { forEachEngine } from './for-each-engine.js';

type SiteOptions = NonNullable<Parameters<typeof adminSite>[1]>;

/** What an Admin API suite works with; `site`, `newsroom` and `keys` are filled in before the suite's first test. */
export type ApiSuite = {
  engine: Engine;
  site: AdminSite;
  newsroom: Newsroom;
  /** One API key per role. */
  keys: Record<ApiRole, string>;
  /** A request to the app with `key` as the bearer token (none when null). */
  call: (key: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>) => ReturnType<typeof apiCall>;
};

/**
 * An Admin API suite on every engine: per engine, the app on a fresh database (adminSite), the test newsroom and one
 * API key per role, cleaned up afterwards. The objects handed to `fn` are filled in place by a beforeAll hook, so
 * `fn` may destructure them (`({ site: s, newsroom: n, keys }) => …`) but reads them only inside hooks and tests.
 */
export function describeApi(name: string, fn: (api: ApiSuite) => void): void;
export function describeApi(name: string, options: SiteOptions, fn: (api: ApiSuite) => void): void;
export function describeApi(name: string, a: SiteOptions | ((api: ApiSuite) => void), b?: (api: ApiSuite) => void): void {
  const [options, fn] = typeof a === 'function' ? [{}, a] : [a, b!];
  forEachEngine(name, (engine) => {
    const site = {} as AdminSite;
    const room = {} as Newsroom;
    const keys = {} as Record<ApiRole, string>;
    let cleanup = async () => {};
    beforeAll(async () => {
      const s = await adminSite(engine, options);
      cleanup = s.cleanup;
      Object.assign(site, s);
      Object.assign(room, await newsroom(s.db));
      Object.assign(keys, await apiKeysForEveryRole(s));
    });
    afterAll(() => cleanup());
    const call: ApiSuite['call'] = (key, method, path, body, headers = {}) => apiCall(site, key, method, path, body, headers);
    fn({ engine, site, newsroom: room, keys, call });
  });
}
