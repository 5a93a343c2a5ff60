import { describe, expect, it } from 'vitest';
import { renderMarkdown, tableRows, type Machine } from '../bench/report.js';

const machine: Machine = { node: 'v20', cpu: 'cpu', cores: 2, memoryGb: 4, os: 'Linux', date: '2026-12-06T00:00:00Z', loadAverage: '1.00' };
const row = (measure: string) => ({ measure, masthead: '1', reference: '—', target: 'target ≥ 1', result: 'PASS' as const });

describe('the bench results table', () => {
  // Regression: test/bench-quick.test.ts read only the rows a. to j., so the import's k. rows were never found.
  it('finds the import rows lettered k', () => {
    const markdown = renderMarkdown({
      title: 't',
      rows: [
        row('a. cached article page, requests/s'),
        row('k. WordPress import, posts/s (SQLite, 1,000 posts, 4 MB WXR)'),
        row('k. WordPress import, peak RSS MB (1,000 posts)'),
      ],
      machine,
      command: 'npm run bench',
      notes: [],
    });
    expect(tableRows(markdown).map((r) => r[0])).toEqual([
      'a. cached article page, requests/s',
      'k. WordPress import, posts/s (SQLite, 1,000 posts, 4 MB WXR)',
      'k. WordPress import, peak RSS MB (1,000 posts)',
    ]);
  });
});
