/**
 * Limits: pathological inputs are handled in bounded time and memory, with a
 * diagnostic wherever something was cut, and the article is still made.
 */
import { describe, expect, it } from 'vitest';
import { defaultSiteData } from '../src/config.js';
import { Diagnostics } from '../src/diagnostics.js';
import { decodeText, MAX_FILE_BYTES } from '../src/ingest/decode.js';
import { readArticle } from '../src/ingest/read-article.js';
import type { ArticleFormat } from '../src/model.js';
import { normalise } from '../src/normalise/index.js';

function run(text: string, format: ArticleFormat) {
  const diagnostics = new Diagnostics();
  const raw = readArticle(text, { path: `grens.${format === 'markdown' ? 'md' : format === 'html' ? 'html' : 'txt'}` }, format, diagnostics);
  const articles = raw ? normalise([raw], defaultSiteData(), diagnostics) : [];
  return { articles, codes: diagnostics.list().map((d) => d.code) };
}

describe('limits', () => {
  it('HTML nested 10 000 deep: flattened past 100 levels, text kept, with a warning', () => {
    const { articles, codes } = run(`${'<div>'.repeat(10_000)}diepe tekst${'</div>'.repeat(10_000)}`, 'html');
    expect(articles[0]!.text).toContain('diepe tekst');
    expect(codes).toContain('normalise/nesting-too-deep');
  });

  it('a whole HTML page nested 10 000 deep: flattened before parsing, text kept, with a warning', () => {
    const { articles, codes } = run(`<!DOCTYPE html><html><body><article><h1>Diep</h1>${'<div>'.repeat(10_000)}diepe pagina${'</div>'.repeat(10_000)}</article></body></html>`, 'html');
    expect(articles[0]!.text).toContain('diepe pagina');
    expect(codes).toContain('ingest/nesting-too-deep');
  });

  it('Markdown quoted 10 000 deep and indented 3 000 levels: clipped, with a warning', () => {
    const quoted = run(`${'>'.repeat(10_000)} geciteerd`, 'markdown');
    expect(quoted.articles[0]!.text).toContain('geciteerd');
    expect(quoted.codes).toContain('normalise/nesting-too-deep');
    const indented = run(Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i * 2)}- punt ${i}`).join('\n'), 'markdown');
    expect(indented.articles[0]!.text).toContain('punt 2999');
  });

  it('a 200 KB single paragraph and a million-character line are read whole', () => {
    const paragraph = `${'Het bedrijf groeit verder. '.repeat(8000)}`;
    expect(run(`Kop\n\n${paragraph}`, 'text').articles[0]!.text.length).toBeGreaterThan(200_000);
    const line = 'x'.repeat(1_000_000);
    expect(run(line, 'text').articles[0]!.wordCount).toBe(1);
  });

  it('10 000 tags: the first 100 are kept, with a warning', () => {
    const { articles, codes } = run(`---\ntags: [${Array.from({ length: 10_000 }, (_, i) => `t${i}`).join(', ')}]\n---\n\nTekst.\n`, 'markdown');
    expect(articles[0]!.tags).toHaveLength(100);
    expect(codes).toContain('normalise/too-many-tags');
  });

  it('a 50 MB file is rejected unread above the documented limit, with an error naming it', () => {
    const diagnostics = new Diagnostics();
    expect(decodeText(new Uint8Array(50 * 1024 * 1024).fill(0x61), { path: 'groot.txt' }, diagnostics)).toBeNull();
    expect(diagnostics.list()).toEqual([expect.objectContaining({ code: 'ingest/file-too-large', severity: 'error', source: { path: 'groot.txt' } })]);
    expect(MAX_FILE_BYTES).toBe(10 * 1024 * 1024);
  });
});
