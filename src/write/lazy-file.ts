/**
 * Output files made only when their bytes are read: an export that says what
 * it is made from (`OutputFile.inputs`) and that the spare copy already holds
 * made from the same is never made (page-memory.ts `emitRemembered`).
 */
import type { OutputFile } from '../model.js';

/** `make`, called the first time the result is asked for and remembered after. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** A file whose bytes are made when first read (never spread it: that reads them). */
export function lazyFile(path: string, make: () => Uint8Array, inputs: () => string): OutputFile {
  const bytes = once(make);
  return {
    path,
    get bytes() {
      return bytes();
    },
    inputs,
  };
}
