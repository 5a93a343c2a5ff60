import v8 from 'node:v8';

/**
 * How far V8 lets a heap grow past what its last full collection kept, as a percentage, for the process of an import
 * command (`masthead import wordpress|ghost`).
 *
 * An import keeps a small, flat working set (some 20 MB on the importing thread at any file size) but promotes a lot
 * of short-lived garbage out of the young generation: the records read ahead, their converted documents, the queries'
 * rows. With its default heuristics V8 then lets the old generation grow to four times the live size before a full
 * collection whenever those collections are cheap (`mu` near 1), so the importing thread's heap ran up to ~125 MB
 * before falling back to ~22 MB. The peak RSS was the highest tooth of that saw, and a longer file only gave it more
 * chances to be high: 5,000 posts ~250 MB, 100,000 posts 307 MB against the issue's < 300 MB "whatever the file size".
 * Growing by at most 100% (a factor of 2) keeps the tooth near twice the live size: ~30 MB less peak RSS at 20,000
 * posts, for a few percent more CPU on the importing thread (more, smaller full collections), while the converter
 * worker, which V8 collected every ~0.5 s under its own heuristics, now collects less often.
 *
 * The flag is process-wide and read at each collection, so it takes effect when set at run time; it is set only for
 * import commands, which have the process to themselves (the server keeps V8's defaults).
 */
export const IMPORT_HEAP_GROWING_PERCENT = 100;

/** Sets the import's heap growth bound (see IMPORT_HEAP_GROWING_PERCENT) for the rest of this process's life. */
export function boundHeapGrowthForImport(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${IMPORT_HEAP_GROWING_PERCENT}`);
}
