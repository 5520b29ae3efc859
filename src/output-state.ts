/**
 * The output folder as the last build left it, kept beside the build
 * manifest (cache.ts) in a file of its own: checking it is a stat for every
 * file of the site, which a large site's build with nothing to do spends a
 * third of its time on, and in its own file it can be read and checked in a
 * thread of its own while the main thread fingerprints the inputs.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { folderPrefix, listFiles } from './files.js';
import { runOnce } from './workers/pool.js';

/** An output folder as a build left it: the names at its top and every file's size and modification time, in columns. */
export interface OutputState {
  top: string[];
  paths: string[];
  sizes: number[];
  mtimes: number[];
}

/** The state as stored: `id` ties it to the manifest written with it (a killed build may leave one without the other). */
interface StoredOutputState extends OutputState {
  id: string;
}

/** What checking the stored state found: the id it was stored under, and whether the folder still matches it. */
export interface OutputCheck {
  id: string;
  asLeft: boolean;
}

/** Below this size the stored state is checked here: starting a thread costs more than a few thousand stats. */
const CHECK_IN_THREAD_FROM = 256 * 1024;

/**
 * Records the output folder after a build; `paths` (the files the build wrote) spares a walk of its folders,
 * and `seen` (what the build already knows of some of them: the pages) a stat each.
 */
export async function recordOutput(outDir: string, paths?: string[], seen?: { get(path: string): [size: number, mtimeMs: number, ...unknown[]] | undefined }): Promise<OutputState> {
  const state: OutputState = { top: topEntries(outDir), paths: (paths ?? (await listFiles(outDir))).slice().sort(), sizes: [], mtimes: [] };
  // Synchronous stat in a loop: for tens of thousands of small files it is several times faster than promises.
  for (const path of state.paths) {
    const known = seen?.get(path);
    const info = known ? { size: known[0], mtimeMs: known[1] } : statSync(join(outDir, path));
    state.sizes.push(info.size);
    state.mtimes.push(info.mtimeMs);
  }
  return state;
}

/** Stores `state` at `file` (written beside and renamed); returns the id the manifest keeps to vouch for it. */
export async function storeOutputState(file: string, state: OutputState): Promise<string> {
  const id = randomUUID();
  await writeFile(`${file}.tmp`, JSON.stringify({ id, ...state } satisfies StoredOutputState));
  await rename(`${file}.tmp`, file);
  return id;
}

/**
 * Starts checking the state stored at `file` against `outDir`: in a thread
 * of its own when the state is large, so that it runs while the caller
 * fingerprints the inputs (`inThreadFrom`: the size of stored state that
 * takes a thread). `answer()` resolves to what was found (null: no state
 * stored, unreadable, or cancelled); `cancel` stops a check no longer needed.
 */
export function startOutputCheck(file: string, outDir: string, inThreadFrom = CHECK_IN_THREAD_FROM): { answer: () => Promise<OutputCheck | null>; cancel: () => void } {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  // A small state is checked only when asked for.
  if (size < inThreadFrom) return { answer: async () => checkStoredOutput(file, outDir), cancel: () => undefined };
  const stop = new AbortController();
  const inThread = runOnce<[string, string], OutputCheck | null>('output-check-worker', {}, [file, outDir], stop.signal);
  // A thread that could not start or died leaves the check to be made here.
  const answer = inThread.then((found) => (found === null && !stop.signal.aborted ? checkStoredOutput(file, outDir) : found));
  return { answer: () => answer, cancel: () => stop.abort() };
}

/** Reads the state stored at `file` and checks `outDir` against it; null when none can be read. */
export function checkStoredOutput(file: string, outDir: string): OutputCheck | null {
  let stored: StoredOutputState;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredOutputState;
  } catch {
    return null;
  }
  return typeof stored?.id === 'string' ? { id: stored.id, asLeft: outputAsLeft(outDir, stored) } : null;
}

/**
 * True when every file the last build wrote is still there, unchanged by size
 * and modification time, and nothing was added at the top. Files are checked
 * by stat alone: walking a site of tens of thousands of one-page folders
 * (a readdir each) took half of a no-op build, so a file added deep inside
 * the output is not noticed (the next real build removes it).
 */
export function outputAsLeft(outDir: string, state: OutputState): boolean {
  if (!Array.isArray(state.paths) || !Array.isArray(state.top) || topEntries(outDir).join('\0') !== state.top.join('\0')) return false;
  // The paths are the build's own, relative and normalised.
  const root = folderPrefix(outDir);
  try {
    for (let i = 0; i < state.paths.length; i++) {
      const info = statSync(root + state.paths[i], { throwIfNoEntry: false });
      if (!info || info.size !== state.sizes[i] || info.mtimeMs !== state.mtimes[i]) return false;
    }
    return true;
  } catch {
    // Not reachable: a folder on its path replaced by a file (ENOTDIR), say.
    return false;
  }
}

function topEntries(outDir: string): string[] {
  try {
    return readdirSync(outDir).sort();
  } catch {
    return [];
  }
}
