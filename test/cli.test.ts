/**
 * The CLI's contract: exit codes (0 built, 1 errors, 2 usage), `check --json`,
 * and --content/--out building any folder.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-cli-'));
const fixtures = join(import.meta.dirname, 'fixtures');
let out: string[];

beforeEach(() => {
  out = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => void out.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('dossier CLI', () => {
  it('builds any folder with --content and --out and exits 0 on warnings only', async () => {
    const outDir = join(temp, 'seeds');
    expect(await main(['build', '--content', join(import.meta.dirname, '..', 'content'), '--out', outDir])).toBe(0);
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    expect(out.join('\n')).toContain('normalise/duplicate-body-removed');
  });

  it('exits 1 with --strict when there are warnings', async () => {
    expect(await main(['check', '--strict', '--content', join(import.meta.dirname, '..', 'content')])).toBe(1);
  });

  it('exits 1 when an article has an error, and still builds the rest', async () => {
    const outDir = join(temp, 'errors');
    expect(await main(['build', '--content', join(fixtures, 'dates', 'content'), '--out', outDir])).toBe(1);
    expect(existsSync(join(outDir, 'artikel', 'nederlandse-datum', 'index.html'))).toBe(true);
  });

  it('prints diagnostics as JSON with check --json', async () => {
    expect(await main(['check', '--json', '--content', join(fixtures, 'yaml-errors', 'content')])).toBe(1);
    const diagnostics = JSON.parse(out.join('\n')) as Array<{ code: string; severity: string; source: { path: string; line: number | null; column: number | null } }>;
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'ingest/front-matter-syntax', severity: 'error', source: { path: 'open-quote.md', line: 3, column: 8 } }));
  });

  it.each([
    [['frobnicate']],
    [['build', '--no-such-flag']],
    [['build', '--content', join(temp, 'missing')]],
    [['build', '--base-url', 'not a url']],
    [['serve', '--port', 'x']],
    [[]],
  ])('exits 2 on bad usage: %j', async (args) => {
    expect(await main(args)).toBe(2);
  });

  it('exits 2 when site.yml is invalid', async () => {
    const content = join(temp, 'bad-config');
    cpSync(join(fixtures, 'html-fragment', 'content'), content, { recursive: true });
    mkdirSync(join(content, '_data'));
    writeFileSync(join(content, '_data', 'site.yml'), 'locale: klingon\n');
    expect(await main(['check', '--content', content])).toBe(2);
    expect(out.join('\n')).toContain('config/invalid');
  });
});
