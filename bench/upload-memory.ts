/**
 * `node --import tsx bench/upload-memory.ts [--count 4] [--side 9990]`: the memory an upload burst costs (issue 10,
 * item 4). Starts the server as its own process (bench/upload-server.ts, bundled as production runs it), warms sharp
 * up with one small upload, then posts `count` solid-colour PNGs of side × side pixels at once (a few hundred KB on
 * the wire each, hundreds of MB decoded) and prints the server's RSS before, at its peak and after, with each answer's
 * status and code. Not part of `npm run bench`: it is one number for one finding.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import sharp from 'sharp';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '4' }, side: { type: 'string', default: '9990' } } });
const count = Number(args.count);
const side = Number(args.side);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-upload-memory-'));
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

// Different colours, so each is a new item and none is answered from the library as a duplicate.
const images = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    sharp({ create: { width: side, height: side, channels: 3, background: { r: (37 * i) % 256, g: 90 + (i >> 3), b: (200 + 53 * i) % 256 } } })
      .png({ compressionLevel: 9 })
      .toBuffer(),
  ),
);
const small = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c0392b' } })
  .jpeg()
  .toBuffer();

const server = await startServer({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', SITE_URL: 'http://127.0.0.1' });
try {
  const base = `http://127.0.0.1:${server.ready['port']}`;
  const key = String(server.ready['key']);
  const post = async (bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    form.append('alt', name);
    const started = performance.now();
    const res = await fetch(`${base}/api/admin/v1/media`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { code?: string };
    return { name, status: res.status, code: body.code ?? '', retryAfter: res.headers.get('retry-after'), ms: Math.round(performance.now() - started) };
  };
  const rss = () => server.request<{ rss: number; peakRss: number }>({ cmd: 'rss' });

  const idle = await rss();
  console.log(`idle:          RSS ${mb(idle.rss)}`);
  const warm = await post(small, 'warm-up.jpg');
  const before = await rss();
  console.log(`after warm-up: RSS ${mb(before.rss)} (peak so far ${mb(before.peakRss)}); warm-up upload ${warm.status} in ${warm.ms} ms`);
  console.log(`posting ${count} PNGs of ${side} × ${side} px (${images.map((b) => `${Math.round(b.length / 1024)} KB`).join(', ')}) at once`);
  const results = await Promise.all(images.map((b, i) => post(b, `huge-${i + 1}.png`)));
  for (const r of results) console.log(`  ${r.name}: ${r.status} ${r.code}${r.retryAfter ? ` Retry-After: ${r.retryAfter}` : ''} in ${r.ms} ms`);
  const after = await rss();
  console.log(`after:         RSS ${mb(after.rss)}, peak ${mb(after.peakRss)} (before the burst ${mb(before.rss)})`);
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Bundled like bin/build.mjs into bench/.upload-memory/ (removed after), where `node_modules` is found as the server
 * finds it; bench/child.ts bundles into node_modules/.cache, which may be another checkout's.
 */
async function startServer(env: NodeJS.ProcessEnv) {
  const root = path.resolve(import.meta.dirname, '..');
  const outdir = path.join(root, 'bench', '.upload-memory');
  await build({
    entryPoints: { 'upload-server': path.join(root, 'bench', 'upload-server.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  const proc = spawn(process.execPath, [path.join(outdir, 'upload-server.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = '';
    proc.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
    proc.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
  let nextId = 1;
  return {
    ready,
    request<T>(msg: Record<string, unknown>): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve) => {
        const onMessage = (m: Record<string, unknown>) => {
          if (m['id'] !== id) return;
          proc.off('message', onMessage);
          resolve(m as T);
        };
        proc.on('message', onMessage);
        proc.send({ ...msg, id });
      });
    },
    stop: async () => {
      proc.removeAllListeners('exit');
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
      fs.rmSync(outdir, { recursive: true, force: true });
    },
  };
}
