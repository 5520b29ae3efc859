/**
 * Which file each article body was read from, as the record cache names it:
 * the file's path and content hash. Under the record cache's salt (Dossier's
 * code, `_data/`, options) a name stands for one body, as the record cache
 * itself relies on (it hands back the record of the same name). So a page
 * stamp (render/stamps.ts) can name a body instead of hashing its HTML, which
 * for a body waiting in the spill file meant reading it back: after one edit
 * at 16 000 articles, every body of the archive.
 */
const sources = new WeakMap<object, string>();

/** Remembers that `body` is the body of the record the record cache keeps as `key`. */
export function noteBodySource(body: object, key: string): void {
  sources.set(body, key);
}

/** The record cache's name of the file `body` was read from, when it is known. */
export function bodySourceOf(body: object): string | undefined {
  return sources.get(body);
}
