// ESLint checks one thing here: the layering of src/ (DESIGN.md, "arrows point down only"). Style belongs to Prettier
// and types to tsc, so no other rule is switched on; a rule added later should catch bugs, not taste.
import path from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * What each part of src/ may import from the rest of src/ (a folder, or a file at the top of src/). Imports inside
 * a part are always allowed; a part missing from this table is reported, so a new folder has to say where it sits.
 */
const LAYERS = {
  // Composition root: builds everything, so it may reach everything.
  'main.ts': '*',
  // What every command opens first (logger, database, change bus), apart so one-off commands load only that.
  'open-deps.ts': ['db', 'services', 'config.ts', 'errors.ts'],
  'config.ts': ['content', 'errors.ts'],
  'errors.ts': [],
  // How a worker thread is started, from the bundle or the sources.
  'start-worker.ts': ['errors.ts'],
  // The page cache's render thread: the serving thread's side, and the thread itself (a composition root of its own).
  'page-render-thread.ts': ['start-worker.ts', 'config.ts', 'errors.ts'],
  'page-render-worker.ts': ['main.ts', 'config.ts', 'page-render-thread.ts', 'web'],
  // Pure: no I/O, no SQL, nothing above them.
  content: [],
  render: ['content', 'errors.ts'],
  feeds: ['content', 'render', 'errors.ts'],
  importers: ['content', 'errors.ts'],
  seed: ['content', 'render'],
  // Adapters to the outside world.
  db: ['content', 'errors.ts'],
  mail: ['content', 'errors.ts'],
  outbound: ['content', 'errors.ts'],
  search: ['db', 'content', 'errors.ts'],
  // Use cases.
  services: ['db', 'mail', 'outbound', 'search', 'content', 'render', 'feeds', 'importers', 'seed', 'config.ts', 'errors.ts', 'start-worker.ts'],
  jobs: ['services', 'content', 'errors.ts'],
  // Entry points: HTTP and the command line talk to services, never to the database directly.
  web: ['services', 'content', 'render', 'feeds', 'importers', 'config.ts', 'errors.ts'],
  // page-render-thread.ts: `serve` starts the page render thread before it loads the app (main.ts).
  cli: ['main.ts', 'open-deps.ts', 'page-render-thread.ts', 'services', 'content', 'config.ts', 'errors.ts', 'start-worker.ts'],
  // The editor's browser bundle: shared schemas come from content/, nothing else from the server.
  'admin-client': ['content'],
};

/** Parts that must stay free of I/O. */
const PURE = new Set(['content', 'render', 'feeds', 'importers', 'seed', 'admin-client']);

/** Packages (and their subpaths) that do I/O: files, processes, network, databases, images, mail, logs, SQL. */
const IO_MODULES = [
  'fs',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'cluster',
  'worker_threads',
  'readline',
  'better-sqlite3',
  'pg',
  'kysely',
  'sharp',
  'nodemailer',
  'pino',
  'esbuild',
  '@hono/node-server',
];

function isIoModule(specifier) {
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return IO_MODULES.some((name) => bare === name || bare.startsWith(`${name}/`));
}

/** The part of src/ a path belongs to ('db', 'main.ts', ...), or null outside src/. */
function partOf(srcRoot, file) {
  const rel = path.relative(srcRoot, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  // `../errors.js` in an import is src/errors.ts on disk.
  return rel.split(path.sep)[0].replace(/\.(js|jsx|ts|tsx)$/, '.ts');
}

const layeredImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the layers of src/ (DESIGN.md): arrows point down only, pure parts do no I/O.' },
    schema: [],
    messages: {
      layer: 'src/{{from}} may not import from src/{{to}} (allowed: {{allowed}}; LAYERS in eslint.config.js).',
      io: "src/{{from}} is pure (no I/O) and may not import '{{module}}'.",
      unknown: 'src/{{from}} is not in the LAYERS table of eslint.config.js: say what it may import.',
    },
  },
  create(context) {
    const file = path.resolve(context.cwd, context.filename);
    const srcRoot = path.join(context.cwd, 'src');
    const from = partOf(srcRoot, file);
    if (from === null) return {};
    const allowed = LAYERS[from];

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (!specifier.startsWith('.')) {
        if (PURE.has(from) && isIoModule(specifier)) {
          context.report({ node, messageId: 'io', data: { from, module: specifier } });
        }
        return;
      }
      const to = partOf(srcRoot, path.resolve(path.dirname(file), specifier));
      if (to === null || to === from || allowed === '*' || allowed?.includes(to)) return;
      if (allowed === undefined) {
        context.report({ node, messageId: 'unknown', data: { from } });
        return;
      }
      context.report({
        node,
        messageId: 'layer',
        data: { from, to, allowed: allowed.length > 0 ? allowed.join(', ') : 'nothing' },
      });
    }

    const fromSource = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => check(node.source, node.source.type === 'Literal' ? node.source.value : undefined),
      // `import('../db/x.js').Row` in a type position.
      TSImportType: (node) => {
        const source = 'source' in node ? node.source : node.argument;
        check(source, source?.literal?.value ?? source?.value);
      },
    };
  },
};

export default [
  {
    ignores: ['dist/', 'data/', 'bench/results/', 'bench/.upload-memory/', 'test/fixtures/'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    // Registered, not switched on: a `// eslint-disable-next-line @typescript-eslint/...` comment must name a known rule.
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    // Tests may reach across layers to set up what they check.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { masthead: { rules: { 'layered-imports': layeredImports } } },
    rules: { 'masthead/layered-imports': 'error' },
  },
];
