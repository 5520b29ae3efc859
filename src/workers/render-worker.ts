/**
 * Worker thread entry: renders the pages it is sent with the site's
 * templates and writes each into the spare copy of the output folder (only
 * when its bytes changed), answering with what it did (see render-pages.ts).
 */
import { workerData } from 'node:worker_threads';
import { inParallel } from '../parallel.js';
import { createRenderer, type TemplateGlobals } from '../render/environment.js';
import { SpareFiles } from '../write/index.js';
import { serveBatches } from './pool.js';
import { renderJob, type PageJob } from './render-pages.js';

const { templatesDir, globals, root, salt } = workerData as { templatesDir: string; globals: TemplateGlobals; root: string; salt: string | null };
const renderTemplate = createRenderer(templatesDir, globals);
const files = new SpareFiles(root);

serveBatches((jobs: PageJob[]) => inParallel(jobs, 8, (job) => renderJob(renderTemplate, files, job, salt)));
