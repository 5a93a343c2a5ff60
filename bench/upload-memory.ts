/**
 * `node --import tsx bench/upload-memory.ts [--count 4] [--side 9990]`: the memory an upload burst costs (issue 10,
 * item 4). Starts the server as its own process (bench/upload-server.ts, bundled as production runs it), warms sharp
 * up with one small upload, then posts `count` solid-colour PNGs of side × side pixels at once (a few hundred KB on
 * the wire each, billions of bytes if decoded whole) and prints the server's RSS before, at its peak and after, with
 * each answer's status and code. Not part of `npm run bench`: it is one number for one finding.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { startChild } from './child.js';

const { values: args } = parseArgs({ options: { count: { type: 'string', default: '4' }, side: { type: 'string', default: '9990' } } });
const count = Number(args.count);
const side = Number(args.side);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-upload-memory-'));
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

// Different colours, so each is a new item and none is answered from the library as a duplicate.
const images = await Promise.all(
  Array.from({ length: count }, (_, i) => sharp({ create: { width: side, height: side, channels: 3, background: { r: 40 * i, g: 90, b: 200 - 30 * i } } }).png({ compressionLevel: 9 }).toBuffer()),
);
const small = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c0392b' } }).jpeg().toBuffer();

const server = await startChild('bench/upload-server.ts', [], {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  SITE_URL: 'http://127.0.0.1',
});
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
