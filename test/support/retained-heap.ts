import v8 from 'node:v8';
import vm from 'node:vm';

/** Bytes of heap still in use after `work` and a full garbage collection: what `work` left alive (a memo's growth). */
export function retainedHeap(work: () => void): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  work();
  gc();
  return process.memoryUsage().heapUsed - before;
}
