import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const moduleUrl = new URL('./import-heap.ts', import.meta.url).href;

/**
 * A process that keeps a working set and churns objects that live long enough to be promoted, as an import does;
 * it prints its highest heapUsed (MB). `bound`: it calls boundHeapGrowthForImport first.
 */
function peakHeapMb(bound: boolean): Promise<number> {
  const script = `
    ${bound ? `const { boundHeapGrowthForImport } = await import(${JSON.stringify(moduleUrl)}); boundHeapGrowthForImport();` : ''}
    const keep = []; for (let i = 0; i < 200000; i++) keep.push({ i, s: 'k' + i });
    const ring = new Array(200000); let peak = 0;
    for (let i = 0; i < 2500000; i++) {
      ring[i % ring.length] = { i, a: [i, i + 1], s: 'r' + i };
      if (i % 10000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    process.stdout.write(String(Math.round(peak / 1048576) + keep.length * 0));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`the child exited with ${code}`))));
  });
}

describe('boundHeapGrowthForImport', () => {
  // The import's peak RSS grew with the file's size: V8 let the heap reach four times its live size before a full
  // collection, and a longer run met a higher tooth of that saw (307 MB at 100,000 posts).
  it('the import peak heap grows with churn no more than about twice the live size', async () => {
    const [free, bound] = await Promise.all([peakHeapMb(false), peakHeapMb(true)]);
    expect(free).toBeGreaterThan(0);
    expect(bound).toBeLessThan(free * 0.75);
  }, 60_000);
});
