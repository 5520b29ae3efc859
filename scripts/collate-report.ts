/**
 * Developer tool: prints what collate finds in a content folder (stories,
 * related articles, events), for checking by hand.
 * Usage: npx tsx scripts/collate-report.ts DIR [stories|events|related]
 */
import { check } from '../src/build.js';
import { collate } from '../src/collate/index.js';

const [dir = 'content', what = 'stories'] = process.argv.slice(2);
const { articles, data } = await check({ contentDir: dir });
const archive = collate(articles, data);
const label = (id: string) => {
  const a = archive.byId.get(id)!;
  return `${a.date?.value ?? 'ongedateerd'} ${a.outlet ?? '-'} | ${a.title.slice(0, 70)} (${a.source.path.slice(0, 40)})`;
};
if (what === 'stories') {
  console.log(`${archive.stories.length} stories over ${articles.length} articles`);
  for (const story of archive.stories) console.log(`\n${story.articleIds.map(label).join('\n')}`);
}
if (what === 'events') {
  for (const a of archive.articles) for (const e of a.events) console.log(`${e.date.value}${e.end ? `..${e.end.value}` : ''}\t${e.relative ? 'rel' : '   '}\t[${e.phrase}]\t${e.sentence.slice(0, 110)}\t(${a.source.path.slice(0, 30)})`);
}
if (what === 'related') {
  for (const a of archive.articles) console.log(`${label(a.id)}\n${a.related.map((r) => `   ${r.score} ${label(r.id)}`).join('\n')}`);
}
