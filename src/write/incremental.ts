/**
 * In-place writing for the dev server: a file is written only when its bytes
 * changed, and files the site no longer has are removed, so nothing stale
 * remains and unchanged files keep their times.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { OutputFile } from '../model.js';
import { inParallel } from '../parallel.js';
import { isSafeOutputPath } from './safe-path.js';

/** What an incremental write did. */
export interface WriteReport {
  written: string[];
  removed: string[];
}

/** Files written at once within a phase: the disk waits on each file's mkdir, write and rename, the CPU does not. */
const WRITE_CONCURRENCY = 16;

/**
 * Writes the files of `phases` whose bytes differ from `previous` (path →
 * hash; `''` for a file found on disk, compared with it), phase by phase: no file of a later phase is on disk before every
 * file of an earlier one (so nothing links to a page not yet written), and
 * within a phase several at a time. Then removes paths in `previous` that
 * are not in `keep`, and updates `previous`. `keep` lists every path the site
 * has now, including unchanged ones not in `phases`; null removes nothing (a
 * few pages written ahead of a full rebuild).
 */
export async function writeChanged(outDir: string, phases: OutputFile[][], keep: Set<string> | null, previous: Map<string, string>, diagnostics: Diagnostics): Promise<WriteReport> {
  const written: string[] = [];
  const removed: string[] = [];
  for (const files of phases) {
    const done = await inParallel(files, WRITE_CONCURRENCY, async (file) => {
      if (!isSafeOutputPath(file.path)) {
        diagnostics.add('write/unsafe-path', 'error', { path: file.path.slice(0, 200) }, 'refused to write outside the output folder', 'this is a bug in Dossier; please report it');
        return false;
      }
      return file.chunks ? writeInPieces(outDir, file.path, file.chunks, previous) : writeWhole(outDir, file.path, file.bytes, previous);
    });
    files.forEach((file, i) => done[i] && written.push(file.path));
  }
  const gone = keep ? [...previous.keys()].filter((path) => !keep.has(path)) : [];
  for (const path of gone) {
    await rm(join(outDir, path), { force: true });
    previous.delete(path);
    removed.push(path);
    await removeEmptyParents(outDir, dirname(path));
  }
  return { written, removed };
}

/** Files per write in a `BatchedWriter`: enough to keep the disk busy, few enough that a pass holds little. */
const WRITE_BATCH = 64;

/**
 * Writes files as a pass makes them, a batch at a time and in the order
 * given (so dependency order holds, as with `writeChanged`'s phases), instead
 * of holding the whole site until the pass ends: at 100 000 articles that was
 * several gigabytes. Adds each path it writes to `written`, and runs a file's
 * `onDisk` once the file is as made (written now, or already those bytes).
 */
export class BatchedWriter {
  private files: OutputFile[] = [];
  private onDisk: (() => void)[] = [];

  constructor(
    private readonly outDir: string,
    private readonly previous: Map<string, string>,
    private readonly diagnostics: Diagnostics,
    private readonly written: Set<string>,
  ) {}

  /** Queues a file; writes the batch once it is full. */
  async add(file: OutputFile, onDisk?: () => void): Promise<void> {
    this.files.push(file);
    if (onDisk) this.onDisk.push(onDisk);
    if (this.files.length >= WRITE_BATCH) await this.flush();
  }

  /** Writes whatever is queued. */
  async flush(): Promise<void> {
    const [files, onDisk] = [this.files, this.onDisk];
    [this.files, this.onDisk] = [[], []];
    if (!files.length) return;
    const report = await writeChanged(this.outDir, [files], null, this.previous, this.diagnostics);
    for (const path of report.written) this.written.add(path);
    for (const done of onDisk) done();
  }
}

/** Writes `bytes` at `path` unless the file there has them already (as `previous` knows, or as found on disk); true if written. */
async function writeWhole(outDir: string, path: string, bytes: Uint8Array, previous: Map<string, string>): Promise<boolean> {
  const hash = createHash('sha1').update(bytes).digest('hex');
  const target = join(outDir, path);
  if (await alreadyThere(target, previous.get(path), hash, bytes.length)) {
    previous.set(path, hash);
    return false;
  }
  await mkdir(dirname(target), { recursive: true });
  // Written beside and renamed over: a reader (the dev server) sees the old file or the new one, never half of one.
  const temporary = temporaryFor(target);
  await leftNoTemporary(temporary, async () => {
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  });
  previous.set(path, hash);
  return true;
}

/**
 * A large export streamed beside its place and hashed as it goes (never whole
 * in memory: `api/topics.json` is hundreds of megabytes at 100 000 articles),
 * then renamed over the file, or dropped if the file had those bytes.
 */
async function writeInPieces(outDir: string, path: string, chunks: () => Iterable<Uint8Array>, previous: Map<string, string>): Promise<boolean> {
  const target = join(outDir, path);
  await mkdir(dirname(target), { recursive: true });
  const temporary = temporaryFor(target);
  const hashing = createHash('sha1');
  let size = 0;
  let hash = '';
  const unchanged = await leftNoTemporary(temporary, async () => {
    const handle = await open(temporary, 'w');
    try {
      for (const chunk of chunks()) {
        hashing.update(chunk);
        size += chunk.length;
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    hash = hashing.digest('hex');
    const same = await alreadyThere(target, previous.get(path), hash, size);
    await (same ? rm(temporary, { force: true }) : rename(temporary, target));
    return same;
  });
  previous.set(path, hash);
  return !unchanged;
}

/** Runs `write`; if it fails (a full disk, say), removes the temporary file it was writing before passing the error on. */
async function leftNoTemporary<T>(temporary: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function temporaryFor(target: string): string {
  return `${target}.dossier-${process.pid}.tmp`;
}

/** True when the file at `target` has the bytes hashed `hash`: known from the last write, or (`known` is `''`: a file found on disk) read back. */
async function alreadyThere(target: string, known: string | undefined, hash: string, size: number): Promise<boolean> {
  return known === hash || (known === '' && (await hashOnDisk(target, size)) === hash);
}

/** The hash of the file at `path` if it has `size` bytes, else null (no such file, or another size: not the same bytes). */
async function hashOnDisk(path: string, size: number): Promise<string | null> {
  try {
    if ((await stat(path)).size !== size) return null;
    const hash = createHash('sha1');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

async function removeEmptyParents(outDir: string, dir: string): Promise<void> {
  for (let current = dir; current && current !== '.'; current = dirname(current)) {
    const full = join(outDir, current);
    try {
      if ((await readdir(full)).length) return;
      await rmdir(full);
    } catch {
      return;
    }
  }
}
