/**
 * Developer tool: writes a deterministic corpus of N articles in the seeds'
 * mix of shapes (Jekyll YAML + HTML bodies, plain text with and without a
 * title line, inline date markers, Markdown with YAML or TOML), Dutch-like
 * text built from the seeds' own words, dates spread over twenty years, tags,
 * topic terms and a few broken files. Same arguments, same bytes.
 * `--shape markdown` writes only Markdown posts with YAML front matter (title,
 * date, tags; ~3.4 KiB each, no broken files): a corpus Hugo and Eleventy
 * build too, for scripts/bench-peers.ts.
 * Usage: npx tsx scripts/gen-corpus.ts --count 1000 --out /tmp/corpus [--seed 1] [--shape mix|markdown]
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, out: { type: 'string', default: 'corpus' }, seed: { type: 'string', default: '1' }, shape: { type: 'string', default: 'mix' } } });
if (values.shape !== 'mix' && values.shape !== 'markdown') throw new Error(`--shape must be mix or markdown, got ${values.shape}`);
const count = Number(values.count);
const out = values.out!;
const root = join(import.meta.dirname, '..', 'content');

/** mulberry32: small, fast, deterministic. */
let state = Number(values.seed) >>> 0 || 1;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

// The seeds' own vocabulary, so word lengths and frequencies feel like the real thing.
const seedText = readdirSync(root).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(root, f), 'utf8')).join(' ');
const words = (seedText.replace(/<[^>]+>/g, ' ').match(/[\p{L}][\p{L}'-]*/gu) ?? []).filter((w) => w.length > 1 && !/^(date|layout|title|categories|externe_link|feature_image)$/.test(w));
const terms = ['Huawei', 'ZTE', '5G', 'exportbeperkingen', 'chips', 'ASML', 'Qualcomm', 'Intel', 'handelsoorlog', 'spionage', 'entity list', 'chipmachines', 'vergunningen', 'achterdeurtjes'];
const tags = Array.from({ length: 300 }, (_, i) => `${pick(['financieel', 'tech', 'politiek', 'buitenland', 'economie', 'koersen', 'telecom', 'regio'])}${i % 37 ? ` ${i}` : ''}`);
const outlets = ['telegraaf.nl', 'nos.nl', 'nu.nl', 'volkskrant.nl', 'nrc.nl', 'fd.nl', 'tweakers.net'];
const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function sentence(): string {
  const length = between(8, 22);
  const parts = Array.from({ length }, () => (random() < 0.06 ? pick(terms) : pick(words)));
  if (random() < 0.12) parts.splice(between(1, length - 1), 0, 'in', String(between(2005, 2025)));
  if (random() < 0.05) parts.splice(between(1, length - 1), 0, 'op', String(between(1, 28)), pick(months));
  const text = parts.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}
const paragraph = () => Array.from({ length: between(2, 6) }, sentence).join(' ');
const paragraphs = () => Array.from({ length: between(3, 9) }, paragraph);
const title = () => sentence().replace(/\.$/, '').split(' ').slice(0, between(5, 11)).join(' ');
const slugOf = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60);

function date(): { y: number; m: number; d: number } {
  return { y: between(2005, 2025), m: between(1, 12), d: between(1, 28) };
}
const rfc2822 = ({ y, m, d }: { y: number; m: number; d: number }) => {
  const day = new Date(Date.UTC(y, m - 1, d)).toUTCString().slice(0, 16);
  return `${day} ${String(between(6, 22)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}:00 +0${between(1, 2)}00`;
};

/** A Markdown post of the kind every static site generator reads. */
function markdownPost(i: number): [string, string] {
  const t = title();
  const when = date();
  const postTags = Array.from({ length: between(1, 3) }, () => pick(tags));
  const body = Array.from({ length: between(5, 10) }, paragraph).map((p, k) => (k === 3 ? `## ${title()}\n\n${p}` : k === 5 ? `- ${p}` : p));
  const front = `---\ntitle: ${JSON.stringify(t)}\ndate: ${when.y}-${String(when.m).padStart(2, '0')}-${String(when.d).padStart(2, '0')}\ntags: [${[...new Set(postTags)].map((c) => JSON.stringify(c)).join(', ')}]\n---\n\n`;
  return [`posts/${slugOf(t)}-${i}.md`, `${front}${body.join('\n\n')}\n`];
}

/** One article: its path and text; the shape is chosen by the index so the mix is exact. */
function article(i: number): [string, string] {
  const t = title();
  const when = date();
  const shape = i % 20;
  const categories = Array.from({ length: between(1, 3) }, () => pick(tags));
  if (i % 500 === 499) return [`_posts/kapot-${i}.md`, `---\ntitle: "${t}\ndate: ${when.y}-${when.m}-${when.d}\n---\n\n${paragraph()}\n`];
  if (i % 500 === 498) return [`_posts/leeg-${i}.md`, ''];
  if (i % 500 === 497) return [`_posts/onmogelijk-${i}.md`, `---\ntitle: ${t}\ndate: ${when.y}-02-30\n---\n\n${paragraph()}\n`];
  if (shape < 7) {
    const body = paragraphs().map((p, k) => (k === 0 ? `<p class="intro">${p}</p>` : `<p>${p}</p>`)).join('');
    const front = `---\nlayout: post\ntitle: "${t.replace(/"/g, "'")}"\ndate: ${rfc2822(when)}\ncategories: \n${categories.map((c) => `- ${c} `).join('\n')}\nexterne_link: "https://www.${pick(outlets)}/nieuws/${i}/${slugOf(t)}"\nfeature_image: "https://cdn.example.org/img/${i}.jpg"\n---\n\n`;
    return [`_posts/${when.y}-${when.m}-${when.d}-${slugOf(t)}-${i}.md`, front + body + '\n'];
  }
  if (shape < 12) return [`${when.y}/${slugOf(t)}-${i}.txt`, `${t}\n\n${paragraphs().join('\n\n')}\n`];
  if (shape < 14) return [`tekst/${slugOf(t)}-${i}.txt`, `${paragraphs().join('\n\n')}\n`];
  if (shape < 15) return [`tekst/marker-${i}.txt`, ` date ${when.y}-${String(when.m).padStart(2, '0')} ${paragraphs().join('\n\n')}\n`];
  if (shape < 19) {
    const md = paragraphs().map((p, k) => (k === 2 ? `## ${title()}\n\n${p}` : random() < 0.2 ? `- ${p}` : p)).join('\n\n');
    return [`markdown/${when.y}/${slugOf(t)}-${i}.md`, `---\ntitle: ${JSON.stringify(t)}\ndate: ${when.y}-${String(when.m).padStart(2, '0')}-${String(when.d).padStart(2, '0')}\ntags: [${categories.map((c) => JSON.stringify(c)).join(', ')}]\n---\n\n${md}\n`];
  }
  return [`toml/${slugOf(t)}-${i}.md`, `+++\ntitle = ${JSON.stringify(t)}\ndate = ${when.y}-${String(when.m).padStart(2, '0')}-${String(when.d).padStart(2, '0')}\ntags = [${categories.map((c) => JSON.stringify(c)).join(', ')}]\n+++\n\n${paragraphs().join('\n\n')}\n`];
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, '_data'), { recursive: true });
for (const name of ['topics.yml', 'outlets.yml', 'site.yml']) cpSync(join(root, '_data', name), join(out, '_data', name));
let bytes = 0;
for (let i = 0; i < count; i++) {
  const [path, text] = values.shape === 'markdown' ? markdownPost(i) : article(i);
  mkdirSync(join(out, path, '..'), { recursive: true });
  writeFileSync(join(out, path), text);
  bytes += Buffer.byteLength(text);
}
console.log(`wrote ${count} articles (${(bytes / 1048576).toFixed(1)} MiB, ${(bytes / count / 1024).toFixed(1)} KiB each on average) to ${out}`);
