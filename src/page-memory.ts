/**
 * What each page of the two output copies (the site and its spare) was made
 * from: per page file its size, modification time and its view's fingerprint
 * (render/fingerprint.ts) under a salt for the template set and Dossier's
 * code. A page whose view has the same fingerprint as when
 * its file in the spare was written, with that file untouched since, is
 * neither rendered nor compared again: after a small edit almost every page
 * is skipped. Copies are told apart by the inode of their folder, which a
 * rename keeps, so the record follows each copy through the swaps.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheFileFor } from './cache.js';
import { FileColumns, type FileEntry, type FileStat } from './files.js';
import type { OutputFile } from './model.js';
import type { SiteWriter } from './write/index.js';

/** One page file as it was written: size, modification time, hash of what it was rendered from. */
export type PageEntry = FileEntry;

/** A table as the memory's file keeps it: in columns, which parse several times faster than an object keyed by path. */
interface StoredTable {
  paths: string[];
  sizes: number[];
  mtimes: number[];
  hashes: string[];
}

/**
 * Page files of one copy, by path, in columns. A build fills one as it
 * writes the site (162 000 files at 100 000 articles, full at the end of
 * the render, when its memory is highest): 222 bytes a file, where an object
 * keyed by path with an array per file took 255; stored so, the memory's
 * file parses faster too.
 */
export class PageTable extends FileColumns {
  /** A table of these files (tests), or as the memory's file keeps it. */
  static from(entries: Iterable<[string, PageEntry]> | StoredTable): PageTable {
    const table = new PageTable();
    if (Symbol.iterator in entries) for (const [path, entry] of entries) table.set(path, entry);
    else entries.paths.forEach((path, i) => table.set(path, [entries.sizes[i]!, entries.mtimes[i]!, entries.hashes[i]!]));
    return table;
  }

  /** Forgets the file at `path` (its place stays empty until the table is stored). */
  delete(path: string): void {
    const at = this.places.get(path);
    if (at === undefined) return;
    this.places.delete(path);
    this.paths[at] = '';
  }

  /** The table as the memory's file keeps it (JSON.stringify calls it). */
  toJSON(): StoredTable {
    const kept = (_: unknown, at: number) => this.paths[at] !== '';
    return { paths: this.paths.filter(kept), sizes: this.sizes.filter(kept), mtimes: this.mtimes.filter(kept), hashes: this.hashes.filter(kept) };
  }
}

/** Bumped when the hashed inputs change shape (2: view fingerprints, render/fingerprint.ts) or the file's layout does (3: tables in columns). */
const FORMAT = 'pages-3';

/** The page tables of one output folder's copies, and the salt their hashes are valid for. */
export class PageMemory {
  private constructor(
    private readonly file: string,
    /** Dossier's code, templates, options: what, besides the view, decides a page's bytes. */
    readonly salt: string,
    private readonly tables: Map<number, PageTable>,
  ) {}

  /** Opens the record of `outDir`'s copies; one written under another salt counts as none. */
  static open(cacheDir: string, outDir: string, salt: string): PageMemory {
    const file = cacheFileFor(cacheDir, 'builds', outDir, '.pages.json');
    let tables = new Map<number, PageTable>();
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { format: string; salt: string; tables: Array<[number, StoredTable]> };
      if (stored.format === FORMAT && stored.salt === salt) tables = new Map(stored.tables.map(([ino, table]) => [ino, PageTable.from(table)]));
    } catch {
      // None yet, or unreadable: every page is rendered and compared.
    }
    return new PageMemory(file, salt, tables);
  }

  /** Pages in the larger of the copies it knows: about how many files the old output has. */
  largestCopy(): number {
    let most = 0;
    for (const table of this.tables.values()) most = Math.max(most, table.size);
    return most;
  }

  /** What the copy whose folder has inode `ino` was made from. */
  tableOf(ino: number): PageTable {
    return this.tables.get(ino) ?? new PageTable();
  }

  /** Records a copy as just written; only it and the other copy are kept. */
  async save(ino: number, table: PageTable, otherIno: number | null): Promise<void> {
    const kept: Array<[number, PageTable]> = [[ino, table]];
    const other = otherIno === null ? undefined : this.tables.get(otherIno);
    if (other && otherIno !== ino) kept.push([otherIno!, other]);
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFile(`${this.file}.tmp`, JSON.stringify({ format: FORMAT, salt: this.salt, tables: kept }));
    await rename(`${this.file}.tmp`, this.file);
  }
}

/**
 * True when the spare copy's file at `path` (`statOf`: its size and time now) is as the memory last saw it
 * (same size and modification time, so nobody has changed it since) and was
 * made from what `hash` gives now (asked only then: it may cost a view);
 * `table` (if any) then records it for the next build as it is.
 */
export function keptAsMade(statOf: (path: string) => FileStat | undefined, spare: PageTable, table: PageTable | null, path: string, hash: () => string): boolean {
  const known = spare.get(path);
  if (!known) return false;
  const info = statOf(path);
  if (info === undefined || info.size !== known[0] || info.mtimeMs !== known[1] || hash() !== known[2]) return false;
  table?.set(path, known);
  return true;
}

/**
 * Writes a file through `writer`, unless it says what it is made from
 * (`inputs`) and the spare copy holds it as made from the same: then it is
 * kept as it is, never made (true). Either way `table` records it for the next build. `inTurns`: see `Emit`.
 */
export async function emitRemembered(writer: SiteWriter, file: OutputFile, memory: { salt: string; spare: PageTable } | undefined, table: PageTable, inTurns = false): Promise<boolean> {
  if (!memory || !file.inputs) {
    await writer.emit(file, inTurns);
    return false;
  }
  const hash = inputsHash(memory.salt, file.path, file.inputs());
  if (keptAsMade(writer.statOf, memory.spare, table, file.path, () => hash)) {
    if (writer.claim(file.path)) {
      writer.report(0);
      return true;
    }
    // Refused (said why): not part of this site.
    table.delete(file.path);
    return false;
  }
  await writer.emit(file, inTurns);
  const info = statSync(join(writer.root, file.path), { throwIfNoEntry: false });
  if (info?.isFile()) table.set(file.path, [info.size, info.mtimeMs, hash]);
  return false;
}

/** What the memory records for a file made from `inputs` (`OutputFile.inputs`) under `salt`. */
export function inputsHash(salt: string, path: string, inputs: string): string {
  return createHash('sha1').update(salt).update('\0').update(path).update('\0').update(inputs).digest('hex');
}

/** `statOf` for keptAsMade: the file at `path` in `root` as it is now. */
export function statIn(root: string): (path: string) => FileStat | undefined {
  return (path) => statSync(join(root, path), { throwIfNoEntry: false });
}
