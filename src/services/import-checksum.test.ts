import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importChecksum } from './import-common.js';

describe('importChecksum', () => {
  it('regression guard: the digest older imports stored (a Hash object per record), so a re-run over them says unchanged', () => {
    const records = [{ postId: '41', title: 'Переговоры', content: '<p>a «b» &amp; c</p>'.repeat(50), meta: { k: 'v' }, line: 0 }, { slug: 'x', name: '' }, {}];
    for (const r of records) expect(importChecksum(r)).toBe(createHash('sha256').update(JSON.stringify(r)).digest('base64url'));
    expect(importChecksum(records[0])).not.toBe(importChecksum({ ...records[0], title: 'Итоги' }));
  });
});
