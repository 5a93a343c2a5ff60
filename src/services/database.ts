/**
 * The database's own upkeep (reachability, migrations) as the entry points see it: the command line and the health
 * check reach the database through services only (LAYERS in eslint.config.js).
 */
export { ping } from '../db/connect.js';
export { appliedMigrationCount, migrate } from '../db/migrate.js';
