/**
 * One article file, start to finish of the per-file work: read and decode
 * (ingest), make the record (normalise) and analyse it alone (collate's
 * per-article part). The same function runs in a worker thread or in-process.
 */
import { adoptAnalysis, analyseArticle, type ArticleAnalysis } from '../collate/analysis.js';
import type { SiteData } from '../config.js';
import { Diagnostics } from '../diagnostics.js';
import { settledBody } from '../hast.js';
import { ingestFile } from '../ingest/index.js';
import type { ScannedFile } from '../ingest/scan.js';
import type { Diagnostic } from '../model.js';
import { normaliseArticle, type Draft } from '../normalise/article.js';
import { checkDraft } from '../normalise/index.js';

/** What reading one file gave: a draft (or null, said why in `diagnostics`) and its analysis. */
export interface ReadResult {
  draft: Draft | null;
  analysis: ArticleAnalysis | null;
  diagnostics: Diagnostic[];
}

/** Reads one file; never throws: a failure, even a bug in Dossier, is a diagnostic naming the file. `digests`: see `analyseArticle`. */
export async function readOne(contentDir: string, file: ScannedFile, data: SiteData, digests = false): Promise<ReadResult> {
  const diagnostics = new Diagnostics();
  try {
    const raw = await ingestFile(contentDir, file, diagnostics);
    if (!raw) return { draft: null, analysis: null, diagnostics: diagnostics.list() };
    const draft = normaliseArticle(raw, data, diagnostics);
    withoutPositions(draft.article.body);
    const analysis = analyseArticle(draft.article, data, digests);
    // The plain text was read for the analysis and is read by nothing after it: a second copy of every body,
    // otherwise kept (and copied out of a worker, and cached) for the whole build.
    draft.article.text = '';
    draft.article.body = settledBody(draft.article.body);
    // The analysis is remembered per body: for the body the record now holds (the dev server reads in this thread).
    adoptAnalysis(draft.article, data, analysis);
    // Checked as the record now is, which is what a build's finishDrafts sees of it, read afresh or from the cache.
    checkDraft(draft);
    return { draft, analysis, diagnostics: diagnostics.list() };
  } catch (error) {
    diagnostics.add(
      'ingest/internal-error',
      'error',
      { path: file.path },
      `Dossier failed on this file (${(error as Error).message}); it was left out, the rest of the archive was built`,
      'this is a bug in Dossier; please report it with the file attached',
    );
    return { draft: null, analysis: null, diagnostics: diagnostics.list() };
  }
}

/** Body trees leave normalise without source positions: nothing after it reads them, and they triple the tree (and its copy out of a worker). */
function withoutPositions<T extends object>(node: T): T {
  const value = node as { position?: unknown; children?: object[] };
  delete value.position;
  if (value.children) for (const child of value.children) withoutPositions(child);
  return node;
}
