import { describe } from 'vitest';
import { postgresAvailable, type Engine } from './databases.js';

/**
 * Whether PostgreSQL answers, asked once per test file when it is loaded. With REQUIRE_POSTGRES=1 (CI) a server that
 * does not answer throws here, so the file fails instead of skipping its PostgreSQL half. A module of its own, so
 * that files which only use SQLite (through databases.ts) never wait on PostgreSQL.
 */
export const pgUp = await postgresAvailable();

/**
 * One suite, every database: `fn` registers the same tests once per engine, as `describe(name with %s = engine) >
 * describe(engine)`. The PostgreSQL half is skipped (and shows as skipped) when the server is not reachable.
 */
export function forEachEngine(name: string, fn: (engine: Engine) => void): void {
  describe.each<Engine>(['sqlite', 'postgres'])(name, (engine) => {
    describe.skipIf(engine === 'postgres' && !pgUp)(engine, () => fn(engine));
  });
}
