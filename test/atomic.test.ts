/**
 * Atomic output: a build that fails, or is killed with SIGKILL halfway, leaves
 * the previous site complete and unchanged; the next build clears its debris.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_TEMPLATES } from '../src/build.js';
import { startCli } from './support/cli-process.js';
import { pollUntil } from './support/poll.js';
import { hashTree, listFiles } from './support/tree.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-atomic-'));
const outDir = join(temp, 'dist');
const corpus = join(temp, 'corpus');
let before: Record<string, string>;

beforeAll(async () => {
  await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir });
  before = hashTree(outDir);
  execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'scripts', 'gen-corpus.ts'), '--count', '3000', '--out', corpus], { stdio: 'ignore' });
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('atomic output', () => {
  it('a build killed with SIGKILL while writing leaves the previous site unchanged', async () => {
    const child = startCli(['build', '--content', corpus, '--out', outDir]);
    const exited = new Promise((resolve) => child.on('close', resolve));
    // Kill it once it is writing: its staging folder beside dist/ holds some pages.
    const staging = await pollUntil(() => readdirSync(temp).find((n) => n.startsWith('.dist.dossier-new-') && listFiles(join(temp, n)).length > 20), 'the build to start writing', 60_000, 20);
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(temp, staging))).toBe(true);
    expect(hashTree(outDir)).toEqual(before);
  });

  it('a build that fails leaves the previous site unchanged', async () => {
    const templates = join(temp, 'broken-templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    rmSync(join(templates, 'locales'), { recursive: true });
    await expect(build({ contentDir: corpus, outDir, templatesDir: templates })).rejects.toThrow();
    expect(hashTree(outDir)).toEqual(before);
  });

  it('the next build removes the debris of the killed one', async () => {
    await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir });
    expect(readdirSync(temp).filter((n) => n.startsWith('.dist.dossier-'))).toEqual([]);
    expect(hashTree(outDir)).toEqual(before);
  });
});
