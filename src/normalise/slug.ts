/**
 * Slugs: ASCII, lowercase, bounded, safe whatever the title (`../`, `C:\`,
 * emoji, reserved device names), and unique in an order-independent way.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { SourceRef } from '../model.js';

/** Longest slug, cut on a dash where possible. */
export const MAX_SLUG_LENGTH = 80;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/** Folds text to `a-z0-9` words joined by single dashes; may return ''. */
export function slugify(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/['’‘`]/g, '')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
    const dash = cut.lastIndexOf('-');
    slug = (dash > 20 ? cut.slice(0, dash) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
  }
  return WINDOWS_RESERVED.test(slug) ? `${slug}-1` : slug;
}

/** Something that wants a slug. */
export interface SlugRequest {
  id: string;
  base: string;
  source: SourceRef;
}

/**
 * Gives every request a unique slug. Claims are settled by source path, so the
 * same content gets the same slugs whatever order the files were read in.
 */
export function assignUniqueSlugs(requests: SlugRequest[], diagnostics: Diagnostics): Map<string, string> {
  const ordered = [...requests].sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0));
  const taken = new Set(ordered.map((r) => r.base));
  const claimed = new Set<string>();
  const result = new Map<string, string>();
  for (const request of ordered) {
    let slug = request.base;
    if (claimed.has(slug)) {
      let n = 2;
      const stem = slug.slice(0, MAX_SLUG_LENGTH - 4).replace(/-+$/, '');
      while (claimed.has(`${stem}-${n}`) || taken.has(`${stem}-${n}`)) n++;
      slug = `${stem}-${n}`;
      diagnostics.add(
        'normalise/slug-collision',
        'warning',
        request.source,
        `another article already has the address "${request.base}"; this one gets "${slug}"`,
        'give one of them a `slug:` in its front matter (or in _data/overrides.yml) to choose the address yourself',
      );
    }
    claimed.add(slug);
    result.set(request.id, slug);
  }
  return result;
}
