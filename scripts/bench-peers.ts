/**
 * `npm run bench:peers [-- N …]`: builds one Markdown corpus of N posts
 * (scripts/gen-corpus.ts --shape markdown: ~3.4 KiB, YAML front matter with
 * title, date and tags) with Dossier, Hugo and Eleventy, cold, one after the
 * other in the same run, and prints median wall times, peak RSS and Dossier's
 * ratio to each: the machine's speed drifts, ratios measured together do not.
 * Each tool is timed twice over: into a fresh folder (every file created) and
 * over its own previous output (no cache; files overwritten). On this disk the
 * first depends on how much was deleted in the minutes before (see
 * `setAside` in timed-run.ts); the second does not.
 * Peers are optional: Hugo from PATH (`apt-get install hugo`), Eleventy from
 * `ELEVENTY` (path to its `eleventy` command, e.g. after
 * `npm i @11ty/eleventy@3.1.7` in a scratch folder). Each gets a page per post,
 * an index and a page per tag, as Dossier makes. Results also go to
 * bench-results/peers-<time>.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dossierFinished, emptyTrash, setAside, timedRun, type Run } from './timed-run.js';

const root = join(import.meta.dirname, '..');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const runs = Number(process.env.RUNS ?? 3);
const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0 ? 'hugo' : null;
const eleventy = process.env.ELEVENTY && existsSync(process.env.ELEVENTY) ? process.env.ELEVENTY : null;

type Timing = Run;
/** One tool's times: into a fresh folder, and over its own last output. */
interface Timings {
  fresh: Timing;
  over: Timing;
}

/** Median wall time and largest peak RSS of `runs` runs: into a fresh folder (`clean` first), then over the output the last one left. */
function time(command: string, args: string[], cwd: string, clean: () => void): Timings {
  const run = () => timedRun(command, args, cwd, command === process.execPath ? dossierFinished : undefined);
  const fresh = Array.from({ length: runs }, () => {
    clean();
    return run();
  });
  // One more, untimed: Dossier's spare copy then holds a site too, as after any two builds.
  run();
  const over = Array.from({ length: runs }, run);
  return { fresh: summary(fresh), over: summary(over) };
}

