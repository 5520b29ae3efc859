/**
 * The parts of Dossier the CLI loads only when a command needs them, so that
 * `build` with nothing to do, `--help` and usage errors answer at once.
 */

/** The pipeline (remark, rehype, nunjucks, …). */
export const loadPipeline = () => import('./build.js');
/** The dev server with its watcher. */
export const loadDev = () => import('./dev/index.js');
/** The static server. */
export const loadServer = () => import('./dev/server.js');
/** Site configuration (zod, YAML). */
export const loadConfig = () => import('./config.js');
