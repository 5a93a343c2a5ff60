import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// The project's own eslint.config.js, so the test checks the table and the file patterns that `npm run lint` uses.
const eslint = new ESLint({ cwd: root });

/** The layering rule's messages for `code` as if it were the file `file` (relative to the project). */
async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('masthead/layered-imports (eslint.config.js)', () => {
  it('flags db/ importing from services/', async () => {
    const messages = await layering('src/db/example.ts', "import { localChangeBus } from '../services/change-bus.js';\nexport const bus = localChangeBus;\n");
    expect(messages).toEqual([expect.stringMatching(/^masthead\/layered-imports: src\/db may not import from src\/services /)]);
  });

  it('flags I/O modules in a pure folder, with or without the node: prefix and through subpaths', async () => {
    const code = [
      "import fs from 'node:fs';",
      "import { readFile } from 'fs/promises';",
      "import Database from 'better-sqlite3';",
      "import type { Kysely } from 'kysely';",
      'export const x: [typeof fs, typeof readFile, typeof Database, Kysely<object> | null] = [fs, readFile, Database, null];',
    ].join('\n');
    const messages = await layering('src/content/example.ts', code);
    expect(messages).toEqual([
      "masthead/layered-imports: src/content is pure (no I/O) and may not import 'node:fs'.",
      "masthead/layered-imports: src/content is pure (no I/O) and may not import 'fs/promises'.",
      "masthead/layered-imports: src/content is pure (no I/O) and may not import 'better-sqlite3'.",
      "masthead/layered-imports: src/content is pure (no I/O) and may not import 'kysely'.",
    ]);
  });

  it('accepts the arrows the design draws: services -> db and content, web -> services, a file within its own folder', async () => {
    expect(
      await layering(
        'src/services/example.ts',
        "import { getArticleRow } from '../db/articles-repo.js';\nimport type { Status } from '../content/types.js';\nimport { AppError } from '../errors.js';\nimport { x } from './deps.js';\nimport fs from 'node:fs';\nexport { getArticleRow, AppError, x, fs };\nexport type { Status };\n",
      ),
    ).toEqual([]);
    expect(
      await layering(
        'src/web/site/example.ts',
        "export { publish } from '../../services/articles.js';\nexport { renderPage } from '../../render/layout.js';\n",
      ),
    ).toEqual([]);
  });

  it('counts type-only, re-exported, dynamic and deeply nested imports too', async () => {
    expect(
      await layering('src/web/api/admin/media/example.ts', "import type { MediaRow } from '../../../../db/media-repo.js';\nexport type Row = MediaRow;\n"),
    ).toEqual([expect.stringMatching(/src\/web may not import from src\/db /)]);
    expect(await layering('src/render/example.ts', "export * from '../services/articles.js';\n")).toEqual([
      expect.stringMatching(/src\/render may not import from src\/services /),
    ]);
    expect(await layering('src/db/example.ts', "export const load = () => import('../web/app.js');\n")).toEqual([
      expect.stringMatching(/src\/db may not import from src\/web /),
    ]);
    expect(await layering('src/content/example.ts', "export type App = import('../web/app.js').App;\n")).toEqual([
      expect.stringMatching(/src\/content may not import from src\/web \(allowed: nothing;/),
    ]);
  });

  it('keeps the editor bundle to itself and content/', async () => {
    expect(await layering('src/admin-client/example.ts', "import { body } from '../content/body-extensions.js';\nexport { body };\n")).toEqual([]);
    expect(await layering('src/admin-client/example.ts', "import { render } from '../render/html.js';\nexport { render };\n")).toEqual([
      expect.stringMatching(/src\/admin-client may not import from src\/render /),
    ]);
  });

  it('asks a new folder to take its place in the table', async () => {
    expect(await layering('src/newfolder/example.ts', "import { AppError } from '../errors.js';\nexport { AppError };\n")).toEqual([
      'masthead/layered-imports: src/newfolder is not in the LAYERS table of eslint.config.js: say what it may import.',
    ]);
  });

  it("knows typescript-eslint's rule names, so a disable comment for one of them is no error", async () => {
    const [result] = await eslint.lintText('// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const x: any = 1;\n', {
      filePath: path.join(root, 'src/db/example.ts'),
    });
    expect(result?.errorCount).toBe(0);
  });

  it('leaves tests and code outside src/ alone', async () => {
    expect(await layering('src/db/example.test.ts', "import { localChangeBus } from '../services/change-bus.js';\nexport { localChangeBus };\n")).toEqual([]);
    expect(
      await layering('test/support/example.ts', "import fs from 'node:fs';\nimport { connect } from '../../src/db/connect.js';\nexport { fs, connect };\n"),
    ).toEqual([]);
  });
});
