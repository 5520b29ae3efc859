/**
 * Full garbage collections at the few moments a large build knows most of
 * what it just made is garbage: between stages. Left to itself, V8 lets the
 * old generation grow to two or three times what is live before it collects
 * (it judges by how fast collections are, not by how much is free), and in
 * a large archive each stage's temporaries (the similarity index, the
 * exports' JSON, the search postings) outlive the young generation. That
 * slack, not what the build keeps, made most of the peak memory.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Articles from which collecting between stages pays: below it the heap is small and V8's own schedule is cheaper. */
export const COLLECT_FROM = 2000;

/** Pages rendered between two collections while rendering: the views and their JSON promoted on the way pile up too. */
export const COLLECT_EVERY_PAGES = 20_000;

let collector: (() => void) | null | undefined;

/** A full collection now; nothing if the runtime allows none. */
export function collectGarbage(): void {
  if (collector === undefined) collector = findCollector();
  collector?.();
}

/** `gc` when Node was started with `--expose-gc`; else the one a new context gets once the flag is set. */
function findCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  try {
    // The flag gives `gc` to contexts made after it is set, never to the running one.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
