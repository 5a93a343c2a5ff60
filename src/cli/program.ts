import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../config.js';
import type { OpenedDeps } from '../open-deps.js';
import { ROLES } from '../content/types.js';
import { AppError, isAppError } from '../errors.js';
import { JOB_STATES, type JobState } from '../services/job-states.js';
import { EXPORT_READ_CHUNK, textChunks } from './text-chunks.js';

// Every command loads what it needs inside its action (`await import()`): `masthead --help` loads commander and this
// file only, and each command its own chunk of the bundle (bin/build.mjs splits at dynamic imports), so no command
// pays at start for the web app, the renderers or the export.
export type Io = { out: (s: string) => void; err: (s: string) => void };
const consoleIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Exit codes: 0 done, 1 the work failed (message and hint printed), 2 the command line was wrong. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Io = consoleIo): Promise<number> {
  let config: Config | undefined;
  const cfg = async () => (config ??= (await import('../config.js')).loadConfig(env));
  // A command that waits for another process's migration says so, rather than seeming to hang.
  const onWait = (message: string) => io.err(`${message}\n`);
  /** A one-off command's database: opened quietly, migrated (unless it is `migrate` itself), always closed. */
  const withDb = async <T>(work: (deps: OpenedDeps, c: Config) => Promise<T>, opts: { migrate?: boolean; bulkRead?: boolean } = {}): Promise<T> => {
    const c = await cfg();
    const [{ createLogger, openDeps }, { migrate }] = await Promise.all([import('../open-deps.js'), import('../services/database.js')]);
    const deps = await openDeps(c, createLogger({ logLevel: 'silent' }), { bulkRead: opts.bulkRead });
    try {
      if (opts.migrate !== false) await migrate(deps.db, { onWait });
      return await work(deps, c);
    } finally {
      await deps.db.close();
    }
  };
  let code = 0;

  const program = new Command('masthead')
    .description('Masthead: a publishing platform for multilingual newsrooms')
    .exitOverride()
    .showHelpAfterError('(run "masthead --help" for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .allowExcessArguments(false);

  program
    .command('serve')
    .description('migrate, create the first admin in a new database, and serve the site')
    .option('--demo', 'load the demo newsroom into a database without articles (npm start does; never with NODE_ENV=production)')
    .action(async (opts: { demo?: boolean }) => {
      const c = await cfg();
      const demo = demoOnStart(opts.demo === true || c.demo, c);
      if (demo.warning) io.err(`  Warning: ${demo.warning}\n`);
      // The page render thread first: it compiles its copy of the app while this thread loads its own (main.ts).
      const [{ startRenderThread }, { createLogger }] = await Promise.all([import('../page-render-thread.js'), import('../open-deps.js')]);
      const renderThread = startRenderThread(c, createLogger(c));
      const [{ startServer }, { describeSmtp }] = await Promise.all([import('../main.js'), import('../services/mail.js')]);
      const s = await startServer(c, { demo: demo.load, renderThread });
      // Before the lines below: a process manager (or a test) that waits for "serving … on" may stop the server the
      // instant it reads them, and a SIGTERM landing between the write and the handler killed it outright (exit by
      // signal, not 0).
      const stop = async () => {
        await s.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (s.first.admin) {
        io.out(`\n  Admin login (shown once, keep it somewhere safe):\n    email:    ${s.first.admin.email}\n    password: ${s.first.admin.password}\n\n`);
      }
      io.out(`  Masthead is serving ${c.siteUrl} on http://${c.host}:${s.port} (database ${s.deps.db.describe})\n`);
      io.out(`  Admin: ${c.siteUrl}/admin/login · mail ${c.smtpUrl ? `through ${describeSmtp(c.smtpUrl)}` : 'printed here (set SMTP_URL to send it)'}\n`);
      code = -1; // keep running
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      await withDb(
        async (deps) => {
          const { migrate } = await import('../services/database.js');
          const { applied } = await migrate(deps.db, { onWait });
          io.out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
        },
        { migrate: false },
      );
    });

  program
    .command('seed')
    .description('load content into the database')
    .requiredOption('--demo', 'the bundled bilingual demo newsroom (idempotent)')
    .action(async () => {
      await withDb(async (deps, c) => {
        const { seedDemo } = await import('../services/seed-demo.js');
        const r = await seedDemo(deps, c.dataDir);
        io.out(`Demo content: ${r.created} article(s) created, ${r.skipped} already present.\n`);
      });
    });

  const user = program.command('user').description('manage newsroom accounts');
  user
    .command('create')
    .description('create an account; prints a generated password once unless --password is given')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--password <password>', 'at least 12 characters (default: generated)')
    .action(async (opts: { email: string; name: string; role: string; password?: string }) => {
      await withDb(async (deps) => {
        const { createUser } = await import('../services/create-user.js');
        const u = await createUser(deps, opts);
        io.out(`Created ${opts.role} ${u.email}${opts.password ? '' : `\n  password (shown once): ${u.password}`}\n`);
      });
    });

  user
    .command('reset-2fa <email>')
    .description('turn two-factor sign-in off for an account that lost its app and recovery codes, and end its sessions')
    .action(async (email: string) => {
      await withDb(async (deps) => {
        const { resetTwoFactor } = await import('../services/two-factor.js');
        const r = await resetTwoFactor(deps, email);
        io.out(
          `${r.wasOn ? `Two-factor sign-in is now off for ${r.email}` : `Two-factor sign-in was not on for ${r.email}; nothing to turn off`}; ${r.sessionsEnded} session(s) ended.\n  They log in with their password${r.wasOn ? ' and set two-factor sign-in up again on /admin/account (at once, if an admin requires it)' : ''}.\n`,
        );
      });
    });

  const apikey = program.command('apikey').description('manage Admin API keys (only a hash of each key is stored)');
  apikey
    .command('create')
    .description('create a key acting with a role; prints the key once')
    .requiredOption('--name <name>', 'what uses the key (e.g. "wire importer")')
    .addOption(new Option('--role <role>', 'the role the key acts with').choices([...ROLES]).makeOptionMandatory())
    .action(async (opts: { name: string; role: string }) => {
      await withDb(async (deps) => {
        const { createApiKey } = await import('../services/api-keys.js');
        const k = await createApiKey(deps, { name: opts.name, role: opts.role });
        io.out(
          `Created API key ${k.id} (${k.role}, ${k.prefix}…)\n  key (shown once, keep it somewhere safe): ${k.key}\n  send it as the header: Authorization: Bearer <key>\n`,
        );
      });
    });
  apikey
    .command('list')
    .description('list keys: id, prefix, name, role, created, last used, revoked')
    .action(async () => {
      await withDb(async (deps) => {
        const { listApiKeys } = await import('../services/api-keys.js');
        const keys = await listApiKeys(deps);
        if (!keys.length) io.out('No API keys. Create one with: masthead apikey create --name NAME --role editor\n');
        for (const k of keys) {
          io.out(
            `${k.id}\t${k.prefix}…\t${k.name}\t${k.role}\tcreated ${k.createdAt}\t${k.lastUsedAt ? `last used ${k.lastUsedAt}` : 'never used'}\t${k.revokedAt ? `REVOKED ${k.revokedAt}` : 'active'}\n`,
          );
        }
      });
    });
  apikey
    .command('revoke <id>')
    .description('revoke a key at once (its next request is refused)')
    .action(async (rawId: string) => {
      if (!/^\d{1,12}$/.test(rawId)) {
        io.err(`error: "${rawId}" is not a key id (run "masthead apikey list")\n`);
        code = 2;
        return;
      }
      await withDb(async (deps) => {
        const { revokeApiKey } = await import('../services/api-keys.js');
        const r = await revokeApiKey(deps, Number(rawId));
        io.out(r.revoked ? `Revoked API key ${rawId}.\n` : `API key ${rawId} was already revoked.\n`);
      });
    });

  const jobs = program.command('jobs').description('durable jobs (scheduled publications): see what ran or failed, retry a failed one');
  jobs
    .command('list')
    .description('jobs newest first: id, kind, article, state, attempts, when due, last error')
    .addOption(new Option('--state <state>', 'only jobs in this state').choices([...JOB_STATES]))
    .action(async (opts: { state?: JobState }) => {
      await withDb(async (deps) => {
        const { jobsList } = await import('../services/jobs.js');
        const list = await jobsList(deps, opts.state ? { state: opts.state } : {});
        if (!list.length) io.out(opts.state ? `No ${opts.state} jobs.\n` : 'No jobs.\n');
        for (const j of list) {
          io.out(
            `${j.id}\t${j.kind}\t${j.articleId !== null ? `article ${j.articleId}` : '-'}\t${j.state}\tattempts ${j.attempts}\tdue ${j.runAt}${j.lastError ? `\t${j.lastError}` : ''}\n`,
          );
        }
      });
    });
  jobs
    .command('retry <id>')
    .description('queue a failed or cancelled job again, due now (a running server picks it up within a minute)')
    .action(async (rawId: string) => {
      if (!/^\d{1,12}$/.test(rawId)) {
        io.err(`error: "${rawId}" is not a job id (run "masthead jobs list --state failed")\n`);
        code = 2;
        return;
      }
      await withDb(async (deps) => {
        const { retryFailedJob } = await import('../services/jobs.js');
        const j = await retryFailedJob(deps, Number(rawId));
        io.out(`Job ${j.id} (${j.kind}) is queued again, due ${j.runAt}.\n`);
      });
    });

  const partner = program.command('partner').description('partner outlets whose feeds the wire desk ingests');
  partner
    .command('add')
    .description('add a partner outlet and its feed (polled by the ingest)')
    .requiredOption('--name <name>', "the outlet's name in its own language")
    .requiredOption('--feed-url <url>', 'its RSS 0.9x/1.0/2.0, Atom or JSON Feed address')
    .requiredOption('--language <lang>', 'the language it publishes in (e.g. ru)')
    .option('--url <url>', "the outlet's site (default: the feed's origin)")
    .option('--licence <text>', 'the licence terms its copy is republished under')
    .action(async (opts: { name: string; feedUrl: string; language: string; url?: string; licence?: string }) => {
      await withDb(async (deps, c) => {
        const { createPartner } = await import('../services/partners.js');
        let site = opts.url;
        if (site === undefined) {
          try {
            site = new URL(opts.feedUrl).origin;
          } catch {
            site = opts.feedUrl; // refused below, naming the field
          }
        }
        const names = c.locales.includes(opts.language) ? { [opts.language]: opts.name } : { [c.defaultLocale]: opts.name };
        const p = await createPartner(deps, SYSTEM, c.locales, {
          names,
          url: site,
          feedUrl: opts.feedUrl,
          locale: opts.language,
          licence: opts.licence ?? null,
        });
        io.out(`Added partner ${p.id} "${p.name}" (${p.locale}), feed ${p.feedUrl}\n  Poll it now with: masthead ingest run --partner ${p.id}\n`);
      });
    });
  partner
    .command('list')
    .description('list partners: id, name, language, feed, active, articles crediting it')
    .action(async () => {
      await withDb(async (deps) => {
        const { listAllPartners } = await import('../services/partners.js');
        const list = await listAllPartners(deps);
        if (!list.length) io.out('No partners. Add one with: masthead partner add --name NAME --feed-url URL --language ru\n');
        for (const p of list) {
          io.out(`${p.id}\t${p.name}\t${p.locale}\t${p.feedUrl ?? '(no feed)'}\t${p.active ? 'active' : 'INACTIVE'}\t${p.articles} article(s)\n`);
        }
      });
    });
  partner
    .command('remove <partner>')
    .description('delete a partner (by id or name); one credited by articles is made inactive instead, keeping their credit')
    .action(async (ref: string) => {
      await withDb(async (deps, c) => {
        const { deletePartner, listAllPartners, updatePartner } = await import('../services/partners.js');
        const p = pickPartner(await listAllPartners(deps), ref);
        if (p.articles > 0) {
          if (p.active) await updatePartner(deps, SYSTEM, c.locales, p.id, { active: false });
          io.out(
            `Partner ${p.id} "${p.name}" is credited by ${p.articles} article(s), so it was ${p.active ? 'made inactive' : 'already inactive'} instead of deleted: those stories keep the credit, its feed is no longer polled.\n`,
          );
          return;
        }
        await deletePartner(deps, SYSTEM, p.id);
        io.out(`Deleted partner ${p.id} "${p.name}".\n`);
      });
    });

  program
    .command('ingest')
    .description('partner feeds')
    .command('run')
    .description('poll partner feeds now and print, per partner, how many stories were new, duplicate or failed')
    .option('--partner <partner>', 'only this partner (id or name)')
    .action(async (opts: { partner?: string }) => {
      await withDb(async (deps, c) => {
        const [{ runIngest }, { closeWirePool }] = await Promise.all([import('../services/ingest.js'), import('../services/wire-pool.js')]);
        try {
          const reports = await runIngest(deps, { allowPrivateHosts: c.allowPrivateHosts, ...(opts.partner !== undefined ? { partner: opts.partner } : {}) });
          if (!reports.length) io.out('No active partner has a feed. Add one with: masthead partner add --name NAME --feed-url URL --language ru\n');
          for (const r of reports) {
            if (r.error) {
              io.out(`${r.partnerId}\t${r.partner}\tfailed: [${r.error.code}] ${r.error.message}${r.error.hint ? ` (${r.error.hint})` : ''}\n`);
              code = 1;
              continue;
            }
            io.out(
              `${r.partnerId}\t${r.partner}\t${r.notModified ? 'not modified since the last poll' : `${r.new} new, ${r.duplicate} duplicate, ${r.failed.length} failed`}\n`,
            );
            for (const f of r.failed) io.out(`    failed${f.guid ? ` ${f.guid}` : ''}: ${f.reason}\n`);
          }
        } finally {
          await closeWirePool();
        }
      });
    });

  program
    .command('export')
    .description('write the public site to files')
    .command('static <dir>')
    .description('write every public page, feed, sitemap and image to DIR for a CDN or a mirror (incremental)')
    .option('--base-url <url>', 'the address the copy will be served from (default: SITE_URL)')
    .option('--workers <n>', 'render in this many threads (default: one per core)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number, 1 or more');
      return n;
    })
    .action(async (dir: string, opts: { baseUrl?: string; workers?: number }) => {
      const c = await cfg();
      const siteUrl = (await parseBaseUrl(opts.baseUrl)) ?? c.siteUrl;
      const [{ createSite }, { exportStatic, pageExporter }, { renderPool }, { SingleBar, Presets }] = await Promise.all([
        import('../main.js'),
        import('../services/static-export.js'),
        import('./render-pool.js'),
        import('cli-progress'),
      ]);
      await withDb(
        async (deps) => {
          // Rendered for the mirror's address and without the page cache (every page is rendered exactly once), in a
          // worker per core for large sites.
          const workers = Math.max(1, Math.min(opts.workers ?? os.availableParallelism(), 16));
          const outDir = path.resolve(dir);
          const { app, settings } = createSite(deps, { ...c, siteUrl, cacheMaxBytes: 0 }, { feedsInThread: true });
          await settings;
          const here = pageExporter({ fetch: async (p) => app.request(p), outDir, siteUrl });
          const pool = workers > 1 ? renderPool(workers, { env: { ...env }, siteUrl, outDir }, here) : null;
          const bar =
            process.stderr.isTTY && io === consoleIo
              ? new SingleBar({ format: '  exporting {bar} {value}/{total} pages', hideCursor: true }, Presets.shades_classic)
              : null;
          bar?.start(1, 0);
          let report: Awaited<ReturnType<typeof exportStatic>>;
          try {
            report = await exportStatic({
              exportPage: pool?.exportPage ?? here,
              // Enough queued per worker that none waits for the main thread, which shares the cores with them.
              concurrency: pool ? workers * 16 : 1,
              outDir,
              siteUrl,
              locales: c.locales,
              onProgress: (done, found) => {
                bar?.setTotal(found);
                bar?.update(done);
              },
            });
          } finally {
            bar?.stop();
            await pool?.close();
          }
          const rate = Math.round(report.pages / Math.max(report.seconds, 0.001));
          io.out(
            `Exported ${report.pages} files to ${path.resolve(dir)} for ${siteUrl}: ${report.written} written, ${report.unchanged} unchanged, ${report.removed} removed, in ${report.seconds.toFixed(1)} s (${rate} pages/s).\n`,
          );
          if (report.broken.length) {
            io.err(
              `${report.broken.length} broken internal link(s):\n${report.broken
                .slice(0, 20)
                .map((b) => `  ${b.path} (${b.status}), linked from ${b.from}`)
                .join('\n')}\n`,
            );
            code = 1;
          }
          // Nothing was written or deleted for these, but a story that links them (or a hand-edited manifest) wants a
          // look: the exit code says so to a cron job.
          if (report.refused.length) {
            io.err(
              `${report.refused.length} path(s) refused, kept inside ${outDir}:\n${report.refused
                .slice(0, 20)
                .map((r) => `  ${JSON.stringify(r.path)}: ${r.reason}, ${r.from === '.masthead-export.json' ? 'listed in' : 'linked from'} ${r.from}`)
                .join('\n')}\n`,
            );
            code = 1;
          }
        },
        { bulkRead: true },
      );
    });

  type ImportSummary = {
    source: string;
    seconds: number;
    redirects: number;
    /** WordPress: sticky posts pinned on their front page. */
    stickyPinned?: number;
    mediaKept: string[];
    counts: Record<string, Record<'imported' | 'updated' | 'unchanged' | 'skipped' | 'failed', number>>;
    notes: { kind: string; id: string; line?: number; outcome: string; reason?: string }[];
  };
  type ImportWork = (
    deps: OpenedDeps,
    open: () => AsyncIterable<string>,
    o: {
      locale: string;
      locales: readonly string[];
      media?: { dir: string; options: { dataDir: string; maxBytes: number; maxPixels: number }; who: import('../content/principal.js').Principal };
      onProgress: (done: number) => void;
    },
  ) => Promise<ImportSummary>;
  /**
   * What every `masthead import …` does around its importer: checks the language, the file and the media folder, shows
   * a progress bar (bytes read of the file's passes, records, records per second, ETA), prints the summary and the
   * problems, writes the report file, and exits 1 when a record failed.
   */
  const runImport = async (
    file: string,
    opts: { locale: string; report?: string; mediaDir?: string },
    about: { fileHint: string; mediaHint: string; origin: string; passes: number },
    work: ImportWork,
  ) => {
    const c = await cfg();
    if (!c.locales.includes(opts.locale)) {
      throw new AppError('VALIDATION_FAILED', `--locale ${JSON.stringify(opts.locale)} is not one of the site's languages (${c.locales.join(', ')}).`, {
        hint: "Give the language the posts are written in, e.g. --locale ru; LOCALES lists the site's languages.",
      });
    }
    const size = await fs.promises.stat(file).then(
      (st) => st.size,
      (err: NodeJS.ErrnoException) => {
        throw new AppError('NOT_FOUND', `Cannot read ${file}: ${err.code ?? err.message}.`, { hint: about.fileHint });
      },
    );
    // The import's heap grows by a bounded factor: peak RSS flat whatever the file's size (services/import-heap.ts).
    (await import('../services/import-heap.js')).boundHeapGrowthForImport();
    const mediaDir = opts.mediaDir === undefined ? undefined : path.resolve(opts.mediaDir);
    if (
      mediaDir !== undefined &&
      !(await fs.promises.stat(mediaDir).then(
        (st) => st.isDirectory(),
        () => false,
      ))
    ) {
      throw new AppError('NOT_FOUND', `--media-dir ${opts.mediaDir} is not a folder.`, { hint: about.mediaHint });
    }
    const { SingleBar, Presets } = await import('cli-progress');
    await withDb(async (deps) => {
      const bar =
        process.stderr.isTTY && io === consoleIo
          ? new SingleBar(
              { format: '  importing {bar} {percentage}% · {records} records · {rate}/s · ETA {eta_formatted}', hideCursor: true },
              Presets.shades_classic,
            )
          : null;
      let bytes = 0;
      const started = performance.now();
      const streams: fs.ReadStream[] = [];
      const open = () =>
        (async function* () {
          const stream = fs.createReadStream(file, { highWaterMark: EXPORT_READ_CHUNK });
          streams.push(stream);
          yield* textChunks(stream, (n) => (bytes += n));
        })();
      bar?.start(size * about.passes, 0, { records: 0, rate: 0 });
      let report: ImportSummary;
      // SQLite's checkpoints on a thread of their own while the import writes (services/wal-checkpointer.ts).
      const stopCheckpoints = await (await import('../services/wal-checkpointer.js')).checkpointInBackground(deps.db);
      try {
        report = await work(deps, open, {
          locale: opts.locale,
          locales: c.locales,
          // Uploaded by nobody in particular: the audit rows say the import did it (no user).
          ...(mediaDir
            ? {
                media: {
                  dir: mediaDir,
                  options: { dataDir: c.dataDir, maxBytes: c.mediaMaxBytes, maxPixels: c.mediaMaxPixels },
                  who: { actor: { id: 0, role: 'admin', active: true }, userId: null, apiKeyId: null },
                },
              }
            : {}),
          onProgress: (done) => bar?.update(bytes, { records: done, rate: Math.round(done / Math.max((performance.now() - started) / 1000, 0.001)) }),
        });
      } finally {
        bar?.stop();
        for (const st of streams) st.destroy();
        await stopCheckpoints();
      }
      const line = (kind: string) => {
        const n = report.counts[kind]!;
        return `  ${kind.padEnd(10)} ${n.imported} imported, ${n.updated} updated, ${n.unchanged} unchanged, ${n.skipped} skipped, ${n.failed} failed`;
      };
      io.out(
        `Imported ${file} (${report.source}) in ${report.seconds.toFixed(1)} s:\n${Object.keys(report.counts).map(line).join('\n')}\n  ${report.redirects} old address(es) kept as redirects.\n${report.stickyPinned ? `  ${report.stickyPinned} sticky post(s) pinned on the front page.\n` : ''}`,
      );
      if (report.mediaKept.length)
        io.out(
          `  ${report.mediaKept.length} image(s), featured or in bodies, stay at their ${about.origin} address (${mediaDir ? 'not found in --media-dir' : 'no --media-dir given'}; the report lists them).\n`,
        );
      const problems = report.notes.filter((n) => n.outcome === 'failed' || n.outcome === 'skipped' || n.reason);
      for (const n of problems.slice(0, 20))
        io.err(`  ${n.outcome}: ${n.kind} ${n.id}${n.line ? ` (line ${n.line})` : ''}${n.reason ? `: ${n.reason}` : ''}\n`);
      if (problems.length > 20) io.err(`  … and ${problems.length - 20} more${opts.report ? '' : ' (--report FILE writes them all)'}\n`);
      if (opts.report) {
        await fs.promises.writeFile(opts.report, `${JSON.stringify(report, null, 2)}\n`);
        io.out(`  Report: ${opts.report}\n`);
      }
      if (problems.some((n) => n.outcome === 'failed')) code = 1;
    });
  };

  const importCommand = program.command('import').description("bring another system's content into this site");
  importCommand
    .command('wordpress <file>')
    .description('import a WordPress export (WXR 1.0-1.2): authors, categories, tags and posts; a re-run updates and duplicates nothing')
    .requiredOption('--locale <lang>', 'the language the posts are written in (one of LOCALES)')
    .option('--report <file>', 'write the full report (every failed, skipped or warned record) to this JSON file')
    .option('--media-dir <dir>', "a copy of the site's wp-content/uploads folder: images go into the media library, featured images become heroes")
    .action(async (file: string, opts: { locale: string; report?: string; mediaDir?: string }) => {
      const { importWordPress } = await import('../services/wordpress-import.js');
      await runImport(
        file,
        opts,
        {
          fileHint: 'Give the path of the .xml file WordPress exported (Tools → Export).',
          mediaHint: "Give a copy of the site's wp-content/uploads folder (the one holding the year folders).",
          origin: 'WordPress',
          passes: 1,
        },
        (deps, open, o) => importWordPress(deps, open(), o),
      );
    });
  importCommand
    .command('ghost <file>')
    .description('import a Ghost export (JSON, Ghost 0.x-6.x): authors, tags, posts and pages; a re-run updates and duplicates nothing')
    .requiredOption('--locale <lang>', 'the language the posts are written in (one of LOCALES)')
    .option('--report <file>', 'write the full report (every failed, skipped or warned record) to this JSON file')
    .option('--media-dir <dir>', "a copy of the site's content/images folder: feature images go into the media library as heroes")
    .option(
      '--site-url <url>',
      "the Ghost site's address: its absolute image URLs are looked up in --media-dir too (relative and __GHOST_URL__ ones always are)",
    )
    .action(async (file: string, opts: { locale: string; report?: string; mediaDir?: string; siteUrl?: string }) => {
      const { importGhost } = await import('../services/ghost-import.js');
      await runImport(
        file,
        opts,
        {
          fileHint: 'Give the path of the .json file Ghost exported (Settings → Labs → Export, or Settings → Advanced → Import/Export).',
          mediaHint: "Give a copy of the Ghost site's content/images folder (the one holding the year folders).",
          origin: 'Ghost',
          passes: 2,
        },
        (deps, open, o) => importGhost(deps, open, { ...o, siteUrl: opts.siteUrl }),
      );
    });

  program
    .command('search')
    .description('the full-text search index')
    .command('reindex')
    .description('rebuild the search index from every article (safe to run again; saves keep it current after)')
    .action(async () => {
      const [{ reindexSearch, reanalyzeSearchTexts }, { SingleBar, Presets }] = await Promise.all([import('../services/search.js'), import('cli-progress')]);
      await withDb(async (deps) => {
        const bar =
          process.stderr.isTTY && io === consoleIo
            ? new SingleBar(
                { format: '  indexing {bar} {percentage}% · {value}/{total} articles · ETA {eta_formatted}', hideCursor: true },
                Presets.shades_classic,
              )
            : null;
        const started = performance.now();
        let n: number;
        try {
          n = await reindexSearch(deps, (done, total) => (done === 0 ? bar?.start(total, 0) : bar?.update(done)));
        } finally {
          bar?.stop();
        }
        const seconds = (performance.now() - started) / 1000;
        io.out(`Indexed ${n} article(s) in ${seconds.toFixed(1)} s (${Math.round(n / Math.max(seconds, 0.001))} articles/s).\n`);
        // The media library's and the wire inbox's text (migration 0026): rows written before it are re-analysed.
        const rows = await reanalyzeSearchTexts(deps);
        io.out(`Re-analysed the searchable text of ${rows} media item(s) and wire stories (those not current).\n`);
      });
    });

  program
    .command('doctor')
    .description('check configuration, database and data folder')
    .action(async () => {
      code = await doctor(env, io);
    });

  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    return reportError(e, io);
  }
}

