/**
 * Write stage, double-buffered: beside the output folder lives a spare copy
 * of the site (`.<name>.dossier-spare`, the site as it was one build before
 * the current one). A build brings the spare up to date, writing only the
 * files whose bytes differ and deleting those the site no longer has, then
 * swaps it with the output folder by renaming. So a failed or killed build
 * never touches the site being served, and a build that changes little
 * writes little: on this kind of disk, creating tens of thousands of files
 * and folders afresh (and deleting the old ones) costs more than the rest of
 * the build. Costs twice the site's size on disk.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import { listFilesAsync, type FileStat, type listFilesWithStats } from '../files.js';
import type { OutputFile } from '../model.js';
import { runOnce } from '../workers/pool.js';
import { SpareFiles } from './spare-files.js';
import { isSafeOutputPath } from './safe-path.js';

/**
 * Hands one output file to the writer; resolves once the writer can take the next one. `inTurns`: a large file
 * is written taking turns with the thread's other work (`SpareFiles.updateInTurns`).
 */
export type Emit = (file: OutputFile, inTurns?: boolean) => Promise<void>;

/** What writing the site did. */
export interface WriteReport {
  /** Files the site has. */
  files: number;
  /** Files whose bytes were written (the rest were already right in the spare copy). */
  written: number;
  /** Files of the spare copy deleted because the site no longer has them. */
  removed: number;
  /** Every file of the site, as relative paths. */
  paths: string[];
}

/** What a build hands its files to: written here (`emit`), or claimed here (`claim`) and written by another thread into `root`. */
export interface SiteWriter {
  /** Claims and writes one file. */
  emit: Emit;
  /** Claims a path for this build's site; false (an error diagnostic given) when it is unsafe or already taken. */
  claim(path: string): boolean;
  /** True when the spare copy already has a file at `path` (it is compared, not created). */
  has(path: string): boolean;
  /**
   * The size and modification time of the spare copy's file at `path` (undefined: none), asked before this
   * build writes it: as listed when the build began (once; a thread stat'd them all meanwhile), else as it is now.
   */
  statOf(path: string): FileStat | undefined;
  /** The files under `folder` (ending in `/`) the spare copy already has, for another thread that writes there. */
  existing(folder: string): string[];
  /** Records what another thread did with claimed files: how many it wrote, or why it could not. */
  report(written: number, failure?: unknown): void;
  /** The folder being written (the spare copy). */
  root: string;
  /** Inodes of the spare copy and of the current site (null when there is none yet): they name the copies in the page memory. */
  copies: { spare: number; site: number | null };
}

/**
 * Writes the files `produce` hands over into the spare copy of `outDir` as
 * they come (the whole site is never held in memory), then swaps it in.
 * Unsafe or duplicate paths are refused with an error.
 */
export async function writeSite(outDir: string, produce: (writer: SiteWriter) => Promise<void>, diagnostics: Diagnostics, opened = openSpare(outDir)): Promise<WriteReport> {
  const { spare, swapping, stale, copies, listedStats } = await opened;
  const seen = new Set<string>();
  const files = new SpareFiles(spare);
  let written = 0;
  let failure: unknown = null;

  const writer: SiteWriter = {
    root: spare,
    copies,
    has: (path) => stale.has(path),
    statOf: (path) => {
      // Nothing but this build writes the spare while it runs, and it asks before it writes: the listing answers.
      const listed = listedStats?.get(path);
      if (listed) {
        listedStats!.delete(path);
        return listed;
      }
      return statSync(join(spare, path), { throwIfNoEntry: false });
    },
    existing: (folder) => [...stale].filter((path) => path.startsWith(folder)),
    claim: (path) => {
      if (isSafeOutputPath(path) && !seen.has(path)) return Boolean(seen.add(path));
      diagnostics.add(
        'write/unsafe-path',
        'error',
        { path: path.slice(0, 200) },
        seen.has(path) ? 'two pages want the same output file; the second was not written' : 'refused to write outside the output folder',
        'this is a bug in Dossier; please report it',
      );
      return false;
    },
    emit: async (file, inTurns = false) => {
      if (!writer.claim(file.path)) return;
      listedStats?.delete(file.path);
      const exists = stale.has(file.path);
      // Awaited first: `written += await …` would add to the count as it was before the wait, losing what others reported meanwhile.
      const changed = inTurns ? await files.updateInTurns(file, exists) : files.update(file, exists);
      written += Number(changed);
    },
    report: (count, error) => {
      written += count;
      if (error) failure ??= error;
    },
  };
  await produce(writer);
  if (failure) throw failure;

  const removed = [...stale].filter((path) => !seen.has(path));
  // One may already be gone, cleared for a folder of the new site.
  for (const path of removed) await unlink(join(spare, path)).catch(() => undefined);
  await removeEmptiedFolders(spare, removed);
  await swap(outDir, spare, swapping);
  return { files: seen.size, written, removed: removed.length, paths: [...seen] };
}

