import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The results table. Every row names the measure, Masthead's figure, the reference's figure from the same run (where
 * there is one), the ratio or the target, and pass/fail. Rows start with the measure's letter from issue 5, so a
 * reader (and test/bench-quick.test.ts) can find each one.
 */
export type Verdict = 'PASS' | 'FAIL' | 'n/a' | '—';
export type Row = { measure: string; masthead: string; reference: string; target: string; result: Verdict };

export const NA = 'n/a';
export const NONE = '—';

export function num(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : NA;
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with enough digits to tell 0.4 from 4 from 40. */
export const ms = (n: number) => num(n, n < 10 ? 2 : n < 100 ? 1 : 0);
export const mb = (bytes: number) => num(bytes / 2 ** 20);
export const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL');

export type Machine = { node: string; cpu: string; cores: number; memoryGb: number; os: string; date: string; loadAverage: string };

export function machine(): Machine {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    // Other work on the machine skews every figure (the reference's too); the 1-minute load average shows it.
    loadAverage: os.loadavg()[0]!.toFixed(2),
  };
}

export function renderMarkdown(r: { rows: Row[]; machine: Machine; command: string; notes: string[]; title: string }): string {
  const head = ['measure', 'Masthead', 'reference', 'ratio / target', 'result'];
  const lines = [
    `# ${r.title}`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...r.rows.map((row) => `| ${[row.measure, row.masthead, row.reference, row.target, row.result].map(cell).join(' | ')} |`),
    '',
    `Machine: Node ${r.machine.node}, ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, ${r.machine.os}.`,
    `Date: ${r.machine.date}. Load average (1 min) when the report was written: ${r.machine.loadAverage}.`,
    '',
    'Command:',
    '',
    '```sh',
    r.command,
    '```',
    '',
    'Notes:',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The rows of a results table as [measure, Masthead, reference, ratio/target, result]: every row whose measure starts
 * with a letter and a dot. test/bench-quick.test.ts once kept only `a.` to `j.`, so the import's rows (`k.`) were
 * never found and their check was dropped as failing in CI.
 */
export function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => /^\| [a-z]\. /.test(l))
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim()),
    );
}

/** Writes `DIR/YYYY-MM-DD-HHMM.md` (UTC) and `DIR/latest.md`; returns the dated file's path. */
export function writeResults(dir: string, markdown: string, startedAt: Date): string {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  const file = path.join(dir, `${stamp}.md`);
  fs.writeFileSync(file, markdown);
  fs.writeFileSync(path.join(dir, 'latest.md'), markdown);
  return file;
}
