/**
 * The server for bench/upload-memory.ts: the real `startServer` (configuration from the environment), plus one
 * contributor API key to upload with. Prints `{"ready":true,"port":N,"key":"mhk_…"}`, then answers `{cmd:'rss'}` with
 * process.memoryUsage() and the kernel's peak resident size (VmHWM), in bytes.
 */
import fs from 'node:fs';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/main.js';
import { createApiKey } from '../src/services/api-keys.js';
import { exitWith, serveIpc } from './child.js';

// With the demo, as this bench has always measured it (serve no longer loads it unless asked).
const server = await startServer(loadConfig(process.env), { demo: true });
const { key } = await createApiKey(server.deps, { name: 'upload memory bench', role: 'contributor' });

// The high-water mark the kernel keeps: a peak between two samples is not missed.
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

serveIpc(async (msg) => {
  if (msg.cmd === 'rss') return { ...process.memoryUsage(), peakRss: peakRss() };
  throw new Error(`unknown command ${JSON.stringify(msg.cmd)}`);
});

exitWith(() => server.close());
process.stdout.write(`${JSON.stringify({ ready: true, port: server.port, key, pid: process.pid })}\n`);
