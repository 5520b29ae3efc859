/**
 * Every record is checked against the schema before the stages after
 * normalise see it: the fields its own file decides once, as the file is read
 * (and cached so), what the whole archive settles (slugs, tag labels) on
 * every build. A record that fails either is reported, naming the field, and
 * left out; a draft nobody checked as it was read is checked whole.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSiteData } from '../src/config.js';
import { Diagnostics } from '../src/diagnostics.js';
import { scanContent } from '../src/ingest/scan.js';
import { readOne } from '../src/workers/read-one.js';
import type { Article } from '../src/model.js';
import type { Draft } from '../src/normalise/article.js';
import { checkDraft, finishDrafts } from '../src/normalise/index.js';
import type { WrittenTag } from '../src/normalise/tags.js';
import { makeArticle } from './support/article.js';

const huawei: WrittenTag = { key: 'huawei', slug: 'huawei', written: 'Huawei' };

function draftOf(fields: Partial<Article>, tags: WrittenTag[] = [huawei]): Draft {
  const { slug: _slug, tags: _tags, ...article } = makeArticle({ text: 'Huawei mag weer chips leveren.', ...fields });
  return { article, slugBase: `huawei-${article.id}`, tags };
}

/** finishDrafts on the drafts: the ids it kept and the fields its diagnostics name. */
function finished(drafts: Draft[]): { kept: string[]; problems: string[] } {
  const diagnostics = new Diagnostics();
  const kept = finishDrafts(drafts, diagnostics).map((a) => a.id);
  const problems = diagnostics.list().map((d) => `${d.code} ${d.message.replace(/^.*valid record: /, '')}`);
  return { kept, problems };
}

describe('records checked against the schema', () => {
  it('keep a draft whose own fields and settled fields are right, checked as read or not', () => {
    const read = draftOf({ id: 'een' });
    checkDraft(read);
    expect(read.problem).toBeNull();
    expect(finished([read, draftOf({ id: 'twee' })])).toEqual({ kept: ['een', 'twee'], problems: [] });
  });

  it('report a draft whose own field is wrong, found as it was read, and leave it out', () => {
    const read = draftOf({ id: 'een', title: '' });
    checkDraft(read);
    expect(read.problem).toMatch(/^title: /);
    expect(finished([read, draftOf({ id: 'twee' })])).toEqual({ kept: ['twee'], problems: [expect.stringMatching(/^normalise\/invalid-record title: /)] });
  });

  it('check what the archive settles on every build, for a draft checked as read too', () => {
    // An empty written tag gets an empty label: only finishDrafts can find it, whatever the reading found.
    const read = draftOf({ id: 'een' }, [{ key: 'leeg', slug: 'leeg', written: '' }]);
    checkDraft(read);
    expect(read.problem).toBeNull();
    expect(finished([read])).toEqual({ kept: [], problems: [expect.stringMatching(/^normalise\/invalid-record tags\.0\.label: /)] });
  });

  it('check the whole record of a draft nobody checked as it was read', () => {
    expect(finished([draftOf({ id: 'een', language: 'fr' as 'nl' })])).toEqual({ kept: [], problems: [expect.stringMatching(/^normalise\/invalid-record language: /)] });
  });

  it('are checked as their files are read, in whichever thread reads them', async () => {
    const contentDir = join(import.meta.dirname, '..', 'content');
    const data = loadSiteData(contentDir, new Diagnostics());
    const files = await scanContent(contentDir, data.site.ignore, new Diagnostics());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect((await readOne(contentDir, file, data)).draft?.problem).toBeNull();
  });

  it('trust what was found as the file was read: a record is not checked twice for its own fields', () => {
    // A draft marked as read right is not checked again for its own fields (here wrong on purpose): the mark is the
    // reading's word, kept with the draft in the record cache, valid while Dossier's code is.
    const marked = { ...draftOf({ id: 'een', title: '' }), problem: null };
    expect(finished([marked]).kept).toEqual(['een']);
  });
});
