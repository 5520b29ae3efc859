/**
 * Static assets from `templates/assets/`, fingerprinted (`style.3f2a9c1e.css`)
 * so a host can cache them forever.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputFile } from '../model.js';

/** The asset files and, by original name, the URL path of each. */
export interface Assets {
  files: OutputFile[];
  urls: Record<string, string>;
}

/** Reads and fingerprints every file in `templates/assets/`. */
export function loadAssets(templatesDir: string): Assets {
  const dir = join(templatesDir, 'assets');
  const files: OutputFile[] = [];
  const urls: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const bytes = readFileSync(join(dir, name));
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    const fingerprinted = dot > 0 ? `${name.slice(0, dot)}.${hash}${name.slice(dot)}` : `${name}.${hash}`;
    files.push({ path: `assets/${fingerprinted}`, bytes });
    urls[name] = `/assets/${fingerprinted}`;
  }
  return { files, urls };
}
