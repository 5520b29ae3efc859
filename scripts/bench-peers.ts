/**
 * `npm run bench:peers [-- N …]`: builds one Markdown corpus of N posts
 * (scripts/gen-corpus.ts --shape markdown: ~3.4 KiB, YAML front matter with
 * title, date and tags) with Dossier, Hugo and Eleventy, cold, one after the
 * other in the same run, and prints median wall times, peak RSS and Dossier's
 * ratio to each: the machine's speed drifts, ratios measured together do not.
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

/** Runs a command `runs` times from scratch (`clean` first); the median wall time and the largest peak RSS. */
function time(command: string, args: string[], cwd: string, clean: () => void): Timing {
  const done = Array.from({ length: runs }, () => {
    clean();
    return timedRun(command, args, cwd, command === process.execPath ? dossierFinished : undefined);
  });
  const seconds = done.map((r) => r.seconds).sort((a, b) => a - b);
  const peaks = done.map((r) => r.peakRssMb).filter((p): p is number => p !== null);
  return { seconds: seconds[Math.floor(seconds.length / 2)]!, peakRssMb: peaks.length ? Math.max(...peaks) : null };
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
  const row: Record<string, unknown> = { articles: n };
  // A fresh output folder each time, as the peers get: no spare copy, no cache.
  row.dossier = time(process.execPath, [join(root, 'bin', 'dossier.mjs'), 'build', '--content', corpus, '--out', out, '--no-cache'], root, () => {
    setAside(out);
    setAside(join(work, '.dossier-out.dossier-spare'));
  });
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
  const d = row.dossier as Timing;
  const cell = (t: unknown) => (t ? `${(t as Timing).seconds.toFixed(2)} s, ${(t as Timing).peakRssMb ?? '?'} MiB` : 'not installed');
  const ratio = (t: unknown) => (t ? `${(d.seconds / (t as Timing).seconds).toFixed(2)}×` : '–');
  console.log(`| ${n} | ${cell(row.dossier)} | ${cell(row.hugo)} | ${ratio(row.hugo)} | ${cell(row.eleventy)} | ${ratio(row.eleventy)} |`);
}
emptyTrash();
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', `peers-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), `${JSON.stringify({ runs, results }, null, 2)}\n`);
console.log(`(median of ${runs} cold runs each; | articles | Dossier | Hugo | Dossier ÷ Hugo | Eleventy | Dossier ÷ Eleventy |)`);
