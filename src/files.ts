/**
 * Listing what a folder holds, for fingerprints and clean-ups.
 */
import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

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
