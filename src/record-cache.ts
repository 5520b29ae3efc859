/**
 * Normalised records of earlier builds, by file path and content hash: an
 * unchanged article is neither read nor parsed again, and its analysis comes
 * with it. One file per output folder in the cache folder, in V8's own
 * serialisation (several times faster than JSON), each chunk's term counts
 * and texts beside it (record-texts.ts). The whole cache is valid for one
 * `salt` (Dossier's code, `_data/`, options); any change there starts it
 * afresh.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DefaultDeserializer, deserialize, serialize } from 'node:v8';
import { noteBodySource } from './body-source.js';
import { writeAll, writeParts } from './files.js';
import { cacheFileFor } from './cache.js';
import type { ReadResult } from './workers/read-one.js';
import { TermStore } from './collate/term-store.js';
import { FRAME_HEADER_BYTES, FramePayload, restoredRecord, type FrameRest, type StoredRecord } from './record-texts.js';
import type { OpenFile } from './spill-file.js';

/** Bumped when the cached shape changes (7: counts and texts beside the V8 part, record-texts.ts). */
const FORMAT = 'records-7';
/** Records per serialised chunk: the file is written and read a chunk at a time, never whole in memory. */
const CHUNK = 500;
/** The share of a cache file's records that may be of no use to the last build (gone, edited, replaced) before it is written anew rather than appended to. */
const UNUSED_SHARE = 0.2;

/** How records' texts come back (record-texts.ts): read from the file when asked for (a one-shot build), or as they are read. */
export interface RecordCacheOptions {
  textsInPlace?: boolean;
}

/** One serialised chunk of the cache file: where it lies and whose records it holds. */
interface Frame {
  offset: number;
  length: number;
  /** The keys whose record in the file is this chunk's: a later chunk's record of the same key wins. */
  keys: string[];
  /** Records the chunk holds, its keys' and those a later chunk replaced. */
  records: number;
}

