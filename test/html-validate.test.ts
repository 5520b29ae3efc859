/**
 * Every generated page passes html-validate (recommended rules) with no
 * errors, at the domain root and under a sub-path, for both locales.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-validate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
});

function htmlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return htmlFiles(dir, path);
    return path.endsWith('.html') ? [path] : [];
  });
}

describe.each([
  { name: 'root-nl', baseUrl: 'https://example.org/', locale: 'nl' },
  { name: 'subpath-en', baseUrl: 'https://example.org/archief/', locale: 'en' },
])('html-validate: $name', ({ name, baseUrl, locale }) => {
  it('finds no error on any page', async () => {
    const content = join(temp, `${name}-content`);
    cpSync(join(import.meta.dirname, '..', 'content'), content, { recursive: true });
    if (locale === 'en') writeFileSync(join(content, '_data', 'site.yml'), readFileSync(join(content, '_data', 'site.yml'), 'utf8').replace('locale: nl', 'locale: en'));
    const outDir = join(temp, name);
    await build({ contentDir: content, outDir, baseUrl });
    const files = htmlFiles(outDir);
    expect(files.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const file of files) {
      const report = await validator.validateString(readFileSync(join(outDir, file), 'utf8'), file);
      for (const result of report.results) for (const m of result.messages) if (m.severity === 2) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
    if (locale === 'en') {
      const index = readFileSync(join(outDir, 'index.html'), 'utf8');
      expect(index).toContain('<html lang="en">');
      expect(index).toContain('Latest articles');
      const article = readFileSync(join(outDir, htmlFiles(outDir).find((f) => f.includes('vs-zetten-duitsland'))!), 'utf8');
      expect(article).toContain('Friday, 31 May 2019');
      expect(article).toContain('Read the original at De Telegraaf');
    }
  });
});
