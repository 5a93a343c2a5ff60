import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows } from '../bench/report.js';

/**
 * Proves `npm run bench` runs end to end (generate, render, both servers, load, publish, export, report) in its quick
 * mode. Its figures are not checked: on a CI machine running other suites at the same time they mean nothing.
 */
const root = path.resolve(import.meta.dirname, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-quick-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const NUMBER = /^[\d,]+(\.\d+)?$/;

describe('npm run bench -- --quick', () => {
  it('writes a results table with a figure for every measure', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', 'bench', '--', '--quick', '--out', out], {
      cwd: root,
      maxBuffer: 16 << 20,
      timeout: 115_000,
    });
    const latest = path.join(out, 'latest.md');
    expect(fs.existsSync(latest)).toBe(true);
    const dated = fs.readdirSync(out).filter((f) => /^\d{4}-\d{2}-\d{2}-\d{4}\.md$/.test(f));
    expect(dated).toHaveLength(1);
    const markdown = fs.readFileSync(latest, 'utf8');
    expect(stdout).toContain(markdown.split('\n')[0]);

    const rows = tableRows(markdown);
    const find = (prefix: string) => rows.filter((r) => r[0]!.startsWith(prefix));
    for (const prefix of [
      'a. cached article page, requests/s',
      'a. cached article page, p99 latency',
      'b. uncached article render',
      'c. home page render, median',
      'c. home page render time',
      'd. publish to visible on /en/',
      'd. publish to visible in /feed.xml',
      'e. static export',
      'f. server RSS under load',
      'g. /en/ while a story is published every second, requests/s',
      'g. /en/ while a story is published every second, p99',
      'g. under load, publish to visible',
      'h. `masthead --help` start',
      'h. `masthead doctor` start',
      'h. cold start to first article',
      'i. cold start: /en/ p99',
      'i. warm start, /healthz to /readyz',
      'j. search page query, p95',
      'j. search index build',
      'k. WordPress import, posts/s',
      'k. WordPress import, peak RSS MB',
    ]) {
      expect(find(prefix).length, prefix).toBeGreaterThan(0);
    }
    // Measured in the same run: Masthead and the reference both have figures.
    for (const row of [...find('a. '), ...find('f. '), ...find('h. `')]) {
      expect(row[1], row[0]).toMatch(NUMBER);
      expect(row[2], row[0]).toMatch(NUMBER);
    }
    for (const row of rows) {
      expect(row[1], row[0]).toMatch(NUMBER);
      expect(row[4], row[0]).toMatch(/^(PASS|FAIL|—)$/);
    }
    // Regression: the export failed (its worker could not load) and the table still showed a figure, 0 pages/s.
    expect(markdown).not.toContain('**It failed**');
    expect(Number(find('e. static export')[0]![1]!.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(markdown).toMatch(/Machine: Node v\d+/);
    expect(markdown).toContain('npm run bench -- --quick --out');
  }, 120_000);
});
