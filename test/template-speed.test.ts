/**
 * The faster nunjucks helpers (src/render/template-speed.ts) give what
 * nunjucks' own give: escaping equals nunjucks' escape on any text, and
 * templates that loop, nest loops, set variables in and out of loops and
 * call macros print what nunjucks documents.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSiteData } from '../src/config.js';
import { createRenderers } from '../src/render/environment.js';
import { escapeHtml, speedUpNunjucks, type NunjucksInternals } from '../src/render/template-speed.js';
import { runs, seed } from './support/fuzz.js';

const params = { numRuns: runs, seed };
const temp = mkdtempSync(join(tmpdir(), 'dossier-template-speed-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const globals = { site: defaultSiteData().site, labels: {} as never, assets: {} };

describe('faster nunjucks helpers', () => {
  it("escape equals nunjucks' own escape on any text", () => {
    createRenderers(temp, globals);
    // Already in place: the call hands back nunjucks' own helpers.
    const originals = speedUpNunjucks({} as NunjucksInternals);
    const special = fc.constantFrom('&', '"', "'", '<', '>', '\\', '&amp;', '\u00e9', '\ud83d\ude00', '[', ']', '`', '/', '=');
    const text = fc.array(fc.oneof(special, fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(escapeHtml(value)).toBe(originals.escape(value));
      }),
      params,
    );
    expect(escapeHtml(`a<b & "c" 'd' \\e>`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39; &#92;e&gt;');
  });

  it('loops, nested loops, variables set in and out of them and macros print what nunjucks documents', () => {
    writeFileSync(
      join(temp, 'loops.njk'),
      [
        '{% macro pair(a, b) %}{% set joined = a + ":" + b %}[{{ joined }}]{% endmacro %}',
        '{% set outer = "o" %}',
        '{% for row in rows %}{{ loop.index }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}:',
        '{% for cell in row %}{{ loop.index0 }}{{ loop.revindex }}{{ cell }}{{ pair(cell, loop.revindex0) }}{% endfor %}',
        '{% set outer = "inner" %}{{ outer }};{% endfor %}',
        '{{ outer }}|{% for k, v in map %}{{ k }}={{ v }}{% endfor %}|{{ "<&>" }}',
      ].join(''),
    );
    const { renderTemplate } = createRenderers(temp, globals);
    const html = renderTemplate('loops.njk', { rows: [['x', 'y'], ["'"]], map: { a: 1, b: '"' } });
    // A `set` inside a loop writes the variable the template set before it (nunjucks' scoping, unchanged).
    expect(html).toBe('1/2F:02x[x:1]11y[y:0]inner;2/2L:01&#39;[&#39;:0]inner;inner|a=1b=&quot;|&lt;&amp;&gt;');
  });
});