/** The cache file as it was read: its chunks may be copied into the next one unchanged, while it is the same file. */
interface ReadFile {
  entries: Map<string, ReadResult>;
  frames: Frame[];
  identity: string;
  /** The file, left open while its records' texts are read from it (`textsInPlace`); else its `fd` is null. */
  texts: OpenFile;
}

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
    /** Where it is kept. */
    readonly file: string,
    private readonly salt: string,
    private readonly hashOf: (path: string) => string | undefined,
    private readonly previous: Map<string, ReadResult>,
    private readonly frames: Frame[],
    private readonly identity: string,
    /** The file read, open while records read their texts from it. */
    private readonly texts: OpenFile,
  ) {}

  /**
   * Opens the cache of `outDir`; `hashOf(path)` gives the content hash of an
   * article file (by its path in the content folder). A missing, unreadable or
   * outdated cache is an empty one. With `textsInPlace`, the records' texts
   * are read from the file when asked for, until `close`.
   */
  static async open(cacheDir: string, outDir: string, salt: string, hashOf: (path: string) => string | undefined, options: RecordCacheOptions = {}): Promise<RecordCache> {
    const file = cacheFileFor(cacheDir, 'records', outDir, '.v8');
    let read: ReadFile = { entries: new Map(), frames: [], identity: '', texts: { fd: null } };
    try {
      read = readChunks(file, salt, options.textsInPlace === true);
    } catch {
      // No cache yet, or one this version cannot read: every article is read afresh.
    }
    return new RecordCache(file, salt, hashOf, read.entries, read.frames, read.identity, read.texts);
  }

  /** Closes the file the records' texts are read from (`textsInPlace`): reading one afterwards throws. */
  close(): void {
    if (this.texts.fd !== null) closeSync(this.texts.fd);
    this.texts.fd = null;
  }

  /** The cached result for this file if its content is unchanged. */
  get(path: string): ReadResult | undefined {
    const key = this.keyOf(path);
    const hit = key ? this.previous.get(key) : undefined;
    if (hit) this.keep(key!, hit);
    return hit;
  }

  /** Remembers a freshly read result. */
  set(path: string, result: ReadResult): void {
    const key = this.keyOf(path);
    if (!key) return;
    this.keep(key, result);
    this.changed = true;
  }

  private keep(key: string, result: ReadResult): void {
    this.kept.set(key, result);
    const body = result.draft?.article.body;
    if (body) noteBodySource(body, key);
  }

  /**
   * Stores what this build used, only when that differs from what was
   * stored. While the old file is the one read and what it holds that this
   * build did not use (files gone or edited since) stays a small share, the
   * new records are appended to it: after one edit, one record is written,
   * not the archive (at 16 000 articles, copying the rest took half a
   * second). Otherwise the file is written anew without them, a chunk whose
   * records were all used as they were copied from the old file byte for
   * byte. Then the cache lets go of every record (it is called once all are
   * read): what the build frees is freed.
   */
  async save(): Promise<void> {
    try {
      if (!this.changed && this.kept.size === this.previous.size) return;
      await mkdir(join(this.file, '..'), { recursive: true });
      const old = this.openUnchanged();
      if (old !== null && this.appendedTo(old)) return;
      try {
        this.writeTo(`${this.file}.tmp`, old);
      } catch (error) {
        // The old file could not be copied from after all (cut short meanwhile): every record is serialised.
        if (old === null) throw error;
        this.writeTo(`${this.file}.tmp`, null);
      } finally {
        if (old !== null) closeSync(old);
      }
      await rename(`${this.file}.tmp`, this.file);
    } finally {
      this.kept.clear();
      this.previous.clear();
      this.frames.length = 0;
      this.changed = false;
    }
  }

  /**
   * Appends the records this build made to the old file (open as `old`,
   * closed once appended to) when what the file would then hold unused stays
   * within UNUSED_SHARE of it; false (`old` still open) when it must be
   * written anew. A record of the same key later in the file wins over an
   * earlier one (readChunks).
   */
  private appendedTo(old: number): boolean {
    const inFile = this.frames.reduce((n, frame) => n + frame.records, 0);
    const fresh = [...this.kept].filter(([key, result]) => this.previous.get(key) !== result);
    const unused = inFile + fresh.length - this.kept.size;
    if (unused > UNUSED_SHARE * (inFile + fresh.length)) return false;
    const out = openSync(this.file, 'a');
    // Still the file read (another build may have replaced it since, perhaps for another salt): else written anew.
    if (identityOf(out) !== this.identity) {
      closeSync(out);
      return false;
    }
    closeSync(old);
    // A build killed meanwhile (or a full disk) leaves a last frame cut short: the next build then trusts no record
    // of the file (readChunks) and reads every article afresh.
    try {
      for (let i = 0; i < fresh.length; i += CHUNK) writeFrame(out, framed(fresh.slice(i, i + CHUNK)));
    } finally {
      closeSync(out);
    }
    return true;
  }

  /** Writes the kept records to `path`, copying unchanged chunks from the old file when it is open. */
  private writeTo(path: string, old: number | null): void {
    const out = openSync(path, 'w');
    try {
      writeFrame(out, new FramePayload().parts(serialize({ format: FORMAT, salt: this.salt })));
      const written = new Set<string>();
      for (const frame of old === null ? [] : this.frames) {
        const used = frame.keys.filter((key) => this.kept.has(key));
        used.forEach((key) => written.add(key));
        // Copied whole only if every record in it is one this build used as it was (none replaced by a later chunk).
        if (used.length === frame.records && used.every((key) => this.kept.get(key) === this.previous.get(key))) copyFrame(old!, out, frame);
        else if (used.length) writeFrame(out, framed(used.map((key) => [key, this.kept.get(key)!])));
      }
      const rest = [...this.kept].filter(([key]) => !written.has(key));
      for (let i = 0; i < rest.length; i += CHUNK) writeFrame(out, framed(rest.slice(i, i + CHUNK)));
    } finally {
      closeSync(out);
    }
  }

  /** The old cache file, if it is still the one read (else its chunks are not copied). */
  private openUnchanged(): number | null {
    if (!this.frames.length) return null;
    try {
      const fd = openSync(this.file, 'r');
      if (identityOf(fd) === this.identity) return fd;
      closeSync(fd);
    } catch {
      // Gone: everything is serialised afresh.
    }
    return null;
  }

  private keyOf(path: string): string | undefined {
    const hash = this.hashOf(path);
    return hash ? `${path}\0${hash}` : undefined;
  }
}

/** A frame's payload of records in parts: their V8 part, their counts and their texts (record-texts.ts). */
function framed(records: Array<[string, ReadResult]>): Uint8Array[] {
  const payload = new FramePayload();
  return payload.parts(serialize(records.map(([key, result]): [string, StoredRecord] => [key, payload.store(result)])));
}

/** One length-prefixed frame. */
function writeFrame(fd: number, parts: Uint8Array[]): void {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(parts.reduce((n, part) => n + part.byteLength, 0));
  writeParts(fd, [length, ...parts]);
}

/** A frame of the old file, length prefix and all, as it is. */
function copyFrame(from: number, to: number, frame: Frame): void {
  const bytes = Buffer.allocUnsafe(4 + frame.length);
  if (readSync(from, bytes, 0, bytes.length, frame.offset) < bytes.length) throw new Error('cache file cut short');
  writeAll(to, bytes);
}

