#!/usr/bin/env node
/**
 * The `dossier` command. It runs Dossier as plain JavaScript compiled from
 * src/ (esbuild, one file per source file, ~0.1 s), kept in
 * `.dossier-lib-<hash of src/>/` beside src/ so that every relative path
 * (templates, the lock file) still resolves. Loading TypeScript through tsx
 * instead costs about half a second per run and a second per worker thread,
 * which is most of a build that has nothing to do. The packages a source file
 * imports are bundled into its compiled file: loaded as the hundreds of small
 * modules they are, they took 0.3 s more CPU for each thread a build starts
 * (seven at 16 000 articles) and 0.26 s more of the main thread's. A source
 * change gives a new hash and a new copy; when no copy can be made (a
 * read-only install, esbuild missing) src/ runs through tsx as before.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
/** Copies older than this are removed when a new one is made (a build still running from one keeps it meanwhile). */
const KEEP_OLD_MS = 60 * 60 * 1000;

const sourceFiles = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name).slice(src.length + 1))
  .sort();
const hash = createHash('sha256');
// This file too: how the copy is made is part of what it is.
hash.update(readFileSync(fileURLToPath(import.meta.url))).update('\0');
for (const file of sourceFiles) hash.update(file).update('\0').update(readFileSync(join(src, file))).update('\0');
const lib = join(root, `.dossier-lib-${hash.digest('hex').slice(0, 16)}`);

const cli = existsSync(join(lib, 'cli.js')) || (await compile().catch(() => false)) ? join(lib, 'cli.js') : null;
let main;
if (cli) {
  ({ main } = await import(pathToFileURL(cli).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(pathToFileURL(join(src, 'cli.ts')).href));
}
process.exitCode = await main(process.argv.slice(2));

/** Compiles src/ into a temporary folder, then renames it into place (two runs at once both finish with a whole copy). */
async function compile() {
  const { build } = await import('esbuild');
  const staging = `${lib}.${process.pid}.tmp`;
  const entryPoints = sourceFiles.filter((file) => file.endsWith('.ts')).map((file) => join(src, file));
  // One output file per source file, its own imports left as they are; a package's CommonJS code may `require`
  // Node's modules, which an ES module has no `require` for but the one the banner makes.
  const ownImportsLeft = {
    name: 'own-imports-left',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => (args.importer.startsWith(src + sep) ? { path: args.path, external: true } : undefined));
    },
  };
  const banner = "import { createRequire as __dossierCreateRequire } from 'node:module'; const require = __dossierCreateRequire(import.meta.url);";
  await build({ entryPoints, outdir: staging, outbase: src, bundle: true, plugins: [ownImportsLeft], banner: { js: banner }, format: 'esm', platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'silent' });
  // Plain JavaScript files (the dev client, the tsx worker bootstrap) are read from beside the code at run time.
  cpSync(src, staging, { recursive: true, filter: (path) => statSync(path).isDirectory() || !path.endsWith('.ts') });
  writeFileSync(join(staging, 'SOURCE'), 'Compiled from src/ by bin/dossier.mjs; safe to delete.\n');
  try {
    renameSync(staging, lib);
  } catch {
    rmSync(staging, { recursive: true, force: true });
  }
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (entry.startsWith('.dossier-lib-') && path !== lib && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
  }
  return existsSync(join(lib, 'cli.js'));
}
