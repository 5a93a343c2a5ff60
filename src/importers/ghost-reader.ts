import { Readable } from 'node:stream';
import { parser } from 'stream-json';
import Assembler from 'stream-json/assembler.js';

/*
 * Reads a Ghost export (JSON, Ghost 0.x to 6.x) as a stream of rows, one table row at a time, so that memory stays flat
 * whatever the file's size: stream-json tokenises the file chunk by chunk and only the rows of the tables asked for are
 * assembled, one by one. Accepts the three shapes Ghost has written: `{db: [{meta, data}]}` (0.x LTS), `{meta, data}`
 * and the same inside a one-element array. Pure: no database, no files; services/ghost-import.ts does the rest.
 */

export type GhostRow = Record<string, unknown>;
export type GhostRecord = { kind: 'meta'; meta: { version: string; exportedOn: string | number | null } } | { kind: 'row'; table: string; row: GhostRow };

/** Why a file could not be read to its end, and where (bytes and lines read when the parser stopped). */
export class GhostFileError extends Error {
  constructor(
    message: string,
    readonly byte: number,
    readonly line: number,
  ) {
    super(message);
    this.name = 'GhostFileError';
  }
}

/** Ghost's major versions this reader knows: 0 (LTS) to 6. */
export const GHOST_MAJORS = [0, 1, 2, 3, 4, 5, 6] as const;
/** A row larger than this (a post body of 16 MB of JSON) is not an article: the file is refused there. */
export const GHOST_MAX_VALUE_CHARS = 16 * 1024 * 1024;

type Frame = { type: 'object' | 'array'; key: string | null; index: number };

/**
 * The rows of `tables` (`posts`, `tags`, …), in file order, and the export's `meta` when it is read. Throws
 * GhostFileError for invalid JSON, a truncated file, a shape that is not a Ghost export or an unknown version.
 */
export async function* readGhost(chunks: AsyncIterable<string | Uint8Array>, tables: ReadonlySet<string>): AsyncGenerator<GhostRecord> {
  let bytes = 0;
  let lines = 1;
  const counted = (async function* () {
    for await (const c of chunks) {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      bytes += b.length;
      for (const x of b) if (x === 10) lines++;
      yield b;
    }
  })();
  const fail = (msg: string): never => {
    throw new GhostFileError(msg, bytes, lines);
  };
  const tokens = Readable.from(counted).pipe(parser.asStream({ streamValues: false, maxPackedLength: GHOST_MAX_VALUE_CHARS, maxDepth: 64 }));
  const stack: Frame[] = [];
  let pendingKey: string | null = null;
  let asm: Assembler | null = null;
  let asmTable = '';
  let metaAsm: Assembler | null = null;
  let sawData = false;
  let sawMeta = false;
  let rootChecked = false;

  /** Where the value about to start sits: `data`/`meta` of an export object, or a row of `data.<table>`. */
  const path = () => stack.map((f) => (f.type === 'object' ? f.key : f.index));
  /** The export object's depth: 1 for `{meta, data}`, 3 for `{db: [{meta, data}]}`, 2 for `[{meta, data}]`. */
  const exportDepth = (p: (string | number | null)[]) => {
    if (p.length >= 1 && stack[0]!.type === 'object' && (p[0] === 'data' || p[0] === 'meta')) return 1;
    if (p.length >= 3 && p[0] === 'db' && typeof p[1] === 'number' && (p[2] === 'data' || p[2] === 'meta')) return 3;
    if (p.length >= 2 && stack[0]!.type === 'array' && typeof p[0] === 'number' && (p[1] === 'data' || p[1] === 'meta')) return 2;
    return -1;
  };

  try {
    for await (const tok of tokens as AsyncIterable<{ name: string; value?: string }>) {
      if (!rootChecked) {
        rootChecked = true;
        if (tok.name !== 'startObject' && tok.name !== 'startArray') fail('not a Ghost export: the file is not a JSON object');
      }
      if (asm || metaAsm) {
        const a = (asm ?? metaAsm)!;
        a.consume(tok as never);
        if (a.done) {
          if (asm) {
            const row = asm.current;
            asm = null;
            const top = stack[stack.length - 1]!;
            top.index++;
            if (row && typeof row === 'object' && !Array.isArray(row)) yield { kind: 'row', table: asmTable, row: row as GhostRow };
          } else {
            const m = metaAsm!.current as Record<string, unknown> | null;
            metaAsm = null;
            sawMeta = true;
            const version = typeof m?.version === 'string' || typeof m?.version === 'number' ? String(m.version) : '';
            // 0.x writes its database schema version ("003", "004"); 1.x+ the Ghost version ("4.48.2").
            const major = /^\d{3}$/.test(version) ? 0 : /^(\d+)\.\d+/.test(version) ? Number(/^(\d+)\./.exec(version)![1]) : NaN;
            if (!(GHOST_MAJORS as readonly number[]).includes(major))
              fail(`unknown Ghost export version ${JSON.stringify(version || null)} in meta (known: 0.x to 6.x)`);
            const ex = m?.exported_on;
            yield { kind: 'meta', meta: { version, exportedOn: typeof ex === 'string' || typeof ex === 'number' ? ex : null } };
          }
        }
        continue;
      }
      const starts = tok.name === 'startObject' || tok.name === 'startArray';
      const scalar = /^(stringValue|numberValue|nullValue|trueValue|falseValue)$/.test(tok.name);
      if (starts || scalar) {
        const p = path();
        const d = exportDepth(p);
        if (d > 0 && p.length === d && p[d - 1] === 'meta') {
          if (tok.name !== 'startObject') fail('not a Ghost export: "meta" is not an object');
          metaAsm = new Assembler();
          metaAsm.consume(tok as never);
          continue;
        }
        if (d > 0 && p.length === d && p[d - 1] === 'data') {
          if (tok.name !== 'startObject') fail('not a Ghost export: "data" is not an object');
          sawData = true;
        }
        if (d > 0 && p.length === d + 1 && p[d - 1] === 'data' && tok.name !== 'startArray' && tok.name !== 'nullValue')
          fail(`not a Ghost export: data.${String(p[d])} is not an array`);
        if (d > 0 && p.length === d + 2 && p[d - 1] === 'data' && tables.has(String(p[d]))) {
          if (tok.name !== 'startObject') fail(`not a Ghost export: a row of data.${String(p[d])} is not an object`);
          asm = new Assembler();
          asmTable = String(p[d]);
          asm.consume(tok as never);
          continue;
        }
      }
      if (tok.name === 'keyValue') {
        pendingKey = tok.value ?? '';
        stack[stack.length - 1]!.key = pendingKey;
      } else if (starts) {
        stack.push({ type: tok.name === 'startObject' ? 'object' : 'array', key: null, index: 0 });
      } else if (tok.name === 'endObject' || tok.name === 'endArray') {
        stack.pop();
        const top = stack[stack.length - 1];
        if (top?.type === 'array') top.index++;
      } else if (scalar) {
        const top = stack[stack.length - 1];
        if (top?.type === 'array') top.index++;
      }
    }
  } catch (err) {
    if (err instanceof GhostFileError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    fail(`invalid JSON: ${msg.replace(/^Parser /, 'the parser ')}`);
  }
  if (stack.length) fail('the file ends in the middle of the export (truncated?)');
  if (!sawData) fail('not a Ghost export: no "data" object (expected {"db": [{"meta", "data"}]} or {"meta", "data"})');
  if (!sawMeta) fail('not a Ghost export: no "meta" with the Ghost version');
}
