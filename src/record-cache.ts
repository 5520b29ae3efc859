/**
 * Normalised records of earlier builds, by file path and content hash: an
 * unchanged article is neither read nor parsed again, and its analysis comes
 * with it. One file per output folder in the cache folder, in V8's own
 * serialisation (typed arrays and all, several times faster than JSON). The
 * whole cache is valid for one `salt` (Dossier's code, `_data/`, options);
 * any change there starts it afresh.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { cacheFileFor } from './cache.js';
import type { ReadResult } from './workers/read-one.js';

/** Bumped when the cached shape changes. */
const FORMAT = 'records-4';
/** Records per serialised chunk: the file is written and read a chunk at a time, never whole in memory. */
const CHUNK = 500;

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
    const file = cacheFileFor(cacheDir, 'records', outDir, '.v8');
    let previous = new Map<string, ReadResult>();
    try {
      previous = readChunks(file, salt);
    } catch {
      // No cache yet, or one this version cannot read: every article is read afresh.
      previous = new Map();
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
    const handle = await open(`${this.file}.tmp`, 'w');
    try {
      await writeFrame(handle, serialize({ format: FORMAT, salt: this.salt }));
      const entries = [...this.kept];
      for (let i = 0; i < entries.length; i += CHUNK) await writeFrame(handle, serialize(entries.slice(i, i + CHUNK)));
    } finally {
      await handle.close();
    }
    await rename(`${this.file}.tmp`, this.file);
  }

  private keyOf(path: string): string | undefined {
    const hash = this.hashOf(path);
    return hash ? `${path}\0${hash}` : undefined;
  }
}

/** One length-prefixed frame. */
async function writeFrame(handle: Awaited<ReturnType<typeof open>>, bytes: Buffer): Promise<void> {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.length);
  await handle.write(length);
  await handle.write(bytes);
}

/** Every entry of a cache file written for `salt`; a file of another format or salt gives none. */
function readChunks(file: string, salt: string): Map<string, ReadResult> {
  const entries = new Map<string, ReadResult>();
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let offset = 0;
    const frame = (): Buffer | null => {
      const length = Buffer.alloc(4);
      if (readSync(fd, length, 0, 4, offset) < 4) return null;
      if (length.readUInt32LE() > size - offset - 4) throw new Error('not a cache file, or one cut short');
      const bytes = Buffer.alloc(length.readUInt32LE());
      if (readSync(fd, bytes, 0, bytes.length, offset + 4) < bytes.length) throw new Error('cache file cut short');
      offset += 4 + bytes.length;
      return bytes;
    };
    const header = frame();
    const stored = header && (deserialize(header) as { format?: string; salt?: string });
    if (!stored || stored.format !== FORMAT || stored.salt !== salt) return entries;
    for (let bytes = frame(); bytes; bytes = frame()) for (const [key, value] of deserialize(bytes) as Array<[string, ReadResult]>) entries.set(key, value);
  } finally {
    closeSync(fd);
  }
  return entries;
}
