/**
 * Worker thread entry: renders the pages it is sent with the site's
 * templates and writes each into the spare copy of the output folder (only
 * when its bytes changed), answering with what it did (see render-pages.ts).
 */
import { workerData } from 'node:worker_threads';
import { inParallel } from '../parallel.js';
import { createRenderer, type TemplateGlobals } from '../render/environment.js';
import { renderBytes } from '../render/index.js';
import { SpareFiles } from '../write/index.js';
import { serveBatches } from './pool.js';
import type { PageJob, PageOutcome } from './render-pages.js';

const { templatesDir, globals, root } = workerData as { templatesDir: string; globals: TemplateGlobals; root: string };
const renderTemplate = createRenderer(templatesDir, globals);
const files = new SpareFiles(root);

serveBatches((jobs: PageJob[]) =>
  inParallel(jobs, 8, async (job): Promise<PageOutcome> => {
    const result = renderBytes(renderTemplate, { ...job, view: JSON.parse(job.viewJson) });
    if ('error' in result) return { templateError: result.error };
    try {
      return { written: await files.update({ path: job.path, bytes: result.bytes }, job.exists) };
    } catch (error) {
      return { writeError: (error as Error).message };
    }
  }),
);
