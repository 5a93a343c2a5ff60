import { parentPort } from 'node:worker_threads';
import { htmlToDocument } from '../importers/html-to-document.js';

/**
 * One converter of the HTML pool (services/html-convert.ts): answers `{ id, html }` with the document, in a thread of
 * its own so that a slow conversion never holds up the server's requests, and so that it can be terminated.
 */

// The first conversion builds the editor's schema and starts happy-dom: done before saying ready, so that it is not
// charged to the first request's time budget.
htmlToDocument('<p>ready</p>');

parentPort!.on('message', ({ id, html }: { id: number; html: string }) => {
  try {
    parentPort!.postMessage({ id, doc: htmlToDocument(html) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
