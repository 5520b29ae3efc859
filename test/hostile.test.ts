/**
 * Hostile input: nothing from content becomes script or markup in a page, and
 * no title, slug, tag, override or file name leads to a file outside the
 * output folder or to one page overwriting another.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Element, Root, RootContent } from 'hast';
import { build } from '../src/build.js';
import { htmlDocumentToHast } from '../src/hast.js';
import { expectGolden } from './support/golden.js';
import { listFiles } from './support/tree.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const temp = mkdtempSync(join(tmpdir(), 'dossier-hostile-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Elements no page may contain. */
const FORBIDDEN = new Set(['iframe', 'object', 'embed', 'form', 'base', 'style', 'math', 'frame', 'frameset', 'applet']);

/** The only scripts a page may carry: JSON-LD data, and on the search page Dossier's search script. */
function allowedScript(props: Record<string, unknown>): boolean {
  if (props.type === 'application/ld+json' && props.src === undefined) return true;
  return typeof props.src === 'string' && /^\/assets\/search\.[0-9a-f]{10}\.js$/.test(props.src);
}

/** The one form a page may carry: the search page's own, which submits to itself. */
function ownSearchForm(file: string, node: Element): boolean {
  return file === 'zoeken/index.html' && node.tagName === 'form' && node.properties?.id === 'zoeken' && node.properties?.action === '/zoeken/';
}

const chartNodes = new WeakSet<Element>();
function isInsideChart(node: Element): boolean {
  return chartNodes.has(node);
}

function elementsOf(root: Root): Element[] {
  const out: Element[] = [];
  const visit = (node: Root | RootContent, inChart: boolean) => {
    if (node.type === 'element') {
      out.push(node);
      if (inChart) chartNodes.add(node);
    }
    const chart = inChart || (node.type === 'element' && node.tagName === 'svg' && String(node.properties?.className ?? '').includes('chart'));
    if ('children' in node) for (const child of node.children) visit(child, chart);
  };
  visit(root, false);
  return out;
}

describe('hostile markup', () => {
  it('no page carries a script, event handler, frame or javascript: URL from content', async () => {
    const outDir = join(temp, 'markup');
    await build({ contentDir: join(fixtures, 'hostile', 'content'), outDir, baseUrl: 'https://example.org/' });
    const problems: string[] = [];
    for (const file of listFiles(outDir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(outDir, file), 'utf8');
      let csp = false;
      for (const node of elementsOf(htmlDocumentToHast(html))) {
        const props = node.properties ?? {};
        const where = `${file}: <${node.tagName}>`;
        if (node.tagName === 'script' && !allowedScript(props)) problems.push(`${where} ${JSON.stringify(props)}`);
        if (FORBIDDEN.has(node.tagName) && !ownSearchForm(file, node)) problems.push(where);
        if (node.tagName === 'svg' && !String(props.className ?? '').includes('chart') && !isInsideChart(node)) problems.push(where);
        if (node.tagName === 'meta' && /refresh/i.test(String(props.httpEquiv ?? ''))) problems.push(`${where} refresh`);
        if (node.tagName === 'meta' && /content-security-policy/i.test(String(props.httpEquiv ?? ''))) csp = true;
        for (const [name, value] of Object.entries(props)) {
          if (/^on/i.test(name)) problems.push(`${where} ${name}`);
          if (/^(href|src|action|formAction|data)$/.test(name) && /^\s*(javascript|data|vbscript):/i.test(String(value))) problems.push(`${where} ${name}=${value}`);
        }
      }
      if (!csp) problems.push(`${file}: no Content-Security-Policy`);
    }
    expect(problems).toEqual([]);
    const fields = readFileSync(join(outDir, 'artikel', 'script-window-pwned-title-alert-title-script-titel', 'index.html'), 'utf8');
    expect(fields).toContain('&lt;script&gt;window.__pwned=');
    expect(fields).toContain('&lt;b onmouseover=alert(');
  });
});

describe('hostile names and paths', () => {
  it('writes exactly the expected files, all inside the output folder, none twice', async () => {
    const parent = join(temp, 'paths');
    const outDir = join(parent, 'dist');
    const result = await build({ contentDir: join(fixtures, 'hostile-paths', 'content'), outDir, baseUrl: 'https://example.org/' });
    expect(readdirSync(parent)).toEqual(['dist']);
    expect(result.diagnostics.list().filter((d) => d.code.startsWith('write/'))).toEqual([]);
    const written = listFiles(outDir).filter((f) => !f.startsWith('search/'));
    expectGolden(join(fixtures, 'hostile-paths', 'written-paths.json'), written);
    for (const path of written) {
      expect(path).toMatch(/^[a-z0-9./-]+$/);
      expect(path.split('/')).not.toContain('..');
    }
    // The search index names its files itself, from folded words: letters, digits and _-escapes only.
    const searchFiles = listFiles(outDir).filter((f) => f.startsWith('search/'));
    expect(searchFiles).toContain('search/index.json');
    for (const path of searchFiles) expect(path).toMatch(/^search\/(index\.json|docs\/\d+\.json|terms\/[a-z0-9_]+\.json)$/);
  });
});
