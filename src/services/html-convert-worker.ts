import { parentPort } from 'node:worker_threads';
import { htmlToDocument } from '../importers/html-to-document.js';

/**
 * One converter of the HTML pool (services/html-convert.ts): answers each text of `{ id, htmls }` with its document, in a thread of
 * its own so that a slow conversion never holds up the server's requests, and so that it can be terminated.
 */

// The first conversion builds the editor's schema and loads linkedom: done before saying ready, so that it is not
// charged to the first request's time budget.
htmlToDocument('<p>ready</p>');

// A batch of texts (an importer's bodies) in one message: each answered as soon as it is converted, so the pool
// gives the next one its own time budget and can tell which text a stopped worker was on.
parentPort!.on('message', ({ id, htmls }: { id: number; htmls: string[] }) => {
  for (const html of htmls) {
    try {
      parentPort!.postMessage({ id, doc: htmlToDocument(html) });
    } catch (err) {
      parentPort!.postMessage({ id, error: (err as Error).message });
    }
  }
});
parentPort!.postMessage({ ready: true });
