/**
 * Outlet, original link and image: URLs are kept only when safe to put in an
 * `href`/`src`, and the outlet is named from the link's host via `_data/outlets.yml`.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { RawArticle } from '../model.js';

const LINK_FIELDS = ['externe_link', 'external_url', 'externalUrl', 'source_url', 'original_url', 'canonical_url', 'canonical'];
/** Fields that hold the original's address only sometimes (`url` is often the site's own permalink, `source` an outlet name). */
const MAYBE_LINK_FIELDS = ['source', 'link', 'url'];
const IMAGE_FIELDS = ['feature_image', 'image', 'featured_image', 'cover', 'thumbnail', 'og_image', 'afbeelding'];
const OUTLET_FIELDS = ['outlet', 'bron', 'publisher', 'source', 'medium', 'krant'];

/** What an article says about where it was first published. */
export interface Provenance {
  outlet: string | null;
  externalUrl: string | null;
  image: string | null;
}

/** Reads link, image and outlet fields; unsafe URLs are dropped with a warning. */
export function readProvenance(raw: RawArticle, outlets: Record<string, string>, diagnostics: Diagnostics): Provenance {
  const link = firstField(raw, LINK_FIELDS, 'meta:url') ?? firstAbsoluteLink(raw);
  const externalUrl = link ? safeUrl(link.value, link.key, raw, diagnostics, false) : null;
  const imageField = firstField(raw, IMAGE_FIELDS, 'meta:image');
  const image = imageField ? safeUrl(imageField.value, imageField.key, raw, diagnostics, true) : null;
  const named = firstField(raw, OUTLET_FIELDS, 'meta:outlet');
  let outlet = named && !/^https?:/i.test(named.value) ? named.value : null;
  if (!outlet && externalUrl) {
    const host = new URL(externalUrl).hostname.toLowerCase().replace(/^www\./, '');
    outlet = outletForHost(host, outlets) ?? host;
  }
  return { outlet, externalUrl, image };
}

function outletForHost(host: string, outlets: Record<string, string>): string | null {
  // Sub-domains inherit: `financieel.telegraaf.nl` is De Telegraaf.
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    if (outlets[h]) return outlets[h]!;
  }
  return null;
}

function firstField(raw: RawArticle, keys: string[], metaKey: string): { key: string; value: string } | null {
  for (const key of keys) {
    const value = raw.fields[key];
    if (typeof value === 'string' && value.trim()) return { key, value: value.trim() };
  }
  const meta = raw.pageMeta[metaKey.slice(5)];
  return meta ? { key: metaKey, value: meta } : null;
}

function firstAbsoluteLink(raw: RawArticle): { key: string; value: string } | null {
  for (const key of MAYBE_LINK_FIELDS) {
    const value = raw.fields[key];
    if (typeof value === 'string' && /^https?:\/\//i.test(value.trim())) return { key, value: value.trim() };
  }
  return null;
}

function safeUrl(value: string, key: string, raw: RawArticle, diagnostics: Diagnostics, allowRelative: boolean): string | null {
  const at = { ...raw.source, ...(raw.fieldLines[key] ? { line: raw.fieldLines[key], column: 1 } : {}) };
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // Not absolute: a relative image path is fine, anything else is reported below.
    if (allowRelative && /^[\w./-]+$/.test(value) && !value.includes('..')) return value;
  }
  diagnostics.add(
    'normalise/unsafe-url',
    'warning',
    at,
    `\`${key}\` is not an http(s) address and was left out: ${value.slice(0, 80)}`,
    'use a full address starting with https://',
  );
  return null;
}
