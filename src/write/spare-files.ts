/**
 * Single files of the spare copy brought up to date, by whichever thread
 * writes them (write/index.ts has the copy as a whole).
 */
import { mkdirSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFile } from '../model.js';
import { PieceWriter } from './pieces.js';

/**
 * Brings single files of a folder up to date; any thread may use its own
 * over the same folder. Synchronous: making a file or folder costs CPU in
 * the kernel, not waiting on the disk, and handing each call to libuv's
 * thread pool costs as much again (16 000 folders with a page each: 1.0 to
 * 1.4 s one after another, 1.3 to 4 s through promises at any concurrency,
 * with two to three times the CPU). The threads that render block on their
 * own writes only; the main thread writes little besides the exports.
 */
export class SpareFiles {
  /** Folders made by this writer, so each is made once. */
  private readonly folders = new Set<string>();

  constructor(readonly root: string) {}

  /** Writes `file` unless the folder already holds exactly its bytes (`exists`: a file is there to compare); true when written. */
  update(file: OutputFile, exists: boolean): boolean {
    const path = join(this.root, file.path);
    if (!exists) this.makeFolder(path, file.path);
    if (file.chunks) return this.updateInPieces(path, file.path, file.chunks, exists);
    if (exists && sameBytes(path, file.bytes)) return false;
    this.write(path, file.path, file.bytes);
    return true;
  }

  /**
   * `update` for a page's HTML. A new file gets the string as it is: Node
   * encodes and writes it in one call, where making a Buffer of it first
   * cost a fifth more CPU and left the buffer to the garbage collector.
   */
  updateText(relative: string, html: string, exists: boolean): boolean {
    if (exists) return this.update({ path: relative, bytes: Buffer.from(html) }, true);
    const path = join(this.root, relative);
    this.makeFolder(path, relative);
    this.write(path, relative, html);
    return true;
  }

  private write(path: string, relative: string, data: string | Uint8Array): void {
    try {
      writeFileSync(path, data);
    } catch (error) {
      // A page of the old site where this one needs a folder, or the reverse: clear the way once.
      if (!['ENOTDIR', 'EISDIR', 'EEXIST', 'ENOENT'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      clearWay(this.root, relative);
      writeFileSync(path, data);
    }
  }

  private makeFolder(path: string, relative: string): void {
    const folder = dirname(path);
    if (this.folders.has(folder)) return;
    this.folders.add(folder);
    try {
      mkdirSync(folder, { recursive: true });
    } catch {
      clearWay(this.root, relative);
    }
  }

  /**
   * `update`, taking turns with the rest of the thread: after the file, and after each piece of a large one, the
   * events waiting (answers of threads, which want their next pages) are seen to before more is made.
   */
  async updateInTurns(file: OutputFile, exists: boolean): Promise<boolean> {
    if (!file.chunks) {
      const written = this.update(file, exists);
      await nextTurn();
      return written;
    }
    const path = join(this.root, file.path);
    if (!exists) this.makeFolder(path, file.path);
    const pieces = this.openPieces(path, file.path, exists);
    try {
      for (const chunk of file.chunks()) {
        pieces.put(chunk);
        await nextTurn();
      }
      return pieces.finish();
    } finally {
      pieces.close();
    }
  }

  /** A large file, piece by piece as its pieces are made (pieces.ts). */
  private updateInPieces(path: string, relative: string, chunks: () => Iterable<Uint8Array>, exists: boolean): boolean {
    const pieces = this.openPieces(path, relative, exists);
    try {
      for (const chunk of chunks()) pieces.put(chunk);
      return pieces.finish();
    } finally {
      pieces.close();
    }
  }

  private openPieces(path: string, relative: string, exists: boolean): PieceWriter {
    try {
      return new PieceWriter(openSync(path, exists ? 'r+' : 'w'), exists);
    } catch {
      clearWay(this.root, relative);
      return new PieceWriter(openSync(path, 'w'), false);
    }
  }
}

/** Resolves once the events waiting have been seen to. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** True when the file at `path` holds exactly `bytes`. */
function sameBytes(path: string, bytes: Uint8Array): boolean {
  try {
    return Buffer.compare(readFileSync(path), bytes) === 0;
  } catch {
    return false;
  }
}

/** Removes whatever in `root` stands in the way of writing `path`: files named like its folders, a folder named like it. */
function clearWay(root: string, path: string): void {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const ancestor = join(root, ...parts.slice(0, i));
    const info = statSync(ancestor, { throwIfNoEntry: false });
    if (info && !info.isDirectory()) unlinkSync(ancestor);
  }
  rmSync(join(root, path), { recursive: true, force: true });
  mkdirSync(dirname(join(root, path)), { recursive: true });
}

