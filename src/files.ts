/**
 * Listing what a folder holds, for fingerprints and clean-ups; a file's
 * entries in columns; writing a file from many parts at once.
 */
import { readdirSync, statSync, writeSync, writevSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/**
 * `dir` made absolute and ending in the separator: a listed path appended to it is the file's absolute path, made
 * without path.join normalising it again (a tenth of the time of stat'ing tens of thousands of files).
 */
export function folderPrefix(dir: string): string {
  const base = resolve(dir);
  return base.endsWith(sep) ? base : base + sep;
}

/** Every file below `dir` as sorted, `/`-separated relative paths; none when it does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  return listFilesSync(dir);
}

/**
 * The same, synchronously: one readdir per folder in a plain loop is several
 * times faster than the recursive promise form for a site of tens of
 * thousands of one-page folders.
 */
export function listFilesSync(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(folder, entry.name), path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(dir, '');
  return files.sort();
}

/**
 * The same, without blocking: slower in total than the synchronous walk, but
 * its waiting happens while the main thread has nothing else to do (the
 * build lists the old output while worker threads read the articles).
 */
export async function listFilesAsync(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (folder: string, prefix: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const folders: Promise<void>[] = [];
    for (const entry of entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) folders.push(walk(join(folder, entry.name), path));
      else if (entry.isFile()) files.push(path);
    }
    await Promise.all(folders);
  };
  await walk(dir, '');
  return files.sort();
}

/** A file's size and modification time. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** Every file below `dir` (as listFilesSync) with its size and modification time, in columns; a file gone meanwhile is left out. */
export function listFilesWithStats(dir: string): { paths: string[]; sizes: number[]; mtimes: number[] } {
  const listed: { paths: string[]; sizes: number[]; mtimes: number[] } = { paths: [], sizes: [], mtimes: [] };
  const root = folderPrefix(dir);
  for (const path of listFilesSync(dir)) {
    const info = statSync(root + path, { throwIfNoEntry: false });
    if (!info) continue;
    listed.paths.push(path);
    listed.sizes.push(info.size);
    listed.mtimes.push(info.mtimeMs);
  }
  return listed;
}

/** A file as a table of files keeps it: its size, modification time and a hash (of its content, or of what it was made from). */
export type FileEntry = [size: number, mtimeMs: number, hash: string];

/**
 * Files by path, each with its size, modification time and a hash, in
 * columns: what a table of a whole site's or archive's files keeps per file
 * (the input digests, cache.ts; the page memory, page-memory.ts). An object
 * keyed by path with an array per file took 15 to 35 % more memory.
 */
export class FileColumns {
  protected readonly places = new Map<string, number>();
  /** Paths in the order first recorded. */
  protected readonly paths: string[] = [];
  protected readonly sizes: number[] = [];
  protected readonly mtimes: number[] = [];
  // Strings, not bytes in one buffer (14 bytes a file less for the input digests): the record cache names each
  // article by its content hash for the whole build (record-cache.ts keyOf, body-source.ts), which would then hold
  // a string of 56 bytes made from them.
  protected readonly hashes: string[] = [];

  /** Files it holds. */
  get size(): number {
    return this.places.size;
  }

  /** True when it holds the file at `path`. */
  has(path: string): boolean {
    return this.places.has(path);
  }

  /** The entry of the file at `path`, if it holds one. */
  get(path: string): FileEntry | undefined {
    const at = this.places.get(path);
    return at === undefined ? undefined : [this.sizes[at]!, this.mtimes[at]!, this.hashes[at]!];
  }

  /** The entries of the files whose paths start with `prefix`. */
  entriesUnder(prefix: string): Array<[string, FileEntry]> {
    const entries: Array<[string, FileEntry]> = [];
    for (const [path, at] of this.places) if (path.startsWith(prefix)) entries.push([path, [this.sizes[at]!, this.mtimes[at]!, this.hashes[at]!]]);
    return entries;
  }

  /** Records the file at `path` (again: in place of the last). */
  set(path: string, [size, mtimeMs, hash]: FileEntry): void {
    let at = this.places.get(path);
    if (at === undefined) {
      at = this.paths.push(path) - 1;
      this.places.set(path, at);
    }
    this.sizes[at] = size;
    this.mtimes[at] = mtimeMs;
    this.hashes[at] = hash;
  }
}

/** Buffers per `writev` call (the system's limit is 1 024 on Linux). */
const PARTS_PER_WRITE = 512;

/** Writes `parts` one after another, many per call (a call may write fewer bytes than given: the rest follow one by one). */
export function writeParts(fd: number, parts: Uint8Array[]): void {
  for (let i = 0; i < parts.length; i += PARTS_PER_WRITE) {
    const batch = parts.slice(i, i + PARTS_PER_WRITE);
    let left = writevSync(fd, batch);
    for (const part of batch) {
      if (left >= part.byteLength) {
        left -= part.byteLength;
        continue;
      }
      writeAll(fd, Buffer.from(part.buffer, part.byteOffset, part.byteLength), left);
      left = 0;
    }
  }
}

/** Writes all of `bytes` from `from` on (a write may take fewer). */
export function writeAll(fd: number, bytes: Buffer, from = 0): void {
  for (let done = from; done < bytes.length; ) done += writeSync(fd, bytes, done);
}
