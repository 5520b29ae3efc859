/**
 * Renders and writes every page, on all cores: the main thread makes each
 * page's view (it holds the collated archive) and sends views in batches to
 * worker threads, which render them with the templates and write them into
 * the spare copy of the output folder. An article's body is not in its
 * view: the thread reads it from the spill file, where it waited since
 * reading (render/page-view.ts `withLateTexts`), so the main thread neither
 * reads it back nor escapes it into JSON. Views are made only as fast as the
 * threads take them, so they never pile up in memory. Small sites render in
 * the main thread: starting the threads would cost more than it saves.
 * With a page memory (page-memory.ts), a page whose view has the same
 * fingerprint (or stamp) as its file in the spare is neither sent, rendered
 * nor compared; when that leaves fewer pages than make threads worth
 * starting (after an edit, a handful), they are rendered in the main thread.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { Page } from '../model.js';
import { keptAsMade, PageTable, type PageEntry } from '../page-memory.js';
import type { RenderTemplate } from '../render/environment.js';
import { madeFingerprint, pageFingerprint } from '../render/fingerprint.js';
import { renderHtml, reportTemplateError, type RenderContext } from '../render/index.js';
import { retirePage } from '../render/lazy-page.js';
import { fileForUrl } from '../render/urls.js';
import { fillLateTexts, fragmentsOf, lateTextsOf, setAt, sharedFragmentsOf, withFragments, withLateTexts, type Fragment } from '../render/page-view.js';
import { readSpilledText, type SpillPlace } from '../spill-file.js';
import { renderOrder } from '../render/timeline.js';
import type { SiteWriter } from '../write/index.js';
import { SpareFiles } from '../write/spare-files.js';
import { FragmentSlots, KeptFragments, type SentFragment } from './fragment-slots.js';
import { PARALLEL_FROM, runPool, type Batch } from './pool.js';

/** Pages per message: a few dozen views are large enough to make messaging cheap. */
export const PAGE_BATCH = 32;

/** One page as a render thread gets it: its view already made, as JSON (measured: a third of the cost of cloning the object). */
export interface PageJob {
  url: string;
  template: string;
  viewJson: string;
  /**
   * The view's HTML fragments (render/page-view.ts): strings, which a message copies far faster than JSON escapes
   * them. Sent to a thread, a shared one it already holds is the number of its slot, and so is each item of a
   * fragment of items it holds (workers/fragment-slots.ts); made for this thread, as the view holds them.
   */
  fragments: Array<SentFragment | Fragment> | null;
  /** Slots the thread keeps shared fragments in, by fragment (-1: not kept), or null. */
  keep: number[] | null;
  /** Fields of the view the thread reads from the spill file (render/page-view.ts `LateText`: an article's body), or null. */
  late: SpilledField[] | null;
  /** Its place in the list of pages: the view is made again from it if the thread it went to dies. */
  page: number;
  /** Output path (claimed by the main thread). */
  path: string;
  /** The spare copy has a file there to compare with. */
  exists: boolean;
  /** The view's fingerprint, kept in the page memory with the file it is written to (null: no page memory). */
  hash: string | null;
}

/** A field of a page's view, left empty, and where its text waits in the spill file. */
export interface SpilledField {
  path: string[];
  place: SpillPlace;
}

/** What a thread did with one page: written or left as it was (with what the file now is), or why not. */
export type PageOutcome = { written: boolean; entry?: PageEntry } | { templateError: string } | { writeError: string };

/** How rendering may use threads, and what the spare's pages were made from. */
export interface RenderSetup {
  threads: number;
  onProgress?: (done: number) => void;
  /** The page memory's salt and the spare's table; without it every page is rendered and compared. */
  memory?: { salt: string; spare: PageTable };
  /** The table of the copy being written, with what is already in it (the exports); else a new one. */
  table?: PageTable;
  /**
   * The spill file bodies wait in, shared with the render threads (`SpillFile.shareFile`): a thread reads an
   * article's body there itself. Without it (or without threads) the main thread reads each into the view.
   */
  spill?: { fd: number; placeOf: (read: () => unknown) => SpillPlace | null };
  /** A one-shot build: each page lets go of what it alone reads (`Page.release`) and of its view's makers once it is done (`retirePage`). */
  release?: boolean;
  /** Fingerprints taken already, while kinship settled (render/fingerprints-ahead.ts): not taken again. */
  fingerprints?: ReadonlyMap<Page, string>;
}

