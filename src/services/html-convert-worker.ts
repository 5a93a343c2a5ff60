import { setImmediate as turn } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { htmlToDocument } from '../importers/html-to-document.js';
import type { Doc } from '../content/document.js';
import { documentIssues, withoutBreakMarks } from '../content/document-validate.js';
import { analyseBody } from '../search/analysed-bodies.js';

/**
 * One converter of the HTML pool (services/html-convert.ts): answers each text of `{ id, htmls }` with its document, in a thread of
 * its own so that a slow conversion never holds up the server's requests, and so that it can be terminated.
 */

// The first conversion builds the editor's schema and loads the sanitiser and the parser: done before saying ready, so that it is not
// charged to the first request's time budget.
htmlToDocument('<p>ready</p>');

// A batch of texts (an importer's bodies) in one message: each answered as soon as it is converted, so the pool
// gives the next one its own time budget and can tell which text a stopped worker was on.
//
// One text per turn of the event loop. Found with happy-dom, the DOM before linkedom: it let go of a parsed document
// only in a task of its own after the parse (a microtask is not enough), so a batch converted in one synchronous loop
// kept every document of it alive, some 40 MB each for a 6,000-tag article, and a batch of ordinary long posts ran the
// worker out of its heap (HTML_TOO_COMPLEX "needed more memory"; 40 such texts in one loop kept 1.7 GB, with a turn
// between, 70 MB). Kept with linkedom and with the converter's own DOM: a turn costs nothing beside a conversion, and no
// DOM's clean-up can pile up.
//
// The document goes as its JSON text, not as an object: the pool's thread (an import's, the server's) pays to receive
// it, and reading a structured clone of a deep object cost that thread twice what JSON.parse of its text does (about
// 0.02 ms against 0.009 for a 7-block post); writing either costs this thread the same. JSON is what a document is
// stored as anyway (nothing in one is lost by it: no undefined, NaN or Date).
//
// Texts are answered in the order they came, across messages: the pool sends a busy worker more texts behind those it
// is on (services/html-convert.ts, topUp) and takes each answer for the next of its texts. A second message's handler
// running beside the first's loop (it starts during the first's turn) would interleave them.
const texts: { id: number; html: string }[] = [];
let converting = false;

async function convertAll(): Promise<void> {
  converting = true;
  for (let text = texts.shift(); text; text = texts.shift()) {
    try {
      const doc = htmlToDocument(text.html);
      parentPort!.postMessage({ id: text.id, json: JSON.stringify(doc), clean: isClean(doc), ...analysis(doc) });
    } catch (err) {
      parentPort!.postMessage({ id: text.id, error: (err as Error).message });
    }
    await turn();
  }
  converting = false;
}

// The body's search terms go with it (search/analysed-bodies.ts): this thread has a core to spare while an import's
// thread, which would otherwise work them out at the save, is the one that limits it. A failure there fails nothing.
function analysis(doc: Doc): { terms?: string } {
  try {
    return { terms: analyseBody(doc) };
  } catch {
    return {};
  }
}

// Checked here too, for the same reason: the thread that saves the document then takes this thread's word for it
// (content/sealed-documents.ts). A document that fails the check is checked again there, and refused with its issues.
function isClean(doc: Doc): boolean {
  try {
    return documentIssues(doc).length === 0 && withoutBreakMarks(doc) === doc;
  } catch {
    return false;
  }
}

parentPort!.on('message', ({ id, htmls }: { id: number; htmls: string[] }) => {
  for (const html of htmls) texts.push({ id, html });
  if (!converting) void convertAll();
});
parentPort!.postMessage({ ready: true });
