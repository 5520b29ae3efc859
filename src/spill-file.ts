/**
 * Text a one-shot build holds from reading until a stage needs it (article
 * bodies for their pages, search words for the search index), kept in a
 * temporary file instead of the heap and read back by position. At 100 000
 * articles the bodies are some 200 MB of the main thread's heap through
 * collate and the exports, which never read them; reading one back when its
 * page is made costs a few microseconds. The file is unlinked as soon as it
 * is open (where the system allows), so a killed build leaves nothing behind;
 * where it cannot be made or written, texts stay in memory (`problem` says why).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes gathered before one write: a body is a few kilobytes, a write call per body would cost more than the copy. */
const BUFFER_BYTES = 1 << 20;

/** Where a kept text's or bytes' bytes stand in the spill file, or in another open file (`fd`: the record cache's, see `textInFile`). */
export interface SpillPlace {
  offset: number;
  length: number;
  fd?: number;
}

/** A file other than a spill file that texts are read from while it is open (the record cache's); `fd` null once closed. */
export interface OpenFile {
  fd: number | null;
}

/** Where the readers of texts in other open files read (`textInFile`, `bytesInFile`). */
const placesInFiles = new WeakMap<() => unknown, { file: OpenFile; offset: number; length: number }>();

/**
 * A reader of the `length` bytes of text at `offset` of `file`, which stays
 * open while anything reads it (the record cache's, record-texts.ts): kept
 * out of the heap as a spilled text is, and any spill file's `placeOf` gives
 * its place, so other threads read it there as they read the spill file.
 */
export function textInFile(file: OpenFile, offset: number, length: number): () => string {
  const read = () => readSpilledText(openFd(file), { offset, length });
  placesInFiles.set(read, { file, offset, length });
  return read;
}

/** `textInFile` for bytes: each read gives a new array. */
export function bytesInFile(file: OpenFile, offset: number, length: number): () => Uint8Array {
  const read = () => readSpilled(openFd(file), offset, new Uint8Array(length));
  placesInFiles.set(read, { file, offset, length });
  return read;
}

function openFd(file: OpenFile): number {
  if (file.fd === null) throw new Error('this text was kept in the record cache, which has been closed: the build that read it has ended');
  return file.fd;
}

/** Spill files open in this thread: `textBytesOf` asks them for their readers' bytes. */
const openSpills = new Set<SpillFile>();

/**
 * The UTF-8 bytes a reader of a text kept out of the heap (a spill file's
 * `put`, `textInFile`) reads, as a new array, without making the string;
 * null for any other function.
 */
export function textBytesOf(read: () => unknown): Uint8Array | null {
  const place = placeInFile(read);
  if (place) return readSpilled(place.fd!, place.offset, new Uint8Array(place.length));
  for (const spill of openSpills) {
    const bytes = spill.bytesOf(read);
    if (bytes) return bytes;
  }
  return null;
}

/** The place of a reader made by `textInFile` or `bytesInFile`, while its file is open. */
function placeInFile(read: () => unknown): SpillPlace | null {
  const place = placesInFiles.get(read);
  return place && place.file.fd !== null ? { fd: place.file.fd, offset: place.offset, length: place.length } : null;
}

/** An append-only temporary file of UTF-8 texts and bytes. */
export class SpillFile {
  private fd: number | null = null;
  private folder: string | null = null;
  private closed = false;
  /** Bytes already in the file; later ones are still in `buffer`. */
  private flushed = 0;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  /** Why texts are kept in memory instead (the file could not be made, or a write failed), or null. */
  problem: string | null = null;
  /** Where each reader `put` or `putBytes` gave reads from. */
  private readonly places = new WeakMap<() => unknown, SpillPlace>();

  /** Opens a new, empty spill file in the system's temporary folder; if it cannot, texts stay in memory (see `problem`). */
  constructor(readonly parent = tmpdir()) {
    try {
      this.folder = mkdtempSync(join(parent, 'dossier-spill-'));
      const path = join(this.folder, 'texts');
      this.fd = openSync(path, 'w+');
      openSpills.add(this);
      unlinkSync(path);
      rmSync(this.folder, { recursive: true, force: true });
    } catch (error) {
      // Windows keeps an open file (it goes when the spill is closed); anything else leaves the texts in memory.
      if (this.fd === null) this.problem = (error as Error).message;
    }
  }

  /** Keeps `text`; the function returned reads it back (until the spill is closed). */
  put(text: string): () => string {
    if (this.problem === null) {
      try {
        const length = Buffer.byteLength(text);
        const offset = this.makeRoom(length);
        if (length > BUFFER_BYTES) writeAll(this.open(), Buffer.from(text, 'utf8'), offset);
        else this.buffer.write(text, offset - this.flushed, 'utf8');
        this.commit(length);
        return this.textAt(offset, length);
      } catch (error) {
        this.failed(error);
      }
    }
    return () => text;
  }

