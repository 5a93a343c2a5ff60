import { createRequire } from 'node:module';
import type pg from 'pg';

let loaded: typeof pg | undefined;

/** node-postgres, loaded when DATABASE_URL names PostgreSQL: a site on SQLite never carries it in memory. */
export function pgDriver(): typeof pg {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('pg') as typeof pg;
    // pg returns COUNT(*) and BIGINT as strings; every id and count we use fits in a JS number.
    loaded.types.setTypeParser(loaded.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  }
  return loaded;
}
