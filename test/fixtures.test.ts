/**
 * One folder per input shape under test/fixtures/: `content/` holds the input,
 * `expected.json` the records and diagnostics it must give (reviewed by hand;
 * regenerate with UPDATE_GOLDEN=1 only after checking the change is right).
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { expectGolden } from './support/golden.js';
import { brief, checkFolder, reviewable } from './support/records.js';

const root = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'content'))).sort();

describe('fixtures: every article shape gives its reviewed record', () => {
  it.each(cases)('%s', async (name) => {
    const { articles, diagnostics } = await checkFolder(join(root, name, 'content'));
    expectGolden(join(root, name, 'expected.json'), { articles: articles.map(reviewable), diagnostics: diagnostics.map(brief) });
  });
});