/** What rendering did: pages done in threads, pages skipped (made from the same view as before), and the table of the copy just written. */
export interface RenderReport {
  inThreads: number;
  skipped: number;
  table: PageTable;
}

/** The view's late texts that wait in the spill file, taken out of the view (the others stay, to be read here). */
function spilledFields(view: object, placeOf: (read: () => unknown) => SpillPlace | null): SpilledField[] | null {
  const texts = lateTextsOf(view);
  if (!texts) return null;
  const fields: SpilledField[] = [];
  const left = texts.filter((text) => {
    const place = placeOf(text.read);
    if (place) fields.push({ path: text.path, place });
    return !place;
  });
  withLateTexts(view, left);
  return fields.length ? fields : null;
}

/** Renders and writes `pages` (threads > 1: in worker threads), the timelines of all topics interleaved in time (`renderOrder`). */
export async function renderPages(context: RenderContext, listed: Page[], writer: SiteWriter, diagnostics: Diagnostics, setup: RenderSetup): Promise<RenderReport> {
  const pages = renderOrder(listed);
  let done = 0;
  let inThreads = 0;
  let skipped = 0;
  const table = setup.table ?? new PageTable();
  const salt = setup.memory?.salt ?? null;
  const finished = (index: number) => {
    if (setup.release) retirePage(pages[index]!);
  };
  const progress = (n: number) => setup.onProgress?.((done += n));
  // Pages settled (claimed, and not already right) and waiting to be sent, with the fingerprint the memory asked for.
  const waiting: number[] = [];
  const asked = new Map<number, string>();
  // Each page's output path, made once: the writer keeps the string it claimed, and the table (one entry a page, with
  // the page memory) the same string rather than a copy (162 000 of them at 100 000 articles).
  const paths: string[] = [];
  let unsettled = 0;
  // Settles the next page: its path is taken (or said why not), and with a page memory, a page whose file is
  // already right is done with; any other waits to be rendered.
  const settleNext = (): void => {
    const index = unsettled++;
    const page = pages[index]!;
    const path = (paths[index] = fileForUrl(page.url));
    if (writer.claim(path)) {
      // A page the memory knows is fingerprinted by its stamp, or with its shared views standing in: no whole view is made.
      let fingerprint: string | null = null;
      // Taken ahead while the build waited for its threads (render/fingerprints-ahead.ts), or here.
      if (salt === null || !keptAsMade(writer.statOf, setup.memory!.spare, table, path, () => (fingerprint = setup.fingerprints?.get(page) ?? pageFingerprint(salt, page)))) {
        // Reused below if the file differs: the fingerprint, once the memory has asked for it (the file is as it last saw it).
        if (fingerprint !== null) asked.set(index, fingerprint);
        waiting.push(index);
        return;
      }
      writer.report(0);
      skipped++;
    }
    finished(index);
    progress(1);
  };
  let taken = 0;
  /** The next page to render, settling pages until one is to be rendered; null when none is left. */
  const nextToRender = (): number | null => {
    while (taken === waiting.length && unsettled < pages.length) settleNext();
    return taken < waiting.length ? waiting[taken++]! : null;
  };
  // After an edit, the page memory finds nearly every page already right, and starting threads for the handful left
  // (each loads Dossier and the templates) took longer than rendering them here: the pages are settled first, until
  // there are as many to render as make threads worth starting.
  let threads = setup.threads;
  if (salt !== null && threads > 1) {
    while (unsettled < pages.length && waiting.length < PARALLEL_FROM) settleNext();
    if (waiting.length < PARALLEL_FROM) threads = 1;
  }
  // The job of a settled page.
  const jobOf = (index: number, slots?: FragmentSlots): PageJob => {
    const page = pages[index]!;
    const view = page.view;
    const hash = salt === null ? null : (asked.get(index) ?? madeFingerprint(salt, page, view));
    asked.delete(index);
    const fragments = fragmentsOf(view);
    const sent = fragments && slots ? slots.send(fragments, sharedFragmentsOf(view)) : { fragments, keep: null };
    const late = slots && setup.spill ? spilledFields(view, setup.spill.placeOf) : null;
    fillLateTexts(view);
    const path = paths[index]!;
    return { url: page.url, template: page.template, viewJson: JSON.stringify(view), ...sent, late, page: index, path, exists: writer.has(path), hash };
  };
  let batches = 0;
  /** The next batch of pages, for the thread whose slots are given (none: rendered here). */
  const takeBatch = (slots?: FragmentSlots): Batch<PageJob> | null => {
    const items: PageJob[] = [];
    while (items.length < PAGE_BATCH) {
      const index = nextToRender();
      if (index === null) break;
      items.push(jobOf(index, slots));
    }
    return items.length ? { id: batches++, items } : null;
  };
  const take = (job: PageJob, outcome: PageOutcome) => {
    finished(job.page);
    if ('templateError' in outcome) reportTemplateError(diagnostics, job, outcome.templateError);
    else if ('writeError' in outcome) writer.report(0, new Error(outcome.writeError));
    else {
      writer.report(Number(outcome.written));
      if (outcome.entry) table.set(job.path, outcome.entry);
    }
  };
  const left: Batch<PageJob>[] = [];
  if (threads > 1) {
    // What each thread holds of the shared fragments: a thread is sent each of them once.
    const slots = Array.from({ length: threads }, () => new FragmentSlots());
    left.push(
      ...(await runPool<PageJob, PageOutcome>({
        worker: 'render-worker',
        workerData: { templatesDir: context.templatesDir, globals: context.globals, root: writer.root, spill: setup.spill?.fd ?? null },
        threads,
        next: (thread) => takeBatch(slots[thread]),
        // The thread has its copy: the main one lets go of the JSON at once. Held until the answer, the views of
        // every batch in flight would outlive the young generation and fill the old one, whose collections then
        // mark the whole archive again and again.
        sent: (batch) =>
          batch.items.forEach((job) => {
            job.viewJson = '';
            job.fragments = null;
            job.keep = null;
            job.late = null;
          }),
        done: (batch, outcomes) => {
          outcomes.forEach((outcome, k) => take(batch.items[k]!, outcome));
          inThreads += outcomes.length;
          progress(outcomes.length);
        },
      })),
    );
  }
  // Whatever no thread rendered (all of it, for a small site) is rendered here, the same way.
  for (const job of left.flatMap((batch) => batch.items)) {
    if (job.viewJson) continue;
    const view = pages[job.page]!.view;
    fillLateTexts(view);
    job.viewJson = JSON.stringify(view);
    job.fragments = fragmentsOf(view);
    job.keep = null;
  }
  const files = new SpareFiles(writer.root);
  // Jobs made for this thread, or re-made above, carry every fragment as HTML: nothing here points to a slot.
  const kept = new KeptFragments();
  for (let batch = left.shift() ?? takeBatch(); batch; batch = left.shift() ?? takeBatch()) {
    const outcomes = batch.items.map((job) => renderJob(context.renderTemplate, files, job, kept, setup.spill?.fd ?? null));
    outcomes.forEach((outcome, k) => take(batch!.items[k]!, outcome));
    progress(outcomes.length);
    // Rendering and writing are synchronous: between batches, the progress line and signals get their turn.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { inThreads, skipped, table };
}

/**
 * One page, in whichever thread: rendered, and written if its bytes changed (`kept`: the shared fragments this
 * thread holds; `spill`: the spill file's descriptor, where the job's late fields are read).
 */
export function renderJob(renderTemplate: RenderTemplate, files: SpareFiles, job: PageJob, kept: KeptFragments, spill: number | null): PageOutcome {
  // First, whatever happens to the page: the slots the thread keeps fragments in must follow every job it is sent.
  const fragments = job.fragments && kept.resolve({ fragments: job.fragments, keep: job.keep });
  const view = JSON.parse(job.viewJson) as Record<string, unknown>;
  try {
    // In the spill file, or in another (the record cache's) when the place names it.
    for (const field of job.late ?? []) setAt(view, field.path, readSpilledText(field.place.fd ?? spill!, field.place));
  } catch (error) {
    return { writeError: `reading the article body from the build's temporary file (or the record cache) failed: ${(error as Error).message}` };
  }
  const result = renderHtml(renderTemplate, { url: job.url, template: job.template, view: fragments ? withFragments(view, fragments) : view });
  if ('error' in result) return { templateError: result.error };
  try {
    const written = files.updateText(job.path, result.html, job.exists);
    if (job.hash === null) return { written };
    const info = statSync(join(files.root, job.path));
    return { written, entry: [info.size, info.mtimeMs, job.hash] };
  } catch (error) {
    return { writeError: (error as Error).message };
  }
}
