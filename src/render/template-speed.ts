/**
 * Three of nunjucks' runtime helpers, replaced by ones that give exactly the
 * same results with less work (nunjucks is handed in: environment.ts is the
 * one module that imports it). Every value a template prints goes through
 * `escape`, which called a function per special character; every loop
 * iteration sets eight variables through `Frame.set`, seven of them dotted
 * (`loop.index`), each split on every call. Rendering 3 000 list pages of 20
 * cards took 661 ms with nunjucks' own, 467 ms with these. Every
 * `{% include %}` runs its steps through `waterfall` (see `stepByStep`).
 */

/** The parts of nunjucks this module changes. */
export interface NunjucksInternals {
  lib: { escape: (value: string) => string };
  runtime: { Frame: { prototype: FrameLike } };
  Environment: { prototype: { waterfall: Waterfall } };
}

/** A step of a waterfall: the results of the step before it, then the callback that hands its own on. */
export type Step = (...args: unknown[]) => void;

/** nunjucks' `Environment.waterfall` (the a-sync-waterfall package): runs the steps in turn, each given the last one's results. */
export type Waterfall = (tasks: Step[], callback?: (...args: unknown[]) => void, forceAsync?: boolean) => void;

/** What `Frame.set` reads and writes of a frame. */
interface FrameLike {
  variables: Record<string, unknown>;
  resolve(name: string, forWrite: boolean): FrameLike | undefined;
  set(name: string, value: unknown, resolveUp?: boolean): void;
}

/** nunjucks' own helpers, kept to compare with (test/template-speed.test.ts). */
export interface OriginalHelpers {
  escape: (value: string) => string;
  set: FrameLike['set'];
  waterfall: Waterfall;
}

let originals: OriginalHelpers | null = null;

/** Puts the faster helpers in place, once per process; returns nunjucks' own. */
export function speedUpNunjucks(nunjucks: NunjucksInternals): OriginalHelpers {
  if (originals) return originals;
  const environment = nunjucks.Environment.prototype;
  originals = { escape: nunjucks.lib.escape, set: nunjucks.runtime.Frame.prototype.set, waterfall: environment.waterfall };
  const { escape: originalEscape, waterfall: originalWaterfall } = originals;
  nunjucks.lib.escape = (value) => (typeof value === 'string' ? escapeHtml(value) : originalEscape(value));
  nunjucks.runtime.Frame.prototype.set = setVariable;
  environment.waterfall = function (this: unknown, tasks, callback, forceAsync) {
    // Steps deferred to later turns (never asked for by the templates nunjucks compiles) stay nunjucks' own.
    if (forceAsync || !Array.isArray(tasks)) return originalWaterfall.call(this, tasks, callback, forceAsync);
    stepByStep(tasks, callback ?? (() => undefined));
  };
  return originals;
}

/** nunjucks' escapes (`&"'<>\`), by character. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };

/** The characters nunjucks escapes, found by the regular expression engine's own scan (a loop over every character took 4 times as long). */
const SPECIAL = /[&"'<>\\]/g;

/** What nunjucks' `escape` gives: the text itself when nothing needs escaping, without a callback per match otherwise. */
export function escapeHtml(value: string): string {
  SPECIAL.lastIndex = 0;
  let found = SPECIAL.exec(value);
  if (!found) return value;
  let out = '';
  let from = 0;
  do {
    out += value.slice(from, found.index) + ESCAPES[found[0]]!;
    from = found.index + 1;
    found = SPECIAL.exec(value);
  } while (found);
  return out + value.slice(from);
}

/** Names split on their dots, once each: a template's names are few and fixed. */
const PARTS = new Map<string, string[]>();

/** nunjucks' `Frame.set` (a dotted name makes nested objects), with the split of each name kept. */
function setVariable(this: FrameLike, name: string, value: unknown, resolveUp?: boolean): void {
  let parts = PARTS.get(name);
  if (!parts) PARTS.set(name, (parts = name.split('.')));
  if (resolveUp) {
    const frame = this.resolve(parts[0]!, true);
    if (frame) {
      frame.set(name, value);
      return;
    }
  }
  let target = this.variables;
  for (let i = 0; i < parts.length - 1; i++) {
    const id = parts[i]!;
    if (!target[id]) target[id] = {};
    target = target[id] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]!] = value;
}

/**
 * What a-sync-waterfall does for steps that answer at once or later: each
 * step is called with the results the one before handed on and a callback;
 * the first error goes to `callback` (later ones nowhere), and the last
 * step is handed `callback` itself. a-sync-waterfall makes the same calls,
 * but hangs a `next` function on each step's callback, and in V8 (Node 20)
 * that kept what the page being rendered held (its view, its HTML so far)
 * alive through two young-generation collections, into the old generation.
 * Every page with an `{% include %}` (the list and timeline pages include
 * the pagination) did so: at 16 000 Markdown articles each render thread
 * promoted 650 to 800 MB and spent 3.7 to 4.8 s in scavenges; with this, 8
 * to 9 MB and 0.35 s.
 */
export function stepByStep(tasks: Step[], callback: (...args: unknown[]) => void): void {
  if (tasks.length === 0) return callback();
  let final = callback;
  const run = (index: number, args: unknown[]): void =>
    tasks[index]!(
      ...args,
      index === tasks.length - 1
        ? final
        : (error: unknown, ...results: unknown[]) => {
            if (!error) return run(index + 1, results);
            const report = final;
            final = () => undefined;
            report(error, ...results);
          },
    );
  run(0, []);
}