/** The spare copy of an output folder, ready to be brought up to date, and what it holds. */
export interface OpenedSpare {
  spare: string;
  swapping: string;
  stale: Set<string>;
  copies: SiteWriter['copies'];
  /** Each file's size and modification time as the thread that listed the spare saw them, or null (listed here). */
  listedStats: Map<string, FileStat> | null;
}

/** Finishes a swap cut short and lists the spare copy (`listInThread`: in a thread of its own); a build may start this early, while it reads. */
export async function openSpare(outDir: string, listInThread = false): Promise<OpenedSpare> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  const spare = join(parent, `.${name}.dossier-spare`);
  const swapping = join(parent, `.${name}.dossier-swap`);
  // The thread starts at once: the steps below wait for this one's next turn, seconds later in a busy build. Only a
  // swap cut short changes what the spare holds (recover); then it is listed once that is finished.
  const early = listInThread && !existsSync(swapping) ? runOnce<string, ReturnType<typeof listFilesWithStats>>('list-worker', {}, spare) : null;
  await mkdir(parent, { recursive: true });
  await recover(parent, name, outDir, spare, swapping);
  await mkdir(spare, { recursive: true });
  const copies = { spare: (await stat(spare)).ino, site: (await stat(outDir).catch(() => null))?.ino ?? null };
  // Listed here without blocking, the walk goes on only while this thread waits: well while threads read the
  // articles, but a build from the caches keeps it busy from the start (the walk of 27 000 folders ended after
  // collate, and the build waited on it). A thread that cannot start or dies leaves it to be listed here after all.
  const listed = await early;
  if (!listed) return { spare, swapping, stale: new Set(await listFilesAsync(spare)), copies, listedStats: null };
  const listedStats = new Map<string, FileStat>();
  listed.paths.forEach((path, i) => listedStats.set(path, { size: listed.sizes[i]!, mtimeMs: listed.mtimes[i]! }));
  return { spare, swapping, stale: new Set(listed.paths), copies, listedStats };
}

/** Output folder ↔ spare, by three renames; `recover` finishes a swap that was cut short. */
async function swap(outDir: string, spare: string, swapping: string): Promise<void> {
  const hadSite = existsSync(outDir);
  if (hadSite) await rename(outDir, swapping);
  await rename(spare, outDir);
  if (hadSite) await rename(swapping, spare);
}

/**
 * Puts things right after a build that was killed: a swap cut short is
 * finished or undone so the output folder exists, and the staging folders of
 * older Dossier versions are removed.
 */
async function recover(parent: string, name: string, outDir: string, spare: string, swapping: string): Promise<void> {
  if (existsSync(swapping)) {
    if (!existsSync(outDir)) await rename(swapping, outDir);
    else if (!existsSync(spare)) await rename(swapping, spare);
    else await rm(swapping, { recursive: true, force: true });
  }
  const prefix = `.${name}.dossier-`;
  for (const entry of await readdir(parent)) {
    const path = join(parent, entry);
    if (entry.startsWith(prefix) && path !== spare) await rm(path, { recursive: true, force: true });
  }
}

/**
 * Removes the folders that deleting `removed` left empty, deepest first. Only
 * their ancestors are tried: sweeping the whole tree cost seconds at 26 000
 * folders whenever one page went away.
 */
async function removeEmptiedFolders(root: string, removed: string[]): Promise<void> {
  const folders = new Set<string>();
  for (const path of removed) for (let folder = dirname(path); folder !== '.' && !folders.has(folder); folder = dirname(folder)) folders.add(folder);
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length);
  // A folder that still holds something refuses (ENOTEMPTY): it stays.
  for (const folder of deepestFirst) await rmdir(join(root, folder)).catch(() => undefined);
}
