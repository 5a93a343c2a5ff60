/**
 * A process that migrates a SQLite file with the released steps and stalls inside one of them, after that step's
 * DDL, until a file appears: tests kill it there, or start another process against the same file while it holds the
 * migration lock. Run as: node --import tsx test/support/migrate-process.ts <db file> <step to stall in> <release file>
 */
import fs from 'node:fs';
import { connect } from '../../src/db/connect.js';
import { migrate, migrations, type Step } from '../../src/db/migrate.js';

const [file, stallIn, release] = process.argv.slice(2);
if (!file || !stallIn || !release) throw new Error('usage: migrate-process.ts <db file> <step to stall in> <release file>');

const stalling: Step = {
  up: async (k, dialect) => {
    await migrations[stallIn]!.up(k, dialect);
    process.stdout.write(`stalled in ${stallIn}\n`);
    while (!fs.existsSync(release)) await new Promise((resolve) => setTimeout(resolve, 20));
  },
};
const db = connect(file);
try {
  const { applied } = await migrate(db, { steps: { ...migrations, [stallIn]: stalling } });
  process.stdout.write(`applied ${applied.join(',')}\n`);
} finally {
  await db.close();
}