/** What a command run by the operator acts as: an admin that is nobody in particular (audit rows name no user). */
const SYSTEM = { actor: { id: 0, role: 'admin' as const, active: true }, userId: null, apiKeyId: null };

/** A partner by id or by name (any of its names, case-insensitive). */
function pickPartner<P extends { id: number; name: string; names: Record<string, string> }>(list: P[], ref: string): P {
  const byId = /^\d{1,12}$/.test(ref) ? list.find((p) => p.id === Number(ref)) : undefined;
  const wanted = ref.trim().toLowerCase();
  const found = byId ?? list.find((p) => p.name.toLowerCase() === wanted || Object.values(p.names).some((n) => n.toLowerCase() === wanted));
  if (!found) throw new AppError('NOT_FOUND', `No partner "${ref}".`, { hint: 'Give its id or name as "masthead partner list" shows them.' });
  return found;
}

/**
 * Whether a start loads the demo newsroom: when asked (--demo, MASTHEAD_DEMO), and never in production, where the
 * request is ignored with a warning rather than refused: `npm start` asks for it, and a live site started that way
 * must come up, without demo stories.
 */
export function demoOnStart(asked: boolean, c: Pick<Config, 'production'>): { load: boolean; warning: string | null } {
  if (!asked) return { load: false, warning: null };
  if (c.production) {
    return {
      load: false,
      warning:
        'NODE_ENV=production, so the demo newsroom is not loaded (--demo and MASTHEAD_DEMO are ignored in production). To load it into this database anyway: masthead seed --demo',
    };
  }
  return { load: true, warning: null };
}

