import type { CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;
type Compilable<O> = { compile(): CompiledQuery<O> };

// Stand-ins passed to the query builder once; Kysely keeps parameter values as they are, so each one marks the
// place of an argument in the compiled parameter list.
export const MAX_PREPARED_ARGS = 16;
const SLOTS = Array.from({ length: MAX_PREPARED_ARGS }, (_, i) => Object.freeze({ slot: i }));

/**
 * A query whose shape never changes, built and compiled once per database handle and then run with new values.
 * Kysely otherwise rebuilds and recompiles the query tree on every call, which costs more than running the small
 * indexed queries of a page render. Only for fixed shapes: no arrays expanded into IN lists, no optional clauses.
 */
export function prepared<A extends unknown[], O>(build: (db: K, ...args: A) => Compilable<O>) {
  const compiledFor = new WeakMap<K, CompiledQuery<O>>();
  return async (db: K, ...args: A): Promise<O[]> => {
    let compiled = compiledFor.get(db);
    if (!compiled) {
      compiled = build(db, ...(SLOTS.slice(0, args.length) as unknown as A)).compile();
      compiledFor.set(db, compiled);
    }
    const parameters = compiled.parameters.map((p) => {
      const i = SLOTS.indexOf(p as (typeof SLOTS)[number]);
      return i === -1 ? p : args[i];
    });
    return (await db.executeQuery<O>({ ...compiled, parameters })).rows;
  };
}