  /** Keeps a copy of `bytes`; the function returned reads them back into a new array each time. */
  putBytes(bytes: Uint8Array): () => Uint8Array {
    if (this.problem === null) {
      try {
        const length = bytes.byteLength;
        const offset = this.makeRoom(length);
        if (length > BUFFER_BYTES) writeAll(this.open(), bytes, offset);
        else this.buffer.set(bytes, offset - this.flushed);
        this.commit(length);
        return this.bytesAt(offset, length);
      } catch (error) {
        this.failed(error);
      }
    }
    const copy = bytes.slice();
    return () => copy.slice();
  }

  /** Closes and removes the file; texts kept in it can no longer be read. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    openSpills.delete(this);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }

  /*
   * The readers are made here, away from `put`: a closure made there shares its scope with the text and
   * keeps it alive (V8 allocates one context per scope), which only the in-memory fallback means to do.
   */
  private textAt(offset: number, length: number): () => string {
    const read = () => {
      this.open();
      if (offset >= this.flushed) return this.buffer.toString('utf8', offset - this.flushed, offset - this.flushed + length);
      return readSpilledText(this.open(), { offset, length });
    };
    this.places.set(read, { offset, length });
    return read;
  }

  /** The bytes a `put` or `putBytes` reader of this file reads, as a new array; null for a reader of another. */
  bytesOf(read: () => unknown): Uint8Array | null {
    const place = this.places.get(read);
    return place ? this.copyOut(place.offset, place.length) : null;
  }

  private bytesAt(offset: number, length: number): () => Uint8Array {
    const read = () => this.copyOut(offset, length);
    this.places.set(read, { offset, length });
    return read;
  }

  /** A new array of the `length` bytes kept at `offset` (in the buffer still, or in the file). */
  private copyOut(offset: number, length: number): Uint8Array {
    this.open();
    const copy = new Uint8Array(length);
    if (offset >= this.flushed) copy.set(this.buffer.subarray(offset - this.flushed, offset - this.flushed + length));
    else this.readFile(offset, copy);
    return copy;
  }

  /** Where in the file the bytes a `put` or `putBytes` reader reads stand (or in which other file, `textInFile`), or null (kept in memory instead). */
  placeOf(read: () => unknown): SpillPlace | null {
    return this.places.get(read) ?? placeInFile(read);
  }

  /**
   * The file's descriptor, with every byte kept so far written to it, for
   * another thread of this process to read by place (`placeOf`); null when
   * texts are kept in memory.
   */
  shareFile(): number | null {
    if (this.problem !== null || this.fd === null || this.closed) return null;
    try {
      this.flush(this.fd);
      return this.fd;
    } catch (error) {
      this.failed(error);
      return null;
    }
  }

  /** Where the next `length` bytes go (the buffer is flushed first when they do not fit in what is left of it). */
  private makeRoom(length: number): number {
    if (this.used + length > BUFFER_BYTES) this.flush(this.open());
    return this.flushed + this.used;
  }

  /** Counts `length` bytes as kept: in the buffer, or (larger than it) already written to the file. */
  private commit(length: number): void {
    if (length > BUFFER_BYTES) this.flushed += length;
    else this.used += length;
  }

  /** Fills `target` from the file at `offset` (bytes already flushed). */
  private readFile<T extends Uint8Array>(offset: number, target: T): T {
    return readSpilled(this.open(), offset, target);
  }

  private flush(fd: number): void {
    writeAll(fd, this.buffer.subarray(0, this.used), this.flushed);
    this.flushed += this.used;
    this.used = 0;
  }

  /** A write failed (a full disk, say): what is in the file or the buffer stays readable, later texts stay in memory. */
  private failed(error: unknown): void {
    this.problem = (error as Error).message;
  }

  private open(): number {
    if (this.closed || this.fd === null) throw new Error('this text was kept in a spill file that has been closed: the build that read it has ended');
    return this.fd;
  }
}

/** Fills `target` from a spill file's descriptor at `offset` (in any thread of the process: see `shareFile`). */
export function readSpilled<T extends Uint8Array>(fd: number, offset: number, target: T): T {
  let done = 0;
  while (done < target.byteLength) {
    const n = readSync(fd, target, done, target.byteLength - done, offset + done);
    if (n === 0) throw new Error(`the file ended ${target.byteLength - done} bytes short of what it holds (a spill file, or the record cache replaced meanwhile)`);
    done += n;
  }
  return target;
}

/**
 * The bytes `readSpilledText` reads into, kept for the next text (one per thread): a buffer per text is memory
 * outside the heap that V8 counts towards its next full collection, and a render thread that read every body
 * into one of its own spent four times as long collecting (4.3 instead of 0.9 s at 16 000 articles).
 */
let scratch = Buffer.alloc(0);

/** The text kept at `place` of a spill file, read through its descriptor (in any thread of the process: see `shareFile`). */
export function readSpilledText(fd: number, place: SpillPlace): string {
  if (scratch.length < place.length) scratch = Buffer.allocUnsafe(Math.max(place.length, 2 * scratch.length, 64 * 1024));
  return readSpilled(fd, place.offset, scratch.subarray(0, place.length)).toString('utf8');
}

/** Writes all of `bytes` at `position` (a write may take only part). */
function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done, position + done);
}
