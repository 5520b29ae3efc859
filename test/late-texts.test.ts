/**
 * An article's body waits in the spill file until its page is rendered: the
 * main thread sends the page's view without it, and the render thread reads
 * it by its place. The page must come out as if the body had been in the view.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../src/render/environment.js';
import { renderHtml } from '../src/render/index.js';
import { fillLateTexts, lateTextsOf, withLateTexts } from '../src/render/page-view.js';
import { SpillFile } from '../src/spill-file.js';
import { KeptFragments } from '../src/workers/fragment-slots.js';
import { renderJob, type PageJob } from '../src/workers/render-pages.js';
import { SpareFiles } from '../src/write/spare-files.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-late-texts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const templatesDir = join(temp, 'templates');
mkdirSync(templatesDir);
writeFileSync(join(templatesDir, 'article.njk'), '<h1>{{ title }}</h1><div>{{ article.bodyHtml | safe }}</div><p>{{ article.lead }}</p>');
const renderTemplate = createRenderer(templatesDir, { site: {} as never, labels: {} as never, assets: {} });

const body = '<p>Huawei’s 5G-apparatuur: “verboden” in <em>Zweden</em> & Nederland.</p>\n<h2>Lees ook</h2>';
/** An article page's view whose body waits to be read, with a count of the reads. */
function pageWithLateBody(read: () => string) {
  const reads = { count: 0 };
  const view = withLateTexts({ title: 'Chips', article: { bodyHtml: '', lead: 'De VS & China' } }, [{ path: ['article', 'bodyHtml'], read: () => (reads.count++, read()) }]);
  return { view, reads };
}

describe('late texts', () => {
  it('stay out of the JSON a thread is sent, and are read once into their field when filled', () => {
    const { view, reads } = pageWithLateBody(() => body);
    expect(JSON.stringify(view)).not.toContain('Zweden');
    expect(lateTextsOf(view)).toHaveLength(1);
    fillLateTexts(view);
    fillLateTexts(view);
    expect(view.article.bodyHtml).toBe(body);
    expect(reads.count).toBe(1);
    expect(lateTextsOf(view)).toBeNull();
  });

  it('are read when the main thread renders the page itself, which shows the body', () => {
    const { view } = pageWithLateBody(() => body);
    const page = renderHtml(renderTemplate, { url: '/artikel/chips/', template: 'article.njk', view });
    expect(page).toEqual({ html: `<h1>Chips</h1><div>${body}</div><p>De VS &amp; China</p>` });
  });

  it('are read from the spill file by a render thread: the page is the one the whole view gives', () => {
    const spill = new SpillFile(temp);
    try {
      // Texts before and after it, so that its place is neither the file's start nor its end.
      spill.put('eerder artikel '.repeat(500));
      const read = spill.put(body);
      spill.put('later artikel');
      const fd = spill.shareFile()!;
      const place = spill.placeOf(read)!;
      const { view, reads } = pageWithLateBody(read);
      const job: PageJob = { url: '/artikel/chips/', template: 'article.njk', viewJson: JSON.stringify(view), fragments: null, keep: null, late: [{ path: ['article', 'bodyHtml'], place }], page: 0, path: 'artikel/chips/index.html', exists: false, hash: null };
      const files = new SpareFiles(join(temp, 'site'));
      expect(renderJob(renderTemplate, files, job, new KeptFragments(), fd)).toEqual({ written: true });
      expect(reads.count).toBe(0);
      const whole = renderHtml(renderTemplate, { url: job.url, template: job.template, view: pageWithLateBody(() => body).view });
      expect(readFileSync(join(temp, 'site', job.path), 'utf8')).toBe((whole as { html: string }).html);
    } finally {
      spill.close();
    }
  });
});
