/**
 * Images from content: paths into another site become their alt text, images
 * on other hosts become links unless the site embeds them, and neither can
 * break the feeds (the feed library rejects relative addresses).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-images-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function site(externalImages: boolean): string {
  const content = join(temp, `content-${externalImages}`);
  mkdirSync(join(content, '_data'), { recursive: true });
  writeFileSync(join(content, '_data', 'site.yml'), `title: Beelden\nexternalImages: ${externalImages}\n`);
  writeFileSync(
    join(content, 'beelden.md'),
    '---\ntitle: Beelden\ndate: 2020-05-05\nimage: /assets/blog/foto.jpg\n---\n\nEen kaart: ![de kaart](/assets/kaart.png) en een foto: ![de foto](https://elders.example/foto.png).\n',
  );
  return content;
}

describe('images from content', () => {
  it.each([false, true])('externalImages: %s: no dead paths, other hosts as the site asks, feeds intact', async (externalImages) => {
    const outDir = join(temp, `out-${externalImages}`);
    const result = await build({ contentDir: site(externalImages), outDir, baseUrl: 'https://example.org/' });
    expect(result.diagnostics.count('error')).toBe(0);
    const page = readFileSync(join(outDir, 'artikel', 'beelden', 'index.html'), 'utf8');
    expect(page).toContain('[de kaart]');
    expect(page).not.toContain('src="/assets/kaart.png"');
    expect(page).not.toContain('/assets/blog/foto.jpg');
    if (externalImages) expect(page).toContain('<img src="https://elders.example/foto.png"');
    else expect(page).toContain('<a href="https://elders.example/foto.png" class="external-image" rel="external noopener">[de foto]</a>');
    const rss = readFileSync(join(outDir, 'feed.xml'), 'utf8');
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(rss).toContain('https://example.org/artikel/beelden/');
    expect(rss).not.toContain('/assets/blog/foto.jpg"');
  });
});
