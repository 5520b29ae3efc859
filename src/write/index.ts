/**
 * Write stage: the whole site is written into a fresh folder beside the
 * output folder and swapped in at the end, so a failed or killed build leaves
 * the previous site whole.
 */
import { mkdir, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { OutputFile } from '../model.js';
import { isSafeOutputPath } from './safe-path.js';

/** Hands one output file to the writer; resolves once the writer can take the next one. */
export type Emit = (file: OutputFile) => Promise<void>;

/** Files written at once. */
const WRITE_CONCURRENCY = 32;

/**
 * Writes the files `produce` emits into a staging folder beside `outDir`,
 * as they come (so the whole site is never held in memory), then swaps the
 * new site in. Unsafe or duplicate paths are refused with an error.
 * `beforeSwap` may add to the staged site (the search index). Returns how many files were written.
 */
export async function writeSite(
  outDir: string,
  produce: (emit: Emit) => Promise<void>,
  diagnostics: Diagnostics,
  beforeSwap?: (stagingDir: string) => Promise<void>,
): Promise<number> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  const staging = join(parent, `.${name}.dossier-new-${process.pid}`);
  const previous = join(parent, `.${name}.dossier-old-${process.pid}`);
  await mkdir(parent, { recursive: true });
  await removeLeftovers(parent, name);
  await mkdir(staging, { recursive: true });
  const written = new Set<string>();
  const folders = new Map<string, Promise<unknown>>();
  const pending = new Set<Promise<void>>();
  let failure: unknown = null;
  const emit: Emit = async (file) => {
    if (!isSafeOutputPath(file.path) || written.has(file.path)) {
      diagnostics.add(
        'write/unsafe-path',
        'error',
        { path: file.path.slice(0, 200) },
        written.has(file.path) ? 'two pages want the same output file; the second was not written' : 'refused to write outside the output folder',
        'this is a bug in Dossier; please report it',
      );
      return;
    }
    written.add(file.path);
    while (pending.size >= WRITE_CONCURRENCY) await Promise.race(pending);
    if (failure) throw failure;
    const folder = dirname(join(staging, file.path));
    let ready = folders.get(folder);
    if (!ready) folders.set(folder, (ready = mkdir(folder, { recursive: true })));
    const task = ready
      .then(() => writeFile(join(staging, file.path), file.bytes))
      .catch((error: unknown) => void (failure ??= error))
      .finally(() => pending.delete(task));
    pending.add(task);
  };
  await produce(emit);
  await Promise.all(pending);
  if (failure) throw failure;
  if (beforeSwap) await beforeSwap(staging);
  await swapIn(staging, outDir, previous);
  return written.size;
}

async function swapIn(staging: string, outDir: string, previous: string): Promise<void> {
  let hadPrevious = true;
  try {
    await rename(outDir, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  await rename(staging, outDir);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

/** Staging folders of builds that were killed are removed before the next one starts. */
async function removeLeftovers(parent: string, name: string): Promise<void> {
  const prefix = `.${name}.dossier-`;
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(prefix)) await rm(join(parent, entry), { recursive: true, force: true });
  }
}