function summary(done: Run[]): Timing {
  const peaks = done.map((r) => r.peakRssMb).filter((p): p is number => p !== null);
  const cpu = done.map((r) => r.cpuSeconds).filter((c): c is number => c !== null);
  return { seconds: median(done.map((r) => r.seconds)), cpuSeconds: cpu.length ? median(cpu) : null, peakRssMb: peaks.length ? Math.max(...peaks) : null };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** A Hugo site around the corpus: its posts, the index and tag pages with the plainest templates. */
function hugoSite(corpus: string, dir: string): void {
  setAside(dir);
  mkdirSync(join(dir, 'content'), { recursive: true });
  mkdirSync(join(dir, 'layouts', '_default'), { recursive: true });
  symlinkSync(join(corpus, 'posts'), join(dir, 'content', 'posts'));
  writeFileSync(join(dir, 'hugo.toml'), 'baseURL = "http://localhost/"\ntitle = "Peer"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n[taxonomies]\ntag = "tags"\n');
  const page = (main: string) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>${main}</main></body></html>`;
  writeFileSync(join(dir, 'layouts', '_default', 'single.html'), page('<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>'));
  writeFileSync(join(dir, 'layouts', '_default', 'list.html'), page('<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>'));
  writeFileSync(join(dir, 'layouts', 'index.html'), page('<ul>{{ range where .Site.RegularPages "Section" "posts" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'));
}

/** An Eleventy site around the corpus: the same three kinds of page. */
function eleventySite(corpus: string, dir: string): void {
  setAside(dir);
  mkdirSync(join(dir, '_includes'), { recursive: true });
  symlinkSync(join(corpus, 'posts'), join(dir, 'posts'));
  writeFileSync(join(dir, 'posts.json'), JSON.stringify({ layout: 'post.njk' }));
  writeFileSync(join(dir, '_includes', 'post.njk'), '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main><h1>{{ title }}</h1>{{ content | safe }}<ul>{% for tag in tags %}<li>{{ tag }}</li>{% endfor %}</ul></main></body></html>');
  writeFileSync(join(dir, 'index.njk'), '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Peer</title></head><body><ul>{% for post in collections.all | reverse %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>{% endfor %}</ul></body></html>');
  writeFileSync(
    join(dir, 'tags.njk'),
    '---\npagination:\n  data: collections\n  size: 1\n  alias: tag\n  filter: [all]\npermalink: /tags/{{ tag | slugify }}/\n---\n<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ tag }}</title></head><body><ul>{% for post in collections[tag] %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>{% endfor %}</ul></body></html>',
  );
}

const results = [];
for (const n of sizes.length ? sizes : [1000]) {
  const corpus = join(tmpdir(), `dossier-md-${n}`);
  if (!existsSync(corpus)) execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'gen-corpus.ts'), '--shape', 'markdown', '--count', String(n), '--out', corpus], { stdio: 'ignore' });
  const work = join(tmpdir(), `dossier-peers-${n}`);
  mkdirSync(work, { recursive: true });
  const out = join(work, 'dossier-out');
  const row: { articles: number; dossier?: Timings; hugo?: Timings; eleventy?: Timings } = { articles: n };
  // No cache: fresh, no spare copy either; over its last output, the spare copy holds the site before, as after any two builds.
  const dossier = time(process.execPath, [join(root, 'bin', 'dossier.mjs'), 'build', '--content', corpus, '--out', out, '--no-cache'], root, () => {
    setAside(out);
    setAside(join(work, '.dossier-out.dossier-spare'));
  });
  row.dossier = dossier;
  if (hugo) {
    const site = join(work, 'hugo');
    hugoSite(corpus, site);
    row.hugo = time(hugo, ['--quiet', '-d', join(site, 'public')], site, () => setAside(join(site, 'public')));
  }
  if (eleventy) {
    const site = join(work, 'eleventy');
    eleventySite(corpus, site);
    row.eleventy = time(eleventy, ['--quiet', '--input', site, '--output', join(site, '_site')], site, () => setAside(join(site, '_site')));
  }
  results.push(row);
  const cell = (t: Timings | undefined, kind: keyof Timings) => (t ? `${t[kind].seconds.toFixed(2)} s (CPU ${t[kind].cpuSeconds?.toFixed(1) ?? '?'} s), ${t[kind].peakRssMb ?? '?'} MiB` : 'not installed');
  // Wall time, which the targets are set in; CPU time beside it, which moves less with the machine's drift.
  const ratio = (t: Timings | undefined, kind: keyof Timings) => {
    if (!t) return '–';
    const cpu = dossier[kind].cpuSeconds && t[kind].cpuSeconds ? ` (CPU ${(dossier[kind].cpuSeconds! / t[kind].cpuSeconds!).toFixed(2)}×)` : '';
    return `${(dossier[kind].seconds / t[kind].seconds).toFixed(2)}×${cpu}`;
  };
  for (const kind of ['fresh', 'over'] as const) {
    console.log(`| ${n} | ${kind === 'fresh' ? 'fresh folder' : 'over its last output'} | ${cell(row.dossier, kind)} | ${cell(row.hugo, kind)} | ${ratio(row.hugo, kind)} | ${cell(row.eleventy, kind)} | ${ratio(row.eleventy, kind)} |`);
  }
}
emptyTrash();
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', `peers-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), `${JSON.stringify({ runs, results }, null, 2)}\n`);
console.log(`(median of ${runs} cold runs each; | articles | output | Dossier | Hugo | Dossier ÷ Hugo | Eleventy | Dossier ÷ Eleventy |)`);