async function parseBaseUrl(raw: string | undefined): Promise<string | undefined> {
  if (raw === undefined) return undefined;
  const { z } = await import('zod');
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `--base-url "${raw}" is not an http(s) URL.`, { hint: 'Example: --base-url https://mirror.example.org/news' });
  }
  return parsed.data.replace(/\/+$/, '');
}

function reportError(e: unknown, io: Io): number {
  if (isAppError(e)) {
    io.err(`Error [${e.code}]: ${e.message}\n${e.hint ? `How to fix: ${e.hint}\n` : ''}`);
    return 1;
  }
  io.err(`Unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}

/** Each check prints ✓ or ✗ with what to do; the exit code is 1 if any failed. */
async function doctor(env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let failed = 0;
  const check = async (name: string, fn: () => Promise<string> | string) => {
    try {
      io.out(`✓ ${name}: ${await fn()}\n`);
    } catch (e) {
      failed++;
      io.out(`✗ ${name}: ${isAppError(e) ? `${e.message}${e.hint ? `\n    How to fix: ${e.hint}` : ''}` : (e as Error).message}\n`);
    }
  };
  let config: Config | undefined;
  await check('configuration', async () => {
    config = (await import('../config.js')).loadConfig(env);
    return `site ${config.siteUrl}, locales ${config.locales.join(',')} (default ${config.defaultLocale})`;
  });
  if (!config) return 1;
  const c = config;
  await check('data folder', () => {
    fs.mkdirSync(c.dataDir, { recursive: true });
    const probe = path.join(c.dataDir, `.doctor-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
    return `${c.dataDir} is writable`;
  });
  await check('database', async () => {
    const [{ createLogger, openDeps }, { appliedMigrationCount, ping }] = await Promise.all([import('../open-deps.js'), import('../services/database.js')]);
    const deps = await openDeps(c, createLogger({ logLevel: 'silent' }));
    try {
      await ping(deps.db);
      const done = await appliedMigrationCount(deps.db);
      return `${deps.db.describe} answers; ${done !== null ? `${done} migration(s) applied` : 'not migrated yet (run masthead migrate)'}`;
    } finally {
      await deps.db.close();
    }
  });
  return failed ? 1 : 0;
}
