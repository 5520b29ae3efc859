/**
 * Benchmark: collate time (topics, events, similarity index, stories,
 * related) on synthetic Dutch-like articles at growing sizes, to show it
 * stays near linear. Usage: npx tsx scripts/bench-collate.ts [sizes…]
 */
import { collate } from '../src/collate/index.js';
import { defaultSiteData, type SiteData } from '../src/config.js';
import type { Article } from '../src/model.js';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const words = ['huawei', 'chips', 'vergunning', 'export', 'kabinet', 'minister', 'netwerk', 'verbod', 'handel', 'china', 'amerika', 'europa', 'telecom', 'bedrijf', 'regering', 'sancties', 'onderzoek', 'spionage', 'akkoord', 'markt'];
const vocabulary = Array.from({ length: 20_000 }, (_, i) => `${words[i % words.length]}${i.toString(36)}`);
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function article(i: number): Article {
  const sentences = Array.from({ length: 12 }, () => `${Array.from({ length: 14 }, () => vocabulary[Math.floor(random() ** 3 * vocabulary.length)]).join(' ')} in ${2010 + (i % 15)}.`);
  const text = sentences.join(' ');
  const id = `a${i.toString(16).padStart(11, '0')}`;
  const month = String(1 + (i % 12)).padStart(2, '0');
  return {
    id, slug: id, title: sentences[0]!.slice(0, 60), titleSource: 'explicit',
    date: { value: `${2010 + (i % 15)}-${month}-${String(1 + (i % 28)).padStart(2, '0')}`, precision: 'day', source: 'front-matter' },
    estimate: null, outlet: null, externalUrl: null, image: null, language: 'nl', tags: [{ key: `t${i % 200}`, slug: `t${i % 200}`, label: `t${i % 200}` }],
    manualTopics: [], lead: sentences[0]!, body: { type: 'root', children: [] }, text, alsoRead: [], wordCount: 170, source: { path: `${id}.txt` }, format: 'text', diagnostics: [],
  };
}

const data: SiteData = { ...defaultSiteData(), topics: words.slice(0, 7).map((w) => ({ id: w, label: w, description: '', terms: [w] })), outlets: {} };

let previous: { n: number; ms: number } | null = null;
for (const n of sizes.length ? sizes : [1000, 4000, 16000]) {
  const articles = Array.from({ length: n }, (_, i) => article(i));
  const started = performance.now();
  const archive = collate(articles, data);
  const ms = performance.now() - started;
  const growth = previous ? ` (×${(ms / previous.ms).toFixed(2)} time for ×${(n / previous.n).toFixed(0)} articles)` : '';
  console.log(`collate ${n} articles: ${ms.toFixed(0)} ms, ${(ms / n).toFixed(2)} ms/article, ${archive.stories.length} stories${growth}`);
  previous = { n, ms };
}
