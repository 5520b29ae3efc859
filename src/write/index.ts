/**
 * Write stage: the whole site is written into a fresh folder beside the
 * output folder and swapped in at the end, so a failed or killed build leaves
 * the previous site whole.
 */
import { mkdir, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { OutputFile } from '../model.js';
import { inParallel } from '../parallel.js';
import { isSafeOutputPath } from './safe-path.js';

/** Writes every file and swaps the new site in; unsafe or duplicate paths are refused with an error. `beforeSwap` may add to the staged site (the search index). */
export async function writeSite(outDir: string, files: OutputFile[], diagnostics: Diagnostics, beforeSwap?: (stagingDir: string) => Promise<void>): Promise<void> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  const staging = join(parent, `.${name}.dossier-new-${process.pid}`);
  const previous = join(parent, `.${name}.dossier-old-${process.pid}`);
  await mkdir(parent, { recursive: true });
  await removeLeftovers(parent, name);
  await rm(staging, { recursive: true, force: true });
  const written = new Set<string>();
  const accepted: OutputFile[] = [];
  for (const file of files) {
    if (!isSafeOutputPath(file.path) || written.has(file.path)) {
      diagnostics.add(
        'write/unsafe-path',
        'error',
        { path: file.path.slice(0, 200) },
        written.has(file.path) ? 'two pages want the same output file; the second was not written' : 'refused to write outside the output folder',
        'this is a bug in Dossier; please report it',
      );
      continue;
    }
    written.add(file.path);
    accepted.push(file);
  }
  // Folders first (each once, parents before children), then the files, many at a time: the disk, not the CPU, is the limit here.
  const folders = [...new Set(accepted.map((f) => dirname(join(staging, f.path))))].sort();
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await inParallel(accepted, WRITE_CONCURRENCY, (file) => writeFile(join(staging, file.path), file.bytes));
  await mkdir(staging, { recursive: true });
  if (beforeSwap) await beforeSwap(staging);
  await swapIn(staging, outDir, previous);
}

/** Files written at once. */
const WRITE_CONCURRENCY = 32;

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
