/**
 * Worker thread entry: renders the pages it is sent with the site's
 * templates and writes each into the spare copy of the output folder (only
 * when its bytes changed), answering with what it did (see render-pages.ts).
 */
import { workerData } from 'node:worker_threads';
import { collectWhenGrown } from '../memory.js';
import { createRenderer, type TemplateGlobals } from '../render/environment.js';
import { SpareFiles } from '../write/spare-files.js';
import { KeptFragments } from './fragment-slots.js';
import { serveBatches } from './pool.js';
import { renderJob, type PageJob } from './render-pages.js';

const { templatesDir, globals, root, spill } = workerData as { templatesDir: string; globals: TemplateGlobals; root: string; spill: number | null };
const renderTemplate = createRenderer(templatesDir, globals);
const files = new SpareFiles(root);
const kept = new KeptFragments();

/** Tests make a thread die after this many batches, to check that its unfinished pages are still rendered. */
const diesAfter = Number(process.env.DOSSIER_TEST_RENDER_THREAD_DIES_AFTER ?? Infinity);
let served = 0;

// One page after another: this thread's writes are synchronous (see SpareFiles), and it has nothing else to do meanwhile.
serveBatches((jobs: PageJob[]) => {
  if (served++ >= diesAfter) process.exit(1);
  const outcomes = jobs.map((job) => renderJob(renderTemplate, files, job, kept, spill));
  // A thread's garbage is otherwise collected only when V8 sees fit: hundreds of megabytes per thread on large sites.
  collectWhenGrown();
  return outcomes;
});
