/**
 * The reference: a bare node:http server that answers every request with bytes held in memory. It is what "as fast as
 * a static file server" means on this machine in this run: the same Node, the same kernel, the same load generator.
 *
 * `node --import tsx bench/reference.ts FILE` where FILE (written by bench/page-capture.ts) holds the responses
 * Masthead gave for one article page: status, headers and body, once without compression and once for the load
 * test's Accept-Encoding. A request that accepts the encoded variant's encoding gets it, any other the identity
 * variant, so both servers put the same bytes on the wire for the same request.
 *
 * Prints `{"ready":true,"port":N}`; answers IPC {cmd:'rss'} like bench/server.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import { acceptsEncoding, type CapturedPage } from './page-capture.js';
import { exitWith, serveIpc } from './child.js';

const file = process.argv[2];
if (!file) throw new Error('usage: reference.ts CAPTURED_PAGE.json');
const page = JSON.parse(fs.readFileSync(file, 'utf8')) as CapturedPage;
const variants = page.variants.map((v) => ({ ...v, bytes: Buffer.from(v.body, 'base64') }));
const identity = variants.find((v) => !v.encoding) ?? variants[0]!;
const encoded = variants.filter((v) => v.encoding);

// The choice is remembered per Accept-Encoding value, as Masthead remembers it: a reference that parsed the header on
// every request would be slower than it needs to be, and flatter Masthead.
const chosen = new Map<string, (typeof variants)[number]>();
const server = http.createServer((req, res) => {
  const accept = req.headers['accept-encoding'] ?? '';
  let v = chosen.get(accept);
  if (!v) {
    v = (accept && encoded.find((e) => acceptsEncoding(accept, e.encoding!))) || identity;
    if (chosen.size < 256) chosen.set(accept, v);
  }
  res.writeHead(v.status, v.headers);
  res.end(v.bytes);
});

serveIpc(async (msg) => {
  if (msg.cmd === 'rss') return { ...process.memoryUsage() };
  throw new Error(`unknown command ${JSON.stringify(msg.cmd)}`);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ ready: true, port, pid: process.pid })}\n`);
});

exitWith(() => new Promise<void>((resolve) => server.close(() => resolve())));
