/**
 * The faster nunjucks helpers (src/render/template-speed.ts) give what
 * nunjucks' own give: escaping equals nunjucks' escape on any text, the
 * waterfall makes the same calls as nunjucks' on any steps, and templates
 * that loop, nest loops, set variables in and out of loops, call macros and
 * include others print what nunjucks documents.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSiteData } from '../src/config.js';
import { createRenderers } from '../src/render/environment.js';
import { escapeHtml, speedUpNunjucks, stepByStep, type NunjucksInternals, type Step } from '../src/render/template-speed.js';
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

  it("the waterfall makes the calls nunjucks' own makes, whatever the steps answer and when", async () => {
    createRenderers(temp, globals);
    const originals = speedUpNunjucks({} as NunjucksInternals);
    // What a step does with its callback: answers once (an error or not, with results), twice, never, or on a later turn.
    const answer = fc.record({
      error: fc.constantFrom(null, undefined, 0, '', 'failed', new Error('broken')),
      results: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
      times: fc.constantFrom(0, 1, 1, 1, 2),
      later: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { maxLength: 5 }), async (answers) => {
        // Every call a step or the final callback gets, in order, with its arguments (a step's own callback left out).
        const traceOf = async (run: (tasks: Step[], done: (...args: unknown[]) => void) => void) => {
          const trace: unknown[] = [];
          const pending: Promise<void>[] = [];
          const tasks = answers.map((how, i): Step => (...args) => {
            const next = args.pop() as (...args: unknown[]) => void;
            trace.push([`step ${i}`, ...args]);
            const reply = () => {
              for (let k = 0; k < how.times; k++) next(how.error, ...how.results);
            };
            if (how.later) pending.push(new Promise((resolve) => setImmediate(() => resolve(reply()))));
            else reply();
          });
          run(tasks, (...args) => trace.push(['done', ...args]));
          // Steps answering later may start more steps that answer later still.
          for (let settled = 0; settled < pending.length; settled++) await pending[settled];
          return trace;
        };
        expect(await traceOf(stepByStep)).toEqual(await traceOf((tasks, done) => originals.waterfall(tasks, done)));
      }),
      { ...params, numRuns: Math.min(params.numRuns ?? 100, 300) },
    );
  });

  it('an included template prints where it is included, with the variables of the page and of loops around it', () => {
    writeFileSync(join(temp, 'part.njk'), '<{{ title }}{% if item %}:{{ item }}{% endif %}>');
    writeFileSync(join(temp, 'page.njk'), '[{% include "part.njk" %}]{% for item in items %}{% include "part.njk" %}{% endfor %}{% set title = "late" %}{% include "part.njk" %}.');
    const { renderTemplate } = createRenderers(temp, globals);
    expect(renderTemplate('page.njk', { title: 'T', items: ['a', '<b>'] })).toBe('[<T>]<T:a><T:&lt;b&gt;><late>.');
    // A template that fails inside an include fails the page, as before.
    writeFileSync(join(temp, 'broken.njk'), '{{ 1 | nosuchfilter }}');
    writeFileSync(join(temp, 'includes-broken.njk'), 'a{% include "broken.njk" %}b');
    expect(() => renderTemplate('includes-broken.njk', {})).toThrow(/nosuchfilter/);
    writeFileSync(join(temp, 'includes-missing.njk'), 'a{% include "nowhere.njk" %}b');
    expect(() => renderTemplate('includes-missing.njk', {})).toThrow(/template not found: nowhere\.njk/);
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
