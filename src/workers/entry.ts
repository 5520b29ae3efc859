/**
 * How a worker thread is started. Compiled Dossier (bin/dossier.mjs) starts
 * the compiled entry directly; running from TypeScript, the worker first
 * registers tsx through a small JavaScript bootstrap (Node 20 ignores
 * `--import tsx` in a worker's execArgv), which costs about a second.
 */

/** The file a Worker is created from and the workerData it needs for that. */
export interface WorkerEntry {
  file: URL;
  data: { entry?: string };
}

/** The entry of the worker module `name` (in this folder), compiled or through tsx. */
export function workerEntry(name: string): WorkerEntry {
  if (import.meta.url.endsWith('.js')) return { file: new URL(`./${name}.js`, import.meta.url), data: {} };
  return { file: new URL('./bootstrap.mjs', import.meta.url), data: { entry: new URL(`./${name}.ts`, import.meta.url).href } };
}
