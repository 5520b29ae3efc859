/**
 * Normalised records of earlier builds, by file path and content hash: an
 * unchanged article is neither read nor parsed again, and its analysis comes
 * with it. One file per output folder in the cache folder, in V8's own
 * serialisation (typed arrays and all, several times faster than JSON). The
 * whole cache is valid for one `salt` (Dossier's code, `_data/`, options);
 * any change there starts it afresh.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ReadResult } from './workers/read-one.js';

/** Bumped when the cached shape changes. */
const FORMAT = 'records-1';

/** What reading an article file may take from, and give to, the cache. */
export interface RecordStore {
  get(path: string): ReadResult | undefined;
  set(path: string, result: ReadResult): void;
}

/** The records cached for one output folder. */
export class RecordCache implements RecordStore {
  private readonly kept = new Map<string, ReadResult>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly salt: string,
    private readonly hashOf: (path: string) => string | undefined,
    private readonly previous: Map<string, ReadResult>,
  ) {}

  /**
   * Opens the cache of `outDir`; `hashOf(path)` gives the content hash of an
   * article file (by its path in the content folder). A missing, unreadable or
   * outdated cache is an empty one.
   */
  static async open(cacheDir: string, outDir: string, salt: string, hashOf: (path: string) => string | undefined): Promise<RecordCache> {
    const file = join(cacheDir, 'records', `${createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 16)}.v8`);
    let previous = new Map<string, ReadResult>();
    try {
      const stored = deserialize(await readFile(file)) as { format: string; salt: string; entries: Map<string, ReadResult> };
      if (stored.format === FORMAT && stored.salt === salt) previous = stored.entries;
    } catch {
      // No cache yet, or one this version cannot read: every article is read afresh.
    }
    return new RecordCache(file, salt, hashOf, previous);
  }

  /** The cached result for this file if its content is unchanged. */
  get(path: string): ReadResult | undefined {
    const key = this.keyOf(path);
    const hit = key ? this.previous.get(key) : undefined;
    if (hit) this.kept.set(key!, hit);
    return hit;
  }

  /** Remembers a freshly read result. */
  set(path: string, result: ReadResult): void {
    const key = this.keyOf(path);
    if (!key) return;
    this.kept.set(key, result);
    this.changed = true;
  }

  /** Stores what this build used (files gone since are dropped), only when that differs from what was stored. */
  async save(): Promise<void> {
    if (!this.changed && this.kept.size === this.previous.size) return;
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFile(`${this.file}.tmp`, serialize({ format: FORMAT, salt: this.salt, entries: this.kept }));
    await rename(`${this.file}.tmp`, this.file);
  }

  private keyOf(path: string): string | undefined {
    const hash = this.hashOf(path);
    return hash ? `${path}\0${hash}` : undefined;
  }
}
