/**
 * Tags and categories, however written (a string or a list, trailing spaces,
 * mixed case, accents, decomposed Unicode), folded to one key each.
 */
import type { Tag } from '../model.js';
import { fnv1a } from '../text.js';
import { slugify } from './slug.js';

/** Front-matter keys that hold tags. */
export const TAG_FIELDS = ['tags', 'categories', 'category', 'keywords', 'trefwoorden', 'rubriek'];
/** More tags than this on one article are cut (with a warning). */
export const MAX_TAGS_PER_ARTICLE = 100;

/** A tag as written, before the archive-wide display label is chosen. */
export interface WrittenTag {
  key: string;
  slug: string;
  written: string;
}

/** Reads the tag fields: lists as they are, strings split on commas (or on spaces for Jekyll's `categories`/`tags`). */
export function readTags(fields: Record<string, unknown>): WrittenTag[] {
  const seen = new Map<string, WrittenTag>();
  for (const field of TAG_FIELDS) {
    for (const written of valuesOf(fields[field], field)) {
      const display = written.normalize('NFC').replace(/\s+/g, ' ').trim();
      const key = tagKey(display);
      if (key && !seen.has(key)) seen.set(key, { key, slug: slugify(display) || `tag-${hashText(key)}`, written: display });
    }
  }
  return [...seen.values()];
}

function valuesOf(value: unknown, field: string): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : []));
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string') return [];
  if (value.includes(',')) return value.split(',');
  // Jekyll reads a space-separated string of categories or tags as several.
  return field === 'categories' || field === 'tags' ? value.split(/\s+/) : [value];
}

/** The key two spellings of one tag share: no case, accents, or spacing differences. */
export function tagKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim();
}

/** Chooses each key's display label: the most common written form, ties broken by code-point order. */
export function chooseTagLabels(all: WrittenTag[][]): Map<string, Tag> {
  const counts = new Map<string, Map<string, number>>();
  const slugs = new Map<string, string>();
  for (const tags of all) {
    for (const tag of tags) {
      const forms = counts.get(tag.key) ?? new Map<string, number>();
      forms.set(tag.written, (forms.get(tag.written) ?? 0) + 1);
      counts.set(tag.key, forms);
      slugs.set(tag.key, tag.slug);
    }
  }
  const labels = new Map<string, Tag>();
  const usedSlugs = new Set<string>();
  // Keys in sorted order, so which of two clashing tags keeps the plain slug never depends on file order.
  for (const key of [...counts.keys()].sort()) {
    const [label] = [...counts.get(key)!].sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0))[0]!;
    let slug = slugs.get(key)!;
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${slugs.get(key)}-${n}`;
    usedSlugs.add(slug);
    labels.set(key, { key, slug, label });
  }
  return labels;
}

/** A short stable hash (FNV-1a, hex) for names that have no ASCII letters. */
export function hashText(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0');
}
