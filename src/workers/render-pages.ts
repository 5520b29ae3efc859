/**
 * Renders and writes every page, on all cores: the main thread makes each
 * page's view (it holds the collated archive) and sends views in batches to
 * worker threads, which render them with the templates and write them into
 * the spare copy of the output folder. Views are made only as fast as the
 * threads take them, so they never pile up in memory. Small sites render in
 * the main thread: starting the threads would cost more than it saves.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Page } from '../model.js';
import { renderBytes, reportTemplateError, type RenderContext } from '../render/index.js';
import { fileForUrl } from '../render/urls.js';
import type { SiteWriter } from '../write/index.js';
import { runPool, type Batch } from './pool.js';

/** Pages per message: a few dozen views are large enough to make messaging cheap. */
export const PAGE_BATCH = 32;

/** One page as a render thread gets it: its view already made, as JSON (measured: a third of the cost of cloning the object). */
export interface PageJob {
  url: string;
  template: string;
  viewJson: string;
  /** Output path (claimed by the main thread). */
  path: string;
  /** The spare copy has a file there to compare with. */
  exists: boolean;
}

/** What a render thread did with one page. */
export type PageOutcome = { written: boolean } | { templateError: string } | { writeError: string };

/** How rendering may use threads. */
export interface RenderSetup {
  threads: number;
  onProgress?: (done: number) => void;
}

/** Renders and writes `pages` (threads > 1: in worker threads); returns how many pages the threads rendered. */
export async function renderPages(context: RenderContext, pages: Page[], writer: SiteWriter, diagnostics: Diagnostics, setup: RenderSetup): Promise<number> {
  let next = 0;
  let done = 0;
  let inThreads = 0;
  const progress = (n: number) => setup.onProgress?.((done += n));
  const jobOf = (page: Page): PageJob | null => {
    const path = fileForUrl(page.url);
    if (!writer.claim(path)) return null;
    return { url: page.url, template: page.template, viewJson: JSON.stringify(page.view), path, exists: writer.has(path) };
  };
  const takeBatch = (): Batch<PageJob> | null => {
    const items: PageJob[] = [];
    while (next < pages.length && items.length < PAGE_BATCH) {
      const job = jobOf(pages[next++]!);
      if (job) items.push(job);
      else progress(1);
    }
    return items.length ? { id: next, items } : null;
  };
  const left: Batch<PageJob>[] = [];
  if (setup.threads > 1) {
    left.push(
      ...(await runPool<PageJob, PageOutcome>({
        worker: 'render-worker',
        workerData: { templatesDir: context.templatesDir, globals: context.globals, root: writer.root },
        threads: setup.threads,
        next: takeBatch,
        done: (batch, outcomes) => {
          outcomes.forEach((outcome, k) => {
            if ('templateError' in outcome) reportTemplateError(diagnostics, batch.items[k]!, outcome.templateError);
            else if ('writeError' in outcome) writer.report(0, new Error(outcome.writeError));
            else writer.report(Number(outcome.written));
          });
          inThreads += outcomes.length;
          progress(outcomes.length);
        },
      })),
    );
  }
  // Whatever no thread rendered (all of it, for a small site) is rendered here.
  for (let batch = left.shift() ?? takeBatch(); batch; batch = left.shift() ?? takeBatch()) {
    for (const job of batch.items) {
      const result = renderBytes(context.renderTemplate, { ...job, view: JSON.parse(job.viewJson) });
      if ('error' in result) reportTemplateError(diagnostics, job, result.error);
      else await writer.write({ path: job.path, bytes: result.bytes });
      progress(1);
    }
  }
  return inThreads;
}