/** Which file an open descriptor is, as far as copying from it goes: inode, size and last change. */
function identityOf(fd: number): string {
  const info = fstatSync(fd);
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`;
}

/**
 * Every entry of a cache file written for `salt`, with its chunks; a file of
 * another format or salt gives none. With `textsInPlace`, only the frames'
 * V8 parts are read, and the file is left open for the records to read their
 * texts from (record-texts.ts); else the texts are read with them.
 */
function readChunks(file: string, salt: string, textsInPlace: boolean): ReadFile {
  const fd = openSync(file, 'r');
  const read: ReadFile = { entries: new Map(), frames: [], identity: '', texts: { fd: null } };
  // The records' texts read from the file while it is open (`textsInPlace`); it is closed below unless it holds any.
  const inFile: OpenFile = { fd };
  try {
    read.identity = identityOf(fd);
    const size = fstatSync(fd).size;
    let offset = 0;
    const prefix = Buffer.alloc(4 + FRAME_HEADER_BYTES);
    // Every frame is read into the same buffer (deserializeDetached copies out what it keeps): a fresh one per frame
    // was fresh memory for the whole file, and on this machine each new page of memory costs more than reading it.
    let scratch = Buffer.alloc(0);
    // Term counts go into shared memory as they are read, when the texts stay in the file (a one-shot build).
    const store = textsInPlace ? new TermStore() : null;
    // The next frame: where it lies, its V8 part, and the rest (record-texts.ts).
    const frame = (): { at: number; length: number; v8: Buffer; rest: FrameRest } | null => {
      if (readSync(fd, prefix, 0, prefix.length, offset) < prefix.length) return null;
      const length = prefix.readUInt32LE(0);
      const v8Length = prefix.readUInt32LE(4);
      const countsLength = prefix.readUInt32LE(8);
      if (length > size - offset - 4 || v8Length + countsLength > length - FRAME_HEADER_BYTES) throw new Error('not a cache file, or one cut short');
      const wanted = textsInPlace ? v8Length + countsLength : length - FRAME_HEADER_BYTES;
      if (scratch.length < wanted) scratch = Buffer.allocUnsafe(Math.max(wanted, 2 * scratch.length));
      const bytes = scratch.subarray(0, wanted);
      const start = offset + prefix.length;
      if (readSync(fd, bytes, 0, bytes.length, start) < bytes.length) throw new Error('cache file cut short');
      const at = offset;
      offset += 4 + length;
      const textsAt = v8Length + countsLength;
      const texts = textsInPlace ? { file: inFile, start: start + textsAt } : { bytes: bytes.subarray(textsAt) };
      return { at, length, v8: bytes.subarray(0, v8Length), rest: { counts: bytes.subarray(v8Length, textsAt), texts, store } };
    };
    const header = frame();
    const stored = header && (deserialize(header.v8) as { format?: string; salt?: string });
    if (!stored || stored.format !== FORMAT || stored.salt !== salt) return read;
    for (let next = frame(); next; next = frame()) {
      const chunk = deserializeDetached(next.v8) as Array<[string, StoredRecord]>;
      for (const [key, value] of chunk) read.entries.set(key, restoredRecord(value, next.rest));
      read.frames.push({ offset: next.at, length: next.length, keys: chunk.map(([key]) => key), records: chunk.length });
    }
    // Appended chunks (save) may hold a newer record of a key an earlier chunk holds: each key belongs to its last chunk.
    const last = new Map<string, Frame>();
    for (const frame of read.frames) for (const key of frame.keys) last.set(key, frame);
    for (const frame of read.frames) if (frame.keys.some((key) => last.get(key) !== frame)) frame.keys = frame.keys.filter((key) => last.get(key) === frame);
    if (textsInPlace && read.entries.size) read.texts = inFile;
    store?.finish();
  } finally {
    if (read.texts !== inFile) {
      closeSync(fd);
      inFile.fd = null;
    }
  }
  return read;
}

/**
 * What `serialize` wrote, with every typed array copied out of `bytes`. V8's
 * own reader gives views on the buffer it reads: a record's few small arrays
 * (term counts, search word counts), kept after reading, kept its whole
 * chunk, every body in it, in memory: the size of the cache file in all
 * (170 MB at 16 000 articles) for as long as the dev server ran; and the
 * buffer is read into again for the next chunk.
 */
function deserializeDetached(bytes: Buffer): unknown {
  const reader = new DefaultDeserializer(bytes) as DefaultDeserializer & { _readHostObject(): unknown };
  const readView = reader._readHostObject.bind(reader);
  reader._readHostObject = () => {
    const view = readView();
    // A view on the chunk read, or (when unaligned there) on a slab of Node's shared pool, or on a copy of its own.
    if (!ArrayBuffer.isView(view) || (view.buffer !== bytes.buffer && view.buffer.byteLength === view.byteLength)) return view;
    if (view instanceof DataView) return new DataView(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
    return Buffer.isBuffer(view) ? Buffer.from(view) : (view as Uint8Array).slice();
  };
  reader.readHeader();
  return reader.readValue();
}
